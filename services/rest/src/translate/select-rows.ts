// A row read → SELECT with the chosen columns listed (so rows decode with the cached column
// types and the bridge can skip result metadata), conditions bound, ORDER BY, paging.
import type { Condition } from '../../../common/src/cql/condition.js';
import { buildSelect, toQuery } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import type { ColumnView, TableView } from '../../../common/src/schema/table-view.js';
import type { SortOrder } from '../parse/sort.js';

export interface RowsRead {
  table: TableView;
  columns: readonly ColumnView[];
  where: readonly Condition[];
  orderBy: SortOrder;
  paging: QueryParameters;
}

export function buildRowsQuery(read: RowsRead): Query {
  const built = buildSelect({
    keyspace: read.table.keyspace,
    table: read.table.name,
    columns: read.columns.map((c) => c.name),
    where: read.where,
    orderBy: read.orderBy,
  });
  return toQuery(built, read.paging);
}
