// proto Value → the JS value cassandra-driver encodes for the bound parameter's CQL type.
// The target type comes from the prepared statement's metadata; a value that does not fit the
// type is an INVALID_ARGUMENT naming the parameter, the expected type and what was sent.
import type { Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { BridgeError } from '../errors/bridge-error.js';
import {
  BigDecimal,
  DataType,
  type DriverType,
  describeType,
  Integer,
  isDuration,
  isVector,
  LocalDateFromDays,
  Long,
  types,
  type UdtInfo,
  vectorInfo,
} from './driver-types.js';

const DATE_EPOCH = 2 ** 31;
const MAX_TIME_NANOS = 86_399_999_999_999n;

const intRanges: Record<number, [number, number]> = {
  [DataType.tinyint]: [-128, 127],
  [DataType.smallint]: [-32768, 32767],
  [DataType.int]: [-2147483648, 2147483647],
};

export function toDriverValue(value: Value__Output, type: DriverType, where: string): unknown {
  const kind = value.inner;
  if (kind === 'null' || kind === undefined) return null;
  if (kind === 'unset') return types.unset;
  const mismatch = (): BridgeError =>
    BridgeError.invalid(`Invalid value for ${where}: expected ${describeType(type)}, got a ${kind} value`);

  if (isVector(type)) {
    if (kind !== 'collection') throw mismatch();
    const { element, size } = vectorInfo(type);
    const elements = value.collection?.elements ?? [];
    if (elements.length !== size) {
      throw BridgeError.invalid(
        `Invalid value for ${where}: expected ${size} elements, got ${elements.length}`,
      );
    }
    if (element.code === DataType.float) return floatVectorBytes(elements, element, where);
    return new types.Vector(
      elements.map((e, i) => {
        // The driver would fail on a null with its own words ("argument must be an instance of Buffer").
        if (e.inner === 'null' || e.inner === 'unset' || e.inner === undefined) {
          throw BridgeError.invalid(`Invalid value for ${where}[${i}]: a vector element cannot be null`);
        }
        return toDriverValue(e, element, `${where}[${i}]`);
      }),
    );
  }
  if (isDuration(type)) {
    if (kind !== 'duration' || !value.duration) throw mismatch();
    const d = value.duration;
    return new types.Duration(d.months ?? 0, d.days ?? 0, Long.fromString(d.nanos ?? '0'));
  }

  switch (type.code) {
    case DataType.tinyint:
    case DataType.smallint:
    case DataType.int: {
      if (kind !== 'int') throw mismatch();
      const n = Number(value.int);
      const [min, max] = intRanges[type.code]!;
      if (n < min || n > max) {
        throw BridgeError.invalid(
          `Invalid value for ${where}: ${value.int} is out of range for ${describeType(type)}`,
        );
      }
      return n;
    }
    case DataType.bigint:
    case DataType.counter:
    case DataType.timestamp:
      if (kind !== 'int') throw mismatch();
      return Long.fromString(value.int!);
    case DataType.varint:
      if (kind === 'int') return Integer.fromString(value.int!);
      if (kind !== 'varint') throw mismatch();
      return Integer.fromBuffer(value.varint?.value ?? Buffer.alloc(0));
    case DataType.decimal:
      if (kind !== 'decimal' || !value.decimal) throw mismatch();
      return new BigDecimal(
        Integer.fromBuffer(value.decimal.value ?? Buffer.alloc(0)),
        value.decimal.scale ?? 0,
      );
    case DataType.float:
      if (kind !== 'float') throw mismatch();
      return value.float;
    case DataType.double:
      if (kind === 'double') return value.double;
      if (kind === 'float') return value.float;
      throw mismatch();
    case DataType.boolean:
      if (kind !== 'boolean') throw mismatch();
      return value.boolean;
    case DataType.ascii:
      if (kind !== 'string') throw mismatch();
      if (!isAscii(value.string!)) {
        throw BridgeError.invalid(`Invalid value for ${where}: ascii accepts only US-ASCII characters`);
      }
      return value.string;
    case DataType.text:
    case DataType.varchar:
      if (kind !== 'string') throw mismatch();
      return value.string;
    case DataType.blob:
    case DataType.custom:
      if (kind !== 'bytes') throw mismatch();
      return value.bytes;
    case DataType.uuid:
    case DataType.timeuuid: {
      if (kind !== 'uuid') throw mismatch();
      const bytes = value.uuid?.value;
      if (bytes?.length !== 16) throw BridgeError.invalid(`Invalid value for ${where}: a uuid has 16 bytes`);
      return new types.Uuid(bytes);
    }
    case DataType.inet: {
      if (kind !== 'inet') throw mismatch();
      const bytes = value.inet?.value;
      if (bytes?.length !== 4 && bytes?.length !== 16) {
        throw BridgeError.invalid(`Invalid value for ${where}: an inet has 4 or 16 bytes`);
      }
      return new types.InetAddress(bytes);
    }
    case DataType.date:
      if (kind !== 'date') throw mismatch();
      return new LocalDateFromDays(value.date! - DATE_EPOCH);
    case DataType.time: {
      if (kind !== 'time') throw mismatch();
      const nanos = BigInt(value.time!);
      if (nanos > MAX_TIME_NANOS) {
        throw BridgeError.invalid(`Invalid value for ${where}: time must be below 86400000000000 ns`);
      }
      return new types.LocalTime(Long.fromString(value.time!));
    }
    case DataType.list:
    case DataType.set: {
      if (kind !== 'collection') throw mismatch();
      const element = type.info as DriverType;
      return (value.collection?.elements ?? []).map((e, i) => toDriverValue(e, element, `${where}[${i}]`));
    }
    case DataType.map: {
      if (kind !== 'collection') throw mismatch();
      const [keyType, valueType] = type.info as DriverType[];
      const elements = value.collection?.elements ?? [];
      if (elements.length % 2 !== 0) {
        throw BridgeError.invalid(
          `Invalid value for ${where}: a map needs key, value pairs (odd element count)`,
        );
      }
      const map = new Map<unknown, unknown>();
      for (let i = 0; i < elements.length; i += 2) {
        map.set(
          toDriverValue(elements[i]!, keyType!, `${where} key ${i / 2}`),
          toDriverValue(elements[i + 1]!, valueType!, `${where} value ${i / 2}`),
        );
      }
      return map;
    }
    case DataType.tuple: {
      if (kind !== 'collection') throw mismatch();
      const elementTypes = type.info as DriverType[];
      const elements = value.collection?.elements ?? [];
      if (elements.length > elementTypes.length) {
        throw BridgeError.invalid(
          `Invalid value for ${where}: the tuple has ${elementTypes.length} elements, got ${elements.length}`,
        );
      }
      return types.Tuple.fromArray(
        elements.map((e, i) => toDriverValue(e, elementTypes[i]!, `${where}[${i}]`)),
      );
    }
    case DataType.udt: {
      if (kind !== 'udt') throw mismatch();
      const info = type.info as UdtInfo;
      const result: Record<string, unknown> = {};
      for (const [name, fieldValue] of Object.entries(value.udt?.fields ?? {})) {
        const field = info.fields.find((f) => f.name === name);
        if (!field)
          throw BridgeError.invalid(`Invalid value for ${where}: ${info.name} has no field ${name}`);
        result[name] = toDriverValue(fieldValue, field.type, `${where}.${name}`);
      }
      return result;
    }
    default:
      throw BridgeError.invalid(`Unsupported CQL type for ${where}: ${describeType(type)}`);
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * A vector<float, n> in its wire form (n big-endian 32-bit floats), which the driver sends as it
 * is: its own encoding of a types.Vector makes a 4-byte Buffer per element and concatenates them,
 * after parsing the vector's type name again, on every request (an ANN read's query vector).
 */
function floatVectorBytes(elements: Value__Output[], element: DriverType, where: string): Buffer {
  const bytes = Buffer.allocUnsafe(elements.length * 4);
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    const f = e.float;
    if (e.inner !== 'float' || typeof f !== 'number') {
      // The same checks and words as the general path (a null element, a value of another kind).
      if (e.inner === 'null' || e.inner === 'unset' || e.inner === undefined) {
        throw BridgeError.invalid(`Invalid value for ${where}[${i}]: a vector element cannot be null`);
      }
      toDriverValue(e, element, `${where}[${i}]`);
      throw BridgeError.invalid(`Invalid value for ${where}[${i}]: expected ${describeType(element)}`);
    }
    bytes.writeFloatBE(f, i * 4);
  }
  return bytes;
}
