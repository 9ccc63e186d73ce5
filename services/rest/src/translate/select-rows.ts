// A row read → SELECT with the chosen columns (and ttl/writetime selectors) listed (so rows decode with the cached column
// types and the bridge can skip result metadata), conditions bound, ORDER BY (or ANN OF a bound
// query vector, with LIMIT k), paging.
import type { Condition } from '../../../common/src/cql/condition.js';
import { buildSelect, toQuery } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import type { TableView } from '../../../common/src/schema/table-view.js';
import type { Field } from '../parse/fields.js';
import type { SortOrder } from '../parse/sort.js';
import type { VectorQuery } from '../parse/vector-sort.js';

export interface RowsRead {
  table: TableView;
  fields: readonly Field[];
  where: readonly Condition[];
  orderBy: SortOrder;
  paging: QueryParameters;
  /** An ANN read: ORDER BY col ANN OF ? LIMIT k (paging then holds k as its one page). */
  ann?: { vector: VectorQuery; limit: number };
}

export function buildRowsQuery(read: RowsRead): Query {
  const built = buildSelect({
    keyspace: read.table.keyspace,
    table: read.table.name,
    selectors: read.fields.map((f) => f.selector),
    selectorValues: read.fields.flatMap((f) => f.selectorValues ?? []),
    where: read.where,
    orderBy: read.orderBy,
    annOf: read.ann && { column: read.ann.vector.column, vector: read.ann.vector.vector },
    limit: read.ann?.limit,
  });
  return toQuery(built, read.paging);
}
