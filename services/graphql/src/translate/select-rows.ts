// A table query's arguments (value or filter, orderBy, options) and the columns its selection
// asks for → one SELECT with bind markers and its query parameters.
import { buildSelect, toQuery } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import { equalityConditions, type FilterInput, filterConditions } from './conditions.js';
import { ValueError } from './graphql-values.js';
import { type QueryOptionsInput, queryLimit, queryParameters } from './query-options.js';
import { type CurrentTable, columnOf } from './table-ref.js';

export interface SelectArgs {
  value?: Record<string, unknown> | null;
  filter?: FilterInput | null;
  orderBy?: Array<string | null> | null;
  options?: QueryOptionsInput | null;
}

export function selectRowsQuery(
  current: CurrentTable,
  args: SelectArgs,
  graphqlColumns: readonly string[],
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
    where,
    orderBy,
    limit: queryLimit(args.options),
  });
  return toQuery(built, queryParameters(args.options));
}
