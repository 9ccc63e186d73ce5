// A table query's arguments (value or filter, orderBy, groupBy, options), the columns its selection
// asks for and its aggregation fields → one SELECT with bind markers and its query parameters.
import { buildSelect, toQuery } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import { type AggregateRequest, aggregateSelector } from './aggregates.js';
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
  options?: QueryOptionsInput | null;
}

export function selectRowsQuery(
  current: CurrentTable,
  args: SelectArgs,
  graphqlColumns: readonly string[],
  aggregates: readonly AggregateRequest[] = [],
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
  const columns = graphqlColumns.map((c) => columnOf(current, c).name ?? '');
  const built = buildSelect({
    keyspace: current.ref.keyspace,
    table: current.ref.cqlTable,
    columns,
    selectors: aggregates.map((a) => aggregateSelector(current, a)),
    where,
    groupBy: groupByColumns(current, args.groupBy),
    orderBy,
    limit: queryLimit(args.options),
  });
  return toQuery(built, queryParameters(args.options));
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
