// A table query's arguments (value or filter, orderBy, groupBy, ann, options), the columns its
// selection asks for, its aggregation fields and similarity scores → one SELECT with bind markers
// and its query parameters.
import { buildSelect, toQuery } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import { type AggregateRequest, aggregateSelector } from './aggregates.js';
import {
  type AnnInput,
  type AnnSearch,
  annSearch,
  type SimilarityRequest,
  similaritySelectors,
} from './ann-search.js';
import { equalityConditions, type FilterInput, filterConditions } from './conditions.js';
import { ValueError } from './graphql-values.js';
import { type QueryOptionsInput, queryLimit, queryParameters } from './query-options.js';
import { type CurrentTable, columnOf } from './table-ref.js';

export interface SelectArgs {
  value?: Record<string, unknown> | null;
  filter?: FilterInput | null;
  orderBy?: Array<string | null> | null;
  /** Primary-key columns by GraphQL name; true ones are grouped by. */
  groupBy?: Record<string, boolean | null> | null;
  /** A vector search: one vector column → the query vector. */
  ann?: AnnInput | null;
  options?: QueryOptionsInput | null;
}

export function selectRowsQuery(
  current: CurrentTable,
  args: SelectArgs,
  graphqlColumns: readonly string[],
  aggregates: readonly AggregateRequest[] = [],
  similarities: readonly SimilarityRequest[] = [],
): Query {
  const where = args.filter
    ? filterConditions(args.filter, current)
    : equalityConditions(args.value, current);
  const orderBy = (args.orderBy ?? []).map((entry: string | null) => {
    if (entry === null) throw new ValueError('orderBy entries must not be null');
    const split = entry.lastIndexOf('_');
    const column = columnOf(current, entry.slice(0, split));
    return {
      column: column.name ?? '',
      order: entry.slice(split + 1) === 'DESC' ? ('DESC' as const) : ('ASC' as const),
    };
  });
  const groupBy = groupByColumns(current, args.groupBy);
  const search = annSearch(current, args.ann, args.options);
  if (search) refuseWithAnn(orderBy.length > 0, groupBy.length > 0, aggregates.length > 0);
  const scores = similaritySelectors(search, similarities);
  const columns = graphqlColumns.map((c) => columnOf(current, c).name ?? '');
  const built = buildSelect({
    keyspace: current.ref.keyspace,
    table: current.ref.cqlTable,
    columns,
    selectors: [...aggregates.map((a) => aggregateSelector(current, a)), ...scores.selectors],
    selectorValues: scores.values,
    where,
    groupBy,
    orderBy,
    annOf: search?.order,
    limit: search ? search.limit : queryLimit(args.options),
  });
  return toQuery(built, annParameters(search, queryParameters(args.options)));
}

/** What Cassandra cannot combine with an ANN ordering, refused with the reason. */
function refuseWithAnn(ordered: boolean, grouped: boolean, aggregated: boolean): void {
  const clash = ordered ? 'orderBy' : grouped ? 'groupBy' : aggregated ? 'aggregation fields' : undefined;
  if (clash) {
    throw new ValueError(
      `a vector search (ann) orders rows by similarity and cannot be combined with ${clash}`,
    );
  }
}

/** A vector search comes back in one page: Cassandra wants a page size of at least its limit. */
function annParameters(search: AnnSearch | undefined, parameters: QueryParameters): QueryParameters {
  if (!search) return parameters;
  const pageSize = Math.max(search.limit, Number(parameters.pageSize?.value ?? 0));
  return { ...parameters, pageSize: { value: pageSize } };
}

/** The grouped columns in primary-key order, whatever order the input object listed them in. */
function groupByColumns(current: CurrentTable, groupBy: SelectArgs['groupBy']): string[] {
  if (!groupBy) return [];
  for (const name of Object.keys(groupBy)) {
    const cql = current.ref.columns.cql(name);
    if (cql === undefined || !current.view.column(cql)?.isPrimaryKey) {
      throw new ValueError(`groupBy: ${name} is not a primary key column`);
    }
  }
  return current.view.primaryKey
    .filter((column) => {
      const graphqlName = current.ref.columns.graphql(column.name);
      return graphqlName !== undefined && groupBy[graphqlName] === true;
    })
    .map((column) => column.name);
}
