// PUT / PATCH of one row by its primary key → UPDATE. Counter columns are incremented by the
// given amount ("+1", "-2", 5), all other columns set.
import type { JsonInput } from '../../../common/src/codecs/json-codec.js';
import type { Condition } from '../../../common/src/cql/condition.js';
import { toQuery } from '../../../common/src/cql/select.js';
import { type Assignment, buildUpdate } from '../../../common/src/cql/update.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { TableView } from '../../../common/src/schema/table-view.js';
import { isJsonObject } from '../parse/json-text.js';
import type { WriteOptions } from '../parse/write-options.js';
import { columnValue, RowInputError } from './column-values.js';

export function buildUpdateRow(
  table: TableView,
  key: readonly Condition[],
  changes: JsonInput,
  compactMapData: boolean,
  options: WriteOptions = {},
): Query {
  if (!isJsonObject(changes)) {
    throw new RowInputError('The request body must be a JSON object of column names and values');
  }
  const assignments: Assignment[] = [];
  for (const [name, json] of Object.entries(changes)) {
    const column = table.column(name);
    if (!column) throw new RowInputError(table.unknownColumnMessage(name));
    if (column.isPrimaryKey) {
      throw new RowInputError(
        `Column '${name}' is part of the primary key: the path names the row to update`,
      );
    }
    const value = columnValue(column, json, compactMapData);
    assignments.push({ column: name, kind: column.isCounter ? 'increment' : 'set', value });
  }
  if (assignments.length === 0) throw new RowInputError('The request body names no column to update');
  return toQuery(
    buildUpdate({ keyspace: table.keyspace, table: table.name, assignments, where: key, ...options }),
  );
}
