// DELETE of the rows under a primary-key prefix (a partition, a clustering range, or one row).
import type { Condition } from '../../../common/src/cql/condition.js';
import { buildDelete } from '../../../common/src/cql/delete.js';
import { toQuery } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { TableView } from '../../../common/src/schema/table-view.js';

export function buildDeleteRows(table: TableView, key: readonly Condition[]): Query {
  return toQuery(buildDelete({ keyspace: table.keyspace, table: table.name, where: key }));
}
