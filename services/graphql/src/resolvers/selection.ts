// Which columns a table query needs: the fields selected under `values` (through aliases,
// fragments and inline fragments), so the SELECT reads only those; and the aggregation fields
// (`_int_function(name, args)` …) and similarity scores (`_similarity(function)`) selected there,
// with their arguments.
import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLObjectType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getNamedType,
  Kind,
  type SelectionSetNode,
} from '../graphql-js.js';
import { type AggregateRequest, isAggregateField } from '../translate/aggregates.js';
import type { SimilarityRequest } from '../translate/ann-search.js';
import { ValueError } from '../translate/graphql-values.js';

type Fragments = GraphQLResolveInfo['fragments'];

/**
 * A field node's selection never changes (its fragments come from the same document), so a query
 * seen again reads its columns from here instead of walking its selections once more.
 */
interface ValueSelection {
  columns: readonly string[];
  aggregates: readonly FieldNode[];
  similarities: readonly FieldNode[];
}

/** The row type's similarity score field (schema/dml-schema.ts); a column may not take its name. */
export const SIMILARITY_FIELD = '_similarity';
const known = new WeakMap<FieldNode, ValueSelection>();

function valueSelection(info: GraphQLResolveInfo): ValueSelection {
  const only = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const cached = only && known.get(only);
  if (cached) return cached;
  const columns = new Set<string>();
  const aggregates: FieldNode[] = [];
  const similarities: FieldNode[] = [];
  // A column may be named _similarity too (the column then keeps the name: no score field).
  const scored = valueRowType(info)?.getFields()[SIMILARITY_FIELD]?.extensions?.similarityScore === true;
  for (const node of info.fieldNodes) {
    const values: FieldNode[] = [];
    collectFields(node.selectionSet, info.fragments, 'values', values, new Set());
    for (const value of values) {
      const selected: FieldNode[] = [];
      collectFields(value.selectionSet, info.fragments, undefined, selected, new Set());
      for (const field of selected) {
        if (isAggregateField(field.name.value)) aggregates.push(field);
        else if (scored && field.name.value === SIMILARITY_FIELD) similarities.push(field);
        else if (!field.name.value.startsWith('__')) columns.add(field.name.value);
      }
    }
  }
  const result = { columns: [...columns], aggregates, similarities };
  if (only) known.set(only, result);
  return result;
}

export function selectedValueFields(info: GraphQLResolveInfo): readonly string[] {
  return valueSelection(info).columns;
}

/**
 * The aggregation fields under `values`, one per response key (an alias, or the field name). One
 * key asked twice with other arguments (possible across two aliased `values`) would be ambiguous.
 */
export function selectedAggregates(info: GraphQLResolveInfo): AggregateRequest[] {
  const nodes = valueSelection(info).aggregates;
  if (nodes.length === 0) return [];
  const rowType = valueRowType(info);
  if (!rowType) return [];
  const byKey = new Map<string, AggregateRequest>();
  for (const node of nodes) {
    const field = node.name.value;
    const definition = rowType.getFields()[field];
    if (!definition || !isAggregateField(field)) continue;
    const args = getArgumentValues(definition, node, info.variableValues) as { name: string; args: string[] };
    add(byKey, { key: node.alias?.value ?? field, field, name: args.name, args: args.args }, 'aggregations');
  }
  return [...byKey.values()];
}

/** The `_similarity` fields under `values`, one per response key, with their function if given. */
export function selectedSimilarities(info: GraphQLResolveInfo): SimilarityRequest[] {
  const nodes = valueSelection(info).similarities;
  if (nodes.length === 0) return [];
  const definition = valueRowType(info)?.getFields()[SIMILARITY_FIELD];
  if (!definition) return [];
  const byKey = new Map<string, SimilarityRequest>();
  for (const node of nodes) {
    const args = getArgumentValues(definition, node, info.variableValues) as Pick<
      SimilarityRequest,
      'function'
    >;
    add(byKey, { key: node.alias?.value ?? SIMILARITY_FIELD, function: args.function ?? null }, 'scores');
  }
  return [...byKey.values()];
}

/** One key asked twice with other arguments (possible across two aliased `values`) is ambiguous. */
function add<T extends { key: string }>(byKey: Map<string, T>, request: T, what: string): void {
  const seen = byKey.get(request.key);
  if (seen && JSON.stringify(seen) !== JSON.stringify(request)) {
    throw new ValueError(`"${request.key}" names two different ${what}; give each its own alias`);
  }
  byKey.set(request.key, request);
}

function valueRowType(info: GraphQLResolveInfo): GraphQLObjectType | undefined {
  const resultType = getNamedType(info.returnType);
  const rowType =
    resultType instanceof GraphQLObjectType ? getNamedType(resultType.getFields().values?.type) : undefined;
  return rowType instanceof GraphQLObjectType ? rowType : undefined;
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
