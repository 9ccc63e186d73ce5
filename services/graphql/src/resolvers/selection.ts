// Which columns a table query needs: the fields selected under `values` (through aliases,
// fragments and inline fragments), so the SELECT reads only those.
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from '../graphql-js.js';

export function selectedValueFields(info: GraphQLResolveInfo): string[] {
  const fields = new Set<string>();
  for (const node of info.fieldNodes) {
    for (const values of fieldsIn(node.selectionSet, info, 'values')) {
      for (const field of fieldsIn(values.selectionSet, info)) {
        if (!field.name.value.startsWith('__')) fields.add(field.name.value);
      }
    }
  }
  return [...fields];
}

function fieldsIn(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, name?: string): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (name === undefined || selection.name.value === name) out.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  visit(set, new Set());
  return out;
}
