// Which columns a table query needs: the fields selected under `values` (through aliases,
// fragments and inline fragments), so the SELECT reads only those.
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type SelectionSetNode,
} from '../graphql-js.js';

type Fragments = GraphQLResolveInfo['fragments'];

/**
 * A field node's selection never changes (its fragments come from the same document), so a query
 * seen again reads its columns from here instead of walking its selections once more.
 */
const known = new WeakMap<FieldNode, readonly string[]>();

export function selectedValueFields(info: GraphQLResolveInfo): readonly string[] {
  const only = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const cached = only && known.get(only);
  if (cached) return cached;
  const fields = new Set<string>();
  for (const node of info.fieldNodes) {
    const values: FieldNode[] = [];
    collectFields(node.selectionSet, info.fragments, 'values', values, new Set());
    for (const value of values) {
      const selected: FieldNode[] = [];
      collectFields(value.selectionSet, info.fragments, undefined, selected, new Set());
      for (const field of selected) if (!field.name.value.startsWith('__')) fields.add(field.name.value);
    }
  }
  const result = [...fields];
  if (only) known.set(only, result);
  return result;
}

/** The fields of a selection set (named `name` when given), looking into fragments once each. */
function collectFields(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  name: string | undefined,
  out: FieldNode[],
  seen: Set<string>,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (name === undefined || selection.name.value === name) out.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, fragments, name, out, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment: FragmentDefinitionNode | undefined = fragments[selection.name.value];
      collectFields(fragment?.selectionSet, fragments, name, out, seen);
    }
  }
}
