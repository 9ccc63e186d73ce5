// A value cassandra-driver decoded from a result row → proto Value, exact for every CQL type
// (64-bit integers travel as strings, varint/decimal as two's-complement bytes).
import type cassandra from 'cassandra-driver';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { localDateDays } from '../cassandra/driver-internals.js';
import {
  BigDecimal,
  DataType,
  type DriverBigDecimal,
  type DriverInteger,
  type DriverType,
  Integer,
  isDuration,
  isVector,
  type UdtInfo,
  vectorInfo,
} from './driver-types.js';

const DATE_EPOCH = 2 ** 31;
const NULL: Value = Object.freeze({ null: {} }) as Value;

export function fromDriverValue(raw: unknown, type: DriverType): Value {
  if (raw === null || raw === undefined) return NULL;
  if (isVector(type)) {
    const { element } = vectorInfo(type);
    const elements = (raw as { elements?: unknown[] }).elements ?? Array.from(raw as ArrayLike<unknown>);
    return { collection: { elements: elements.map((e) => fromDriverValue(e, element)) } };
  }
  if (isDuration(type)) {
    const d = raw as cassandra.types.Duration & {
      months: number;
      days: number;
      nanoseconds: cassandra.types.Long;
    };
    return { duration: { months: d.months, days: d.days, nanos: d.nanoseconds.toString() } };
  }
  switch (type.code) {
    case DataType.tinyint:
    case DataType.smallint:
    case DataType.int:
      return { int: raw as number };
    case DataType.bigint:
    case DataType.counter:
      return { int: (raw as cassandra.types.Long).toString() };
    case DataType.timestamp:
      return { int: (raw as Date).getTime() };
    case DataType.varint:
      return { varint: { value: Integer.toBuffer(raw as DriverInteger) } };
    case DataType.decimal: {
      // CQL's decimal encoding: 4-byte scale, then the unscaled two's-complement value.
      const encoded = BigDecimal.toBuffer(raw as DriverBigDecimal);
      return { decimal: { scale: encoded.readInt32BE(0), value: encoded.subarray(4) } };
    }
    case DataType.float:
      return { float: raw as number };
    case DataType.double:
      return { double: raw as number };
    case DataType.boolean:
      return { boolean: raw as boolean };
    case DataType.ascii:
    case DataType.text:
    case DataType.varchar:
      return { string: raw as string };
    case DataType.blob:
    case DataType.custom:
      return { bytes: raw as Buffer };
    case DataType.uuid:
    case DataType.timeuuid:
      return { uuid: { value: (raw as cassandra.types.Uuid).getBuffer() } };
    case DataType.inet:
      return { inet: { value: (raw as cassandra.types.InetAddress).getBuffer() } };
    case DataType.date:
      return { date: localDateDays(raw as cassandra.types.LocalDate) + DATE_EPOCH };
    case DataType.time:
      return { time: (raw as cassandra.types.LocalTime).getTotalNanoseconds().toString() };
    case DataType.list:
    case DataType.set: {
      const element = type.info as DriverType;
      const items = Array.isArray(raw) ? raw : Array.from(raw as Iterable<unknown>);
      return { collection: { elements: items.map((e) => fromDriverValue(e, element)) } };
    }
    case DataType.map: {
      const [keyType, valueType] = type.info as DriverType[];
      const entries = raw instanceof Map ? [...raw.entries()] : Object.entries(raw as object);
      const elements: Value[] = [];
      for (const [k, v] of entries)
        elements.push(fromDriverValue(k, keyType!), fromDriverValue(v, valueType!));
      return { collection: { elements } };
    }
    case DataType.tuple: {
      const elementTypes = type.info as DriverType[];
      const values = (raw as cassandra.types.Tuple).elements;
      return { collection: { elements: elementTypes.map((t, i) => fromDriverValue(values[i], t)) } };
    }
    case DataType.udt: {
      const info = type.info as UdtInfo;
      const source = raw as Record<string, unknown>;
      const fields: Record<string, Value> = {};
      for (const field of info.fields) fields[field.name] = fromDriverValue(source[field.name], field.type);
      return { udt: { fields } };
    }
    default:
      return { bytes: Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)) };
  }
}
