// A row as JSON (POST, and each row of a bulk insert) → INSERT with every value bound.
import type { JsonInput } from '../../../common/src/codecs/json-codec.js';
import { buildInsert } from '../../../common/src/cql/insert.js';
import { toQuery } from '../../../common/src/cql/select.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import type { TableView } from '../../../common/src/schema/table-view.js';
import { isJsonObject } from '../parse/json-text.js';
import type { WriteOptions } from '../parse/write-options.js';
import { columnValue, RowInputError } from './column-values.js';

export function buildInsertRow(
  table: TableView,
  row: JsonInput,
  compactMapData: boolean,
  options: WriteOptions = {},
): Query {
  if (!isJsonObject(row)) throw new RowInputError('A row must be a JSON object of column names and values');
  const values: Array<{ column: string; value: Value }> = [];
  for (const [name, json] of Object.entries(row)) {
    const column = table.column(name);
    if (!column) throw new RowInputError(table.unknownColumnMessage(name));
    values.push({ column: name, value: columnValue(column, json, compactMapData) });
  }
  const missing = table.primaryKey.filter((c) => !(c.name in row) || row[c.name] === null);
  if (missing.length > 0) {
    throw new RowInputError(
      `Missing value for primary key column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c.name}'`).join(', ')}`,
    );
  }
  return toQuery(buildInsert({ keyspace: table.keyspace, table: table.name, values, ...options }));
}
