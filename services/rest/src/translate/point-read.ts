// The hot path, GET /v2/keyspaces/{ks}/{table}/{pk…} without `fields` or `sort`: its CQL depends
// only on the table and on how many key values the path gives, so it is built once per table
// description and key count; a request only converts its key values and sends them.
import type { Condition } from '../../../common/src/cql/condition.js';
import { buildSelect } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import type { TableView } from '../../../common/src/schema/table-view.js';

const statements = new WeakMap<TableView, string[]>();

export function buildPointRead(table: TableView, key: readonly Condition[], paging: QueryParameters): Query {
  let byKeyCount = statements.get(table);
  if (!byKeyCount) {
    byKeyCount = [];
    statements.set(table, byKeyCount);
  }
  byKeyCount[key.length] ??= buildSelect({
    keyspace: table.keyspace,
    table: table.name,
    columns: table.ordered.map((c) => c.name),
    where: key,
  }).cql;
  return {
    cql: byKeyCount[key.length],
    values: { values: key.map((c) => c.value as Value) },
    parameters: paging,
  };
}
