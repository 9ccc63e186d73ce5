// rowsToObjects (rows.ts) for a result set whose rows are still the bridge's bytes: the same row
// objects, without a Value object per cell and a Row object per row first (issue 19: decoding a
// 100-row page into objects, and collecting them, was most of the GraphQL API's CPU). A cell of a
// basic Int, String or Boolean/Float column holding exactly the field fromProtoValue reads becomes
// its JS value from its wire bytes; any other cell is decoded alone and handed to fromProtoValue.

import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import type { Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { plainDecoder } from '../../../common/src/proto/plain-decoder.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import { protoRoot } from '../../../common/src/proto/proto-root.js';
import type { ResultSetRowSpans } from '../../../common/src/proto/result-set-row-spans.js';
import {
  delimitedStart,
  sint64Exactly,
  sint64Read,
  WireReader,
} from '../../../common/src/proto/wire-reader.js';
import type { NameMapping } from '../schema/name-mapping.js';
import { fromProtoValue } from '../translate/graphql-values.js';
import type { TableRef } from '../translate/table-ref.js';
import { AGGREGATES, type RowWithAggregates } from './aggregate-values.js';
import { APPLIED } from './rows.js';

/** Row.values' field number (query.proto). */
const ROW_VALUES = 1;

/** How a column's cells may be read from their bytes; OTHER: decoded first. */
const OTHER = 0;
const INT = 1;
const TEXT = 2;
const BOOLEAN = 3;
const DOUBLE = 4;

/** The one-byte tag of the Value field each kind reads: int = 3 (varint), string = 7, boolean = 6 (varint), double = 5 (fixed64). */
const TAG_OF_KIND = [-1, 0x18, 0x3a, 0x30, 0x29];
/** Value.null and Value.unset, empty: null whatever the column type. */
const NULL_TAG = 0x0a;
const UNSET_TAG = 0x12;

/** The kind of a column type that fromProtoValue turns into a plain JS value (never a container). */
function kindOf(type: TypeSpec__Output | undefined): number {
  if (!type || type.vector != null || type.list || type.set || type.map || type.tuple || type.udt)
    return OTHER;
  switch (type.basic) {
    case BasicType.INT:
      return INT;
    case BasicType.TEXT:
    case BasicType.VARCHAR:
      return TEXT;
    case BasicType.BOOLEAN:
      return BOOLEAN;
    case BasicType.DOUBLE:
      return DOUBLE;
    default:
      return OTHER;
  }
}

let decodeValue: ((bytes: Uint8Array) => object) | undefined;

function decodedValue(buf: Buffer, start: number, end: number): Value__Output {
  decodeValue ??= plainDecoder(protoRoot().lookupType('stargate.Value'));
  return decodeValue(buf.subarray(start, end)) as Value__Output;
}

/** rowsToObjects(resultSet, ref, aggregateKeys) for the result set with its rows as bytes. */
export function rowsToObjectsFromBytes(
  encoded: ResultSetRowSpans | undefined,
  ref: TableRef,
  aggregateKeys: readonly string[] = [],
): RowWithAggregates[] {
  if (!encoded) return [];
  const { resultSet, bytes, rowSpans } = encoded;
  const columns = resultSet.columns ?? [];
  const plain = columns.length - aggregateKeys.length;
  const fieldNames: (string | undefined)[] = [];
  const types: (TypeSpec__Output | undefined)[] = [];
  const kinds = new Uint8Array(Math.max(0, plain));
  for (let i = 0; i < plain; i++) {
    const column = columns[i]!;
    fieldNames.push(column.name === APPLIED ? undefined : ref.columns.graphql(column.name ?? ''));
    types.push(column.type);
    kinds[i] = kindOf(column.type);
  }
  const rows: RowWithAggregates[] = new Array(rowSpans.length / 2);
  const row = new WireReader(bytes);
  for (let k = 0; k < rows.length; k++) {
    row.pos = rowSpans[2 * k]!;
    row.end = rowSpans[2 * k + 1]!;
    const out: RowWithAggregates = {};
    const aggregates = aggregateKeys.length > 0 ? new Map<string, Value__Output>() : undefined;
    if (aggregates) out[AGGREGATES] = aggregates;
    let column = 0;
    for (let length = row.nextDelimited(ROW_VALUES); length >= 0; length = row.nextDelimited(ROW_VALUES)) {
      const start = row.pos;
      const end = start + length;
      row.pos = end;
      if (column < plain) {
        const name = fieldNames[column];
        if (name !== undefined) out[name] = cell(bytes, start, end, kinds[column]!, types[column], ref.names);
      } else if (column - plain < aggregateKeys.length) {
        aggregates!.set(aggregateKeys[column - plain]!, decodedValue(bytes, start, end));
      }
      column++;
    }
    // Values missing at the end of a row: fromProtoValue(type, undefined) is null.
    for (; column < plain; column++) {
      const name = fieldNames[column];
      if (name !== undefined) out[name] = null;
    }
    rows[k] = out;
  }
  return rows;
}

/** One Value message (buf[start, end)) as fromProtoValue gives it for the column's type. */
function cell(
  buf: Buffer,
  start: number,
  end: number,
  kind: number,
  type: TypeSpec__Output | undefined,
  names: NameMapping,
): unknown {
  if (end > start) {
    const tag = buf[start]!;
    if ((tag === NULL_TAG || tag === UNSET_TAG) && end === start + 2 && buf[start + 1] === 0) return null;
    if (tag === TAG_OF_KIND[kind]) {
      const p = start + 1;
      switch (kind) {
        case INT:
          if (sint64Exactly(buf, p, end)) {
            const { low, high } = sint64Read;
            // An int32 as such (a small integer to V8, as Number() of its decimal gives); beyond,
            // exactly Number() of the decimal the decoder gives: one rounding of the exact integer.
            const int32 = low | 0;
            return high === int32 >> 31 ? int32 : high * 2 ** 32 + low;
          }
          break;
        case TEXT: {
          const content = delimitedStart(buf, p, end);
          if (content >= 0) return buf.toString('utf8', content, end);
          break;
        }
        case BOOLEAN:
          if (end === p + 1 && buf[p]! <= 1) return buf[p] === 1;
          break;
        case DOUBLE:
          if (end === p + 8) return buf.readDoubleLE(p);
          break;
      }
    }
  }
  return fromProtoValue(type, decodedValue(buf, start, end), names);
}
