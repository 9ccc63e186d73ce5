// A driver ResultSet → Stargate's ResultSet as protobuf bytes, in one pass: column specs (unless
// skipped), rows, signed paging state. The common scalar columns are written from the bytes
// Cassandra sent when the read asked for raw cells (raw-cells.ts), else from the driver's values; every other value (collections, UDTs, tuples, vectors, varint, decimal, inet,
// date, time, duration) goes through fromDriverValue and protobufjs, so each type keeps one
// definition of its wire form. The bytes are those protobufjs writes for the same ResultSet object
// (test/unit/bridge/encode-result-set.test.ts compares them for every type).
import type cassandra from 'cassandra-driver';
import type { ColumnSpec } from '../../../common/src/proto/generated/stargate/ColumnSpec.js';
import { plainEncoder } from '../../../common/src/proto/plain-encoder.js';
import { protoRoot } from '../../../common/src/proto/proto-root.js';
import { ProtoWriter, WIRE_VARINT } from '../../../common/src/proto/proto-writer.js';
import { rawPageState } from '../cassandra/driver-internals.js';
import { cellLength, frameOf } from '../cassandra/raw-cells.js';
import { DataType, type DriverType, isDuration, isVector, Long, types } from '../codecs/driver-types.js';
import { fromDriverValue } from '../codecs/from-driver-value.js';
import { typeSpecFromDriver } from '../codecs/type-spec-from-driver.js';
import { EncodedResultSet } from './encoded-result-set.js';

// Field numbers of stargate.ResultSet, ColumnSpec, TypeSpec, Row, Value and Uuid (proto/query.proto).
const RESULT_SET_COLUMNS = 1;
const COLUMN_SPEC_TYPE = 1;
const COLUMN_SPEC_NAME = 2;
const TYPE_SPEC_BASIC = 1;
const RESULT_SET_ROWS = 2;
const RESULT_SET_PAGING_STATE = 3;
const ROW_VALUES = 1;
const BYTES_VALUE_VALUE = 1;
const VALUE_NULL = 1;
const VALUE_INT = 3;
const VALUE_FLOAT = 4;
const VALUE_DOUBLE = 5;
const VALUE_BOOLEAN = 6;
const VALUE_STRING = 7;
const VALUE_BYTES = 8;
const VALUE_UUID = 10;
const UUID_VALUE = 1;

/** How a column's values are written. */
enum Kind {
  Int32,
  Long,
  Timestamp,
  Float,
  Double,
  Boolean,
  Text,
  Blob,
  Uuid,
  /** fromDriverValue + protobufjs. */
  Other,
}

function kindOf(type: DriverType): Kind {
  switch (type.code) {
    case DataType.tinyint:
    case DataType.smallint:
    case DataType.int:
      return Kind.Int32;
    case DataType.bigint:
    case DataType.counter:
      return Kind.Long;
    case DataType.timestamp:
      return Kind.Timestamp;
    case DataType.float:
      return Kind.Float;
    case DataType.double:
      return Kind.Double;
    case DataType.boolean:
      return Kind.Boolean;
    case DataType.ascii:
    case DataType.text:
    case DataType.varchar:
      return Kind.Text;
    case DataType.blob:
      return Kind.Blob;
    case DataType.custom:
      return isVector(type) || isDuration(type) ? Kind.Other : Kind.Blob;
    case DataType.uuid:
    case DataType.timeuuid:
      return Kind.Uuid;
    default:
      return Kind.Other;
  }
}

let encoders: { value: (v: object) => Buffer; column: (c: object) => Buffer } | undefined;

function protobufEncoders() {
  encoders ??= {
    value: plainEncoder(protoRoot().lookupType('stargate.Value')),
    column: plainEncoder(protoRoot().lookupType('stargate.ColumnSpec')),
  };
  return encoders;
}

export function encodeResultSet(
  rs: cassandra.types.ResultSet,
  skipMetadata: boolean,
  signPagingState: (raw: Buffer) => Buffer,
): EncodedResultSet {
  const columns = (rs.columns ?? []) as Array<{ name: string; type: DriverType }>;
  const names = columns.map((c) => c.name);
  const types = columns.map((c) => c.type);
  const kinds = types.map(kindOf);
  const w = new ProtoWriter();
  if (!skipMetadata) for (const c of columns) writeColumnSpec(w, c.name, c.type);
  // Rows read with rawCellsOptions are arrays of raw cells in column order (raw-cells.ts), others Rows.
  const frame = frameOf(rs.rows);
  if (frame) {
    for (const row of rs.rows as unknown as unknown[][]) {
      const rowStart = w.beginMessage(RESULT_SET_ROWS);
      for (let c = 0; c < names.length; c++) writeCell(w, row[c], kinds[c]!, types[c]!, frame);
      w.endMessage(rowStart);
    }
  } else {
    for (const row of (rs.rows ?? []) as unknown as Array<Record<string, unknown>>) {
      const rowStart = w.beginMessage(RESULT_SET_ROWS);
      for (let c = 0; c < names.length; c++) writeValue(w, row[names[c]!], kinds[c]!, types[c]!);
      w.endMessage(rowStart);
    }
  }
  const raw = rawPageState(rs);
  let pagingState: { value: Buffer } | undefined;
  if (raw && raw.length > 0) {
    pagingState = { value: signPagingState(raw) };
    const stateStart = w.beginMessage(RESULT_SET_PAGING_STATE);
    w.bytes(BYTES_VALUE_VALUE, pagingState.value);
    w.endMessage(stateStart);
  }
  return new EncodedResultSet(w.finish(), pagingState);
}

function writeColumnSpec(w: ProtoWriter, name: string, type: DriverType): void {
  const spec: ColumnSpec = { type: typeSpecFromDriver(type), name };
  const basic = spec.type?.basic;
  if (typeof basic !== 'number') {
    w.bytes(RESULT_SET_COLUMNS, protobufEncoders().column(spec));
    return;
  }
  const column = w.beginMessage(RESULT_SET_COLUMNS);
  const typeSpec = w.beginMessage(COLUMN_SPEC_TYPE);
  w.tag(TYPE_SPEC_BASIC, WIRE_VARINT);
  w.uint32(basic);
  w.endMessage(typeSpec);
  w.string(COLUMN_SPEC_NAME, name);
  w.endMessage(column);
}

/** Whether the value is what the driver gives for that kind (anything else takes the general path). */
function writtenDirectly(raw: unknown, kind: Kind): boolean {
  switch (kind) {
    case Kind.Int32:
    case Kind.Float:
    case Kind.Double:
      return typeof raw === 'number';
    case Kind.Long:
      return raw instanceof Long;
    case Kind.Timestamp:
      return raw instanceof Date;
    case Kind.Boolean:
      return typeof raw === 'boolean';
    case Kind.Text:
      return typeof raw === 'string';
    case Kind.Blob:
      return Buffer.isBuffer(raw);
    case Kind.Uuid:
      return raw instanceof types.Uuid;
    default:
      return false;
  }
}

/** A cell of a raw row: where its bytes are in `frame` when raw-cells.ts kept them, else a driver value. */
function writeCell(w: ProtoWriter, cell: unknown, kind: Kind, type: DriverType, frame: Buffer): void {
  if (typeof cell !== 'number') {
    writeValue(w, cell, kind, type);
    return;
  }
  const start = w.beginMessage(ROW_VALUES);
  switch (kind) {
    case Kind.Int32: {
      // tinyint, smallint or int: the width tells (isKeptRaw checked it).
      const length = cellLength(frame, cell);
      w.sint64FromNumber(
        VALUE_INT,
        length === 4
          ? frame.readInt32BE(cell)
          : length === 2
            ? frame.readInt16BE(cell)
            : frame.readInt8(cell),
      );
      break;
    }
    case Kind.Long:
    case Kind.Timestamp:
      w.sint64FromBits(VALUE_INT, frame.readInt32BE(cell + 4), frame.readInt32BE(cell));
      break;
    case Kind.Float:
      w.float(VALUE_FLOAT, frame.readFloatBE(cell));
      break;
    case Kind.Double:
      w.double(VALUE_DOUBLE, frame.readDoubleBE(cell));
      break;
    case Kind.Boolean:
      w.bool(VALUE_BOOLEAN, frame[cell] !== 0);
      break;
    case Kind.Text:
      // Cassandra keeps text as UTF-8 and ascii as ASCII: the bytes are the string field's.
      w.bytesOf(VALUE_STRING, frame, cell, cell + cellLength(frame, cell));
      break;
    case Kind.Blob:
      w.bytesOf(VALUE_BYTES, frame, cell, cell + cellLength(frame, cell));
      break;
    case Kind.Uuid: {
      const uuid = w.beginMessage(VALUE_UUID);
      w.bytesOf(UUID_VALUE, frame, cell, cell + 16);
      w.endMessage(uuid);
      break;
    }
  }
  w.endMessage(start);
}

function writeValue(w: ProtoWriter, raw: unknown, kind: Kind, type: DriverType): void {
  if (raw === null || raw === undefined) {
    const start = w.beginMessage(ROW_VALUES);
    w.endMessage(w.beginMessage(VALUE_NULL));
    w.endMessage(start);
    return;
  }
  if (!writtenDirectly(raw, kind)) {
    w.bytes(ROW_VALUES, protobufEncoders().value(fromDriverValue(raw, type)));
    return;
  }
  const start = w.beginMessage(ROW_VALUES);
  switch (kind) {
    case Kind.Int32:
      w.sint64FromNumber(VALUE_INT, raw as number);
      break;
    case Kind.Long: {
      const long = raw as cassandra.types.Long;
      w.sint64FromBits(VALUE_INT, long.low, long.high);
      break;
    }
    case Kind.Timestamp:
      w.sint64FromNumber(VALUE_INT, (raw as Date).getTime());
      break;
    case Kind.Float:
      w.float(VALUE_FLOAT, raw as number);
      break;
    case Kind.Double:
      w.double(VALUE_DOUBLE, raw as number);
      break;
    case Kind.Boolean:
      w.bool(VALUE_BOOLEAN, raw as boolean);
      break;
    case Kind.Text:
      w.string(VALUE_STRING, raw as string);
      break;
    case Kind.Blob:
      w.bytes(VALUE_BYTES, raw as Buffer);
      break;
    case Kind.Uuid: {
      const uuid = w.beginMessage(VALUE_UUID);
      w.bytes(UUID_VALUE, (raw as cassandra.types.Uuid).getBuffer());
      w.endMessage(uuid);
      break;
    }
  }
  w.endMessage(start);
}
