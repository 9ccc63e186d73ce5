// A driver ResultSet → the protobuf bytes of Stargate's ResultSet, written straight with protobufjs's
// Writer: the same bytes as protobufjs encoding toResultSet's objects (to-result-set.ts), without
// building a Row and a Value object per row and per value first (issue 19: most of a page read's
// CPU in the bridge). The common scalar types are written here; every other type goes through
// fromDriverValue and protobufjs's Value encoder, so no type changes how it is sent.
import type cassandra from 'cassandra-driver';
import protobuf from 'protobufjs';
import { plainEncoder } from '../../../common/src/proto/plain-encoder.js';
import { protoRoot } from '../../../common/src/proto/proto-root.js';
import { rawPageState } from '../cassandra/driver-internals.js';
import { DataType, type DriverType } from '../codecs/driver-types.js';
import { fromDriverValue } from '../codecs/from-driver-value.js';
import { typeSpecFromDriver } from '../codecs/type-spec-from-driver.js';

// Tags (field number << 3 | wire type) of proto/query.proto's messages.
const RESULT_SET_COLUMNS = (1 << 3) | 2;
const RESULT_SET_ROWS = (2 << 3) | 2;
const RESULT_SET_PAGING_STATE = (3 << 3) | 2;
const ROW_VALUES = (1 << 3) | 2;
const BYTES_VALUE_VALUE = (1 << 3) | 2;
const VALUE_NULL = (1 << 3) | 2;
const VALUE_INT = (3 << 3) | 0;
const VALUE_FLOAT = (4 << 3) | 5;
const VALUE_DOUBLE = (5 << 3) | 1;
const VALUE_BOOLEAN = (6 << 3) | 0;
const VALUE_STRING = (7 << 3) | 2;
const VALUE_BYTES = (8 << 3) | 2;
const VALUE_UUID = (10 << 3) | 2;
const UUID_VALUE = (1 << 3) | 2;

let types: { value: protobuf.Type; columnSpec: (spec: object) => Buffer } | undefined;
function protoTypes() {
  if (!types) {
    const root = protoRoot();
    types = {
      value: root.lookupType('stargate.Value'),
      columnSpec: plainEncoder(root.lookupType('stargate.ColumnSpec')),
    };
  }
  return types;
}

/** The encoded ResultSet message (what toResultSet builds, as bytes). */
export function encodeResultSet(
  rs: cassandra.types.ResultSet,
  skipMetadata: boolean,
  signPagingState: (raw: Buffer) => Buffer,
): Uint8Array {
  const w = protobuf.Writer.create();
  const columns = (rs.columns ?? []) as Array<{ name: string; type: DriverType }>;
  if (!skipMetadata) {
    const { columnSpec } = protoTypes();
    for (const c of columns)
      w.uint32(RESULT_SET_COLUMNS).bytes(columnSpec({ name: c.name, type: typeSpecFromDriver(c.type) }));
  }
  const names = columns.map((c) => c.name);
  const columnTypes = columns.map((c) => c.type);
  const rows = rs.rows ?? [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown as Record<string, unknown>;
    w.uint32(RESULT_SET_ROWS).fork();
    for (let c = 0; c < names.length; c++) {
      w.uint32(ROW_VALUES).fork();
      writeValue(w, row[names[c]!], columnTypes[c]!);
      w.ldelim();
    }
    w.ldelim();
  }
  const raw = rawPageState(rs);
  if (raw && raw.length > 0) {
    w.uint32(RESULT_SET_PAGING_STATE).fork().uint32(BYTES_VALUE_VALUE).bytes(signPagingState(raw)).ldelim();
  }
  return w.finish();
}

/** The fields of one Value message (its oneof), as fromDriverValue + protobufjs would write them. */
export function writeValue(w: protobuf.Writer, raw: unknown, type: DriverType): void {
  if (raw === null || raw === undefined) {
    w.uint32(VALUE_NULL).uint32(0);
    return;
  }
  switch (type.code) {
    case DataType.tinyint:
    case DataType.smallint:
    case DataType.int:
      w.uint32(VALUE_INT).sint64(raw as number);
      return;
    case DataType.bigint:
    case DataType.counter:
      // A driver Long has the low and high words protobufjs's LongBits reads.
      w.uint32(VALUE_INT).sint64(raw as cassandra.types.Long);
      return;
    case DataType.float:
      w.uint32(VALUE_FLOAT).float(raw as number);
      return;
    case DataType.double:
      w.uint32(VALUE_DOUBLE).double(raw as number);
      return;
    case DataType.boolean:
      w.uint32(VALUE_BOOLEAN).bool(raw as boolean);
      return;
    case DataType.ascii:
    case DataType.text:
    case DataType.varchar:
      w.uint32(VALUE_STRING).string(raw as string);
      return;
    case DataType.blob:
      w.uint32(VALUE_BYTES).bytes(raw as Buffer);
      return;
    case DataType.uuid:
    case DataType.timeuuid:
      w.uint32(VALUE_UUID)
        .fork()
        .uint32(UUID_VALUE)
        .bytes((raw as cassandra.types.Uuid).getBuffer())
        .ldelim();
      return;
    default:
      // Collections, udt, tuple, decimal, varint, inet, date, time, timestamp, duration, vector,
      // custom: the general converter, then protobufjs's encoder for that one Value.
      protoTypes().value.encode(fromDriverValue(raw, type), w);
  }
}
