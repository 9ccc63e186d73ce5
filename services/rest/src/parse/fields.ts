// The `fields` parameter: a comma-separated list of the columns to return (all when absent), where
// `ttl(col)` and `writetime(col)` return the column's remaining time to live (seconds, null when
// it does not expire) and its write time (microseconds since the epoch) under those names; on an
// ANN read, `similarity_cosine(col)` (and _dot_product, _euclidean) returns the score of col
// against the query vector under that name.
import type { JsonCodec } from '../../../common/src/codecs/json-codec.js';
import { quoteIdentifier } from '../../../common/src/cql/identifier.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import { ColumnView, type TableView } from '../../../common/src/schema/table-view.js';
import { SCORE_CALL, scoreField } from './score-field.js';
import type { VectorQuery } from './vector-sort.js';

/** One returned field: its name in the rows, its CQL selector and its codec. */
export interface Field {
  readonly name: string;
  readonly selector: string;
  codec(compactMapData: boolean): JsonCodec;
  /** Values of the bind markers in `selector` (a score's query vector). */
  readonly selectorValues?: readonly Value[];
}

const FUNCTION = /^(ttl|writetime)\s*\(\s*(.+?)\s*\)$/i;

/** Fields of a table's own columns, made once per column list. */
const columnFields = new WeakMap<readonly ColumnView[], Field[]>();

export function parseFields(
  text: string | undefined,
  table: TableView,
  vector?: VectorQuery,
): readonly Field[] {
  const names = (text ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0) return fieldsOfColumns(table.ordered);
  return names.map((name) => {
    const column = table.column(name);
    if (column) return columnField(column);
    const score = SCORE_CALL.exec(name);
    if (score) return scoreField(score[1]!, score[2]!, table, vector);
    const call = FUNCTION.exec(name);
    if (!call) throw new ApiError('REST_FIELDS_INVALID', { detail: table.unknownColumnMessage(name) });
    return functionField(call[1]!.toLowerCase() as 'ttl' | 'writetime', call[2]!, table);
  });
}

export function fieldsOfColumns(columns: readonly ColumnView[]): Field[] {
  let fields = columnFields.get(columns);
  if (!fields) {
    fields = columns.map(columnField);
    columnFields.set(columns, fields);
  }
  return fields;
}

function columnField(column: ColumnView): Field {
  return { name: column.name, selector: quoteIdentifier(column.name), codec: (c) => column.codec(c) };
}

/**
 * ttl(col) / writetime(col) as Cassandra 5.0 allows them: not on primary-key columns (they have no
 * cell of their own); on a non-frozen collection or UDT, one value per element or field.
 */
function functionField(fn: 'ttl' | 'writetime', columnName: string, table: TableView): Field {
  const column = table.column(columnName);
  if (!column) {
    throw new ApiError('REST_FIELDS_INVALID', {
      detail: `${fn}(…): ${table.unknownColumnMessage(columnName)}`,
    });
  }
  if (column.isPrimaryKey) {
    throw new ApiError('REST_FIELDS_INVALID', {
      detail: `${fn}(${columnName}): '${columnName}' is a primary key column, and Cassandra keeps a TTL and write time only for the other columns`,
    });
  }
  const value: TypeSpec__Output = {
    basic: fn === 'ttl' ? BasicType.INT : BasicType.BIGINT,
  } as TypeSpec__Output;
  const type: TypeSpec__Output = isMultiCell(column.type)
    ? ({ list: { element: value, frozen: true } } as TypeSpec__Output)
    : value;
  const view = new ColumnView(`${fn}(${column.name})`, type, 'regular', false);
  return {
    name: view.name,
    selector: `${fn.toUpperCase()}(${quoteIdentifier(column.name)})`,
    codec: (c) => view.codec(c),
  };
}

/** Non-frozen collections and UDTs are stored as one cell per element or field. */
function isMultiCell(type: TypeSpec__Output | undefined): boolean {
  if (!type) return false;
  if (type.list) return !type.list.frozen;
  if (type.set) return !type.set.frozen;
  if (type.map) return !type.map.frozen;
  if (type.udt) return !type.udt.frozen;
  return false;
}
