// Limits on what one operation may ask for. Depth: nesting of fields below the operation
// (introspection fields are free, so GraphiQL can always load the schema). Cost: one point per
// selected field, multiplied by the rows a list will hold: a table query's page (limit or
// pageSize, 100 by default) for its `values`, the number of rows for a bulk insert's results.
import {
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationRule,
  valueFromAST,
} from '../graphql-js.js';
import { DEFAULT_PAGE_SIZE } from '../translate/query-options.js';
import { hasVariable } from './has-variable.js';

export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context) => {
    const depthOf = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let deepest = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, visiting));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
        } else {
          const name = selection.name.value;
          if (visiting.has(name)) continue;
          visiting.add(name);
          deepest = Math.max(deepest, depthOf(context.getFragment(name)?.selectionSet, visiting));
          visiting.delete(name);
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query depth ${depth} exceeds the maximum depth of ${maxDepth}`, {
              nodes: node,
            }),
          );
        }
      },
    };
  };
}

export class QueryCostError extends GraphQLError {}

export interface QueryCost {
  /** The cost, or a number above maxCost once the count went past it. */
  cost: number;
  /** Whether a variable decided a multiplier: only then can the same operation cost otherwise. */
  readsVariables: boolean;
}

/** Throws QueryCostError when the selected operation would cost more than maxCost. */
export function checkQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  maxCost: number,
): void {
  rejectCost(queryCost(schema, document, operationName, variables, maxCost).cost, maxCost);
}

export function rejectCost(cost: number, maxCost: number): void {
  if (cost > maxCost) {
    throw new QueryCostError(
      `Query cost exceeds the maximum of ${maxCost} (one point per selected field, times the rows of each page or bulk insert); select fewer fields or use a smaller pageSize`,
    );
  }
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  maxCost: number,
): QueryCost {
  let readsVariables = false;
  const operation = getOperationAST(document, operationName);
  if (!operation) return { cost: 0, readsVariables };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return { cost: 0, readsVariables };
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const vars = variables ?? {};

  /** `pageRows`: the rows of the table query whose result this selection set reads. */
  const costOf = (
    set: SelectionSetNode | undefined,
    type: GraphQLNamedType,
    multiplier: number,
    visiting: Set<string>,
    pageRows = 1,
  ): number => {
    let total = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const field = isObjectType(type) ? type.getFields()[name] : undefined;
        total += multiplier;
        if (field && selection.selectionSet) {
          const itemMultiplier = multiplier * (name === 'values' ? pageRows : bulkRows(field, selection));
          total += costOf(
            selection.selectionSet,
            getNamedType(field.type),
            itemMultiplier,
            visiting,
            tableRows(field, selection),
          );
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, type, multiplier, visiting, pageRows);
      } else {
        const name = selection.name.value;
        if (visiting.has(name)) continue;
        visiting.add(name);
        total += costOf(fragments.get(name)?.selectionSet, type, multiplier, visiting, pageRows);
        visiting.delete(name);
      }
      if (total > maxCost) break;
    }
    return total;
  };

  /** A table query (TResult{pageState, values} with options): the rows of one page. */
  const tableRows = (field: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    const result = getNamedType(field.type);
    if (!isObjectType(result) || !result.getFields().values || !field.args.some((a) => a.name === 'options'))
      return 1;
    const options = argument(field, node, 'options') as { limit?: number; pageSize?: number } | undefined;
    const pageSize = options?.pageSize ?? DEFAULT_PAGE_SIZE;
    // A vector search returns its limit in one page, whatever the page size (translate/ann-search.ts).
    const ann = field.args.some((a) => a.name === 'ann') && argument(field, node, 'ann') != null;
    if (ann && typeof options?.limit === 'number') return Math.max(1, options.limit);
    return Math.max(1, Math.min(options?.limit ?? pageSize, pageSize));
  };

  /** A bulk insert: one result per row. */
  const bulkRows = (field: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    const type = isNonNullType(field.type) ? field.type.ofType : field.type;
    if (!isListType(type) || !field.args.some((a) => a.name === 'values')) return 1;
    const values = argument(field, node, 'values');
    return Array.isArray(values) ? Math.max(1, values.length) : 1;
  };

  const argument = (field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown => {
    const definition = field.args.find((a) => a.name === name);
    const literal = node.arguments?.find((a) => a.name.value === name);
    if (!definition || !literal) return undefined;
    if (hasVariable(literal.value)) readsVariables = true;
    return valueFromAST(literal.value, definition.type, vars as Record<string, unknown>);
  };

  return { cost: costOf(operation.selectionSet, root, 1, new Set()), readsVariables };
}
