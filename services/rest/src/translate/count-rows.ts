// A row count with the same `where` as a read → SELECT COUNT(*) (one row, one bigint column).
import type { Condition } from '../../../common/src/cql/condition.js';
import { buildSelect, toQuery } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { TableView } from '../../../common/src/schema/table-view.js';

export function buildCountQuery(table: TableView, where: readonly Condition[]): Query {
  const built = buildSelect({ keyspace: table.keyspace, table: table.name, selectors: ['COUNT(*)'], where });
  return toQuery(built, { skipMetadata: true });
}
