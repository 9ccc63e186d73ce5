// The custom GraphQL scalars of the CQL-first schema, one per CQL type that GraphQL has no scalar
// for (names and wire forms as Stargate's CqlScalar): each parses client input straight into the
// bridge's proto Value and formats a proto Value for output, using the shared codecs. Bad input
// fails with a message naming the scalar, the value and what was expected.
import { randomUUID } from 'node:crypto';
import { base64ToBytes, bytesToBase64 } from '../../../common/src/codecs/base64.js';
import {
  bigintFromBytes,
  bigintToBytes,
  formatDecimal,
  parseDecimal,
} from '../../../common/src/codecs/big-integer.js';
import { formatDuration, parseDuration } from '../../../common/src/codecs/duration.js';
import { shortestFloat32, toFloat32 } from '../../../common/src/codecs/float32.js';
import { inetFromBytes, inetToBytes } from '../../../common/src/codecs/inet.js';
import {
  dateFromProto,
  dateToProto,
  timestampFromMillis,
  timestampToMillis,
  timeToProto,
} from '../../../common/src/codecs/temporal.js';
import { newTimeUuid } from '../../../common/src/codecs/time-uuid.js';
import { isTimeUuid, uuidFromBytes, uuidToBytes } from '../../../common/src/codecs/uuid.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { GraphQLScalarType, Kind, type ValueNode } from '../graphql-js.js';

/** A proto Value as we build it (input) or receive it (output): the members we read are alike. */
export type ProtoValue = Value;

interface ScalarSpec {
  name: string;
  description: string;
  /** What a valid value looks like, for error messages. */
  expected: string;
  fromText?(text: string): ProtoValue | undefined;
  /** Integer input, exact (GraphQL literal digits or a safe JSON integer). */
  fromInteger?(digits: string): ProtoValue | undefined;
  /** Floating-point input (GraphQL float literal text or a JSON number). */
  fromFloat?(text: string): ProtoValue | undefined;
  toJson(value: ProtoValue): unknown;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function int64(digits: string): ProtoValue | undefined {
  const n = BigInt(digits);
  return n >= INT64_MIN && n <= INT64_MAX ? { int: n.toString() } : undefined;
}

function intInRange(min: number, max: number) {
  return (digits: string): ProtoValue | undefined => {
    const n = Number(digits);
    return Number.isInteger(n) && n >= min && n <= max ? { int: n } : undefined;
  };
}

function uuidValue(text: string): ProtoValue | undefined {
  const bytes = uuidToBytes(text);
  return bytes ? { uuid: { value: bytes } } : undefined;
}

function uuidText(value: ProtoValue): string {
  return uuidFromBytes(value.uuid!.value as Uint8Array);
}

const NANOS_PER_DAY = 86_400_000_000_000n;

function timeText(value: ProtoValue): string {
  const total = BigInt(String(value.time));
  const seconds = Number(total / 1_000_000_000n);
  const fraction = String(total % 1_000_000_000n).padStart(9, '0');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}.${fraction}`;
}

const specs: ScalarSpec[] = [
  {
    name: 'Uuid',
    description: 'Represents a CQL `uuid` as a string.\nExample: "fe86cad0-1965-11eb-84e6-ab660d2e8c9e"',
    expected: 'a UUID such as "fe86cad0-1965-11eb-84e6-ab660d2e8c9e", or "uuid()" for a random one',
    fromText: (text) => uuidValue(text === 'uuid()' ? randomUUID() : text),
    toJson: uuidText,
  },
  {
    name: 'TimeUuid',
    description: 'Represents a CQL `timeuuid` as a string.\nExample: "fe86cad0-1965-11eb-84e6-ab660d2e8c9e"',
    expected: 'a version 1 (time-based) UUID such as "fe86cad0-1965-11eb-84e6-ab660d2e8c9e", or "now()"',
    fromText: (text) => {
      const uuid = text === 'now()' ? newTimeUuid() : text;
      return isTimeUuid(uuid) ? uuidValue(uuid) : undefined;
    },
    toJson: uuidText,
  },
  {
    name: 'Inet',
    description:
      'Represents a CQL `inet` as a string.\nThis is an IP address in IPv4 or IPv6 format.\nExamples: "127.0.0.1", "::1"',
    expected: 'an IPv4 or IPv6 address such as "127.0.0.1" or "::1"',
    fromText: (text) => {
      const bytes = inetToBytes(text);
      return bytes ? { inet: { value: bytes } } : undefined;
    },
    toJson: (value) => inetFromBytes(value.inet!.value as Uint8Array),
  },
  {
    name: 'Date',
    description:
      'Represents a CQL `date` as a string.\nThis is a date without a time-zone in the ISO-8601 calendar system.\nExample: "2020-10-21".\nA date can also be input as a 32-bit, positive numeric literal, which will be interpreted as a number of days, where the epoch is in the middle of the range (1970-01-01 = 2147483648).',
    expected: 'a date "yyyy-mm-dd", or a day number where 2147483648 is 1970-01-01',
    fromText: (text) => {
      const days = dateToProto(text);
      return days === undefined ? undefined : { date: days };
    },
    fromInteger: (digits) => {
      const n = Number(digits);
      return n >= 0 && n <= 0xffffffff ? { date: n } : undefined;
    },
    toJson: (value) => dateFromProto(Number(value.date)),
  },
  {
    name: 'Duration',
    description: 'Represents a CQL `duration` as a string.\nExamples: "1h4m48s20ms", "P1Y2M3DT4H5M6S"',
    expected: 'a duration such as "1h4m48s20ms", "3mo2d" or "P1Y2M3DT4H5M6S"',
    fromText: (text) => {
      const parts = parseDuration(text);
      if (!parts) return undefined;
      const { months, days, nanos } = parts;
      // CQL requires all three parts to have the same sign.
      const signs = new Set([Math.sign(months), Math.sign(days), Number(nanos > 0n) - Number(nanos < 0n)]);
      signs.delete(0);
      if (signs.size > 1) return undefined;
      return { duration: { months, days, nanos: nanos.toString() } };
    },
    toJson: (value) => {
      const d = value.duration!;
      return formatDuration({
        months: Number(d.months ?? 0),
        days: Number(d.days ?? 0),
        nanos: BigInt(String(d.nanos ?? 0)),
      });
    },
  },
  {
    name: 'BigInt',
    description:
      'Represents a CQL `bigint` as a string (an integer is accepted on input).\nThis is a 64-bit signed integer.',
    expected: 'a 64-bit integer, as a string such as "9223372036854775807" or an integer',
    fromText: (text) => (/^[+-]?\d+$/.test(text) ? int64(text) : undefined),
    fromInteger: int64,
    toJson: (value) => String(value.int),
  },
  {
    name: 'Counter',
    description:
      'Represents a CQL `counter` as a string (an integer is accepted on input).\nThis is a 64-bit signed integer.',
    expected: 'a 64-bit integer, as a string such as "42" or an integer',
    fromText: (text) => (/^[+-]?\d+$/.test(text) ? int64(text) : undefined),
    fromInteger: int64,
    toJson: (value) => String(value.int),
  },
  {
    name: 'Ascii',
    description:
      'Represents a CQL `ascii` as a string.\nAn error will be thrown if the string contains non-ASCII characters.',
    expected: 'a string of ASCII characters only',
    fromText: (text) => (/^\p{ASCII}*$/u.test(text) ? { string: text } : undefined),
    toJson: (value) => value.string,
  },
  {
    name: 'Decimal',
    description:
      'Represents a CQL `decimal` as a string.\nThis is a variable-precision decimal.\nExamples: "1.5", "1e-3"',
    expected: 'a decimal number as a string, such as "1.5" or "1e-3"',
    fromText: decimalValue,
    // Literals keep their exact digits in the query text, so they are safe too.
    fromInteger: decimalValue,
    fromFloat: decimalValue,
    toJson: (value) => {
      const d = value.decimal!;
      return formatDecimal(bigintFromBytes(d.value as Uint8Array), Number(d.scale ?? 0));
    },
  },
  {
    name: 'Varint',
    description:
      'Represents a CQL `varint` as a string (an integer is accepted on input).\nThis is an arbitrary-precision integer.\nExamples: "1", "9223372036854775808"',
    expected: 'an integer of any size, as a string such as "9223372036854775808" or an integer',
    fromText: (text) => (/^[+-]?\d+$/.test(text) ? varintValue(text) : undefined),
    fromInteger: varintValue,
    toJson: (value) => bigintFromBytes(value.varint!.value as Uint8Array).toString(),
  },
  {
    name: 'Float32',
    description:
      'Represents a CQL `float` as a floating-point literal.\nThis is a 32-bit IEEE-754 floating point.\nIf the value cannot be represented as a float, it will be converted. This conversion can loose precision, or range (resulting in +/-Infinity).',
    expected: 'a number',
    fromInteger: (digits) => ({ float: toFloat32(Number(digits)) }),
    fromFloat: (text) => ({ float: toFloat32(Number(text)) }),
    toJson: (value) => shortestFloat32(Number(value.float)),
  },
  {
    name: 'Blob',
    description:
      'Represents a CQL `blob` as a base64 encoded string.\nExample: "yv4=" (for the hex value 0xCAFE)',
    expected: 'base64 text such as "yv4=" (for the bytes 0xCAFE)',
    fromText: (text) => {
      const bytes = base64ToBytes(text);
      return bytes ? { bytes } : undefined;
    },
    toJson: (value) => bytesToBase64(value.bytes as Uint8Array),
  },
  {
    name: 'SmallInt',
    description:
      'Represents a CQL `smallint` as an integer.\nThis is a 16-bit signed int.\nAn error will be thrown if the value is out of bounds.',
    expected: 'an integer from -32768 to 32767',
    fromInteger: intInRange(-32768, 32767),
    toJson: (value) => Number(value.int),
  },
  {
    name: 'TinyInt',
    description:
      'Represents a CQL `tinyint` as an integer.\nThis is an 8-bit signed int.\nAn error will be thrown if the value is out of bounds.',
    expected: 'an integer from -128 to 127',
    fromInteger: intInRange(-128, 127),
    toJson: (value) => Number(value.int),
  },
  {
    name: 'Timestamp',
    description:
      'Represents a CQL `timestamp` as a string.\nThis is an instantaneous point on the time-line.\nExamples: "2011-02-03T04:05:00Z", "2011-02-03 04:05+0000", 1296705900000\nA timestamp can also be input as a numeric literal, which will be interpreted as a number of milliseconds since the epoch (1970-01-01 UTC at midnight).\nString literals that do not include any time zone information are interpreted as UTC.',
    expected: 'an ISO-8601 timestamp such as "2011-02-03T04:05:00Z", or milliseconds since the epoch',
    fromText: (text) => {
      const ms = timestampToMillis(text);
      return ms === undefined ? undefined : { int: String(ms) };
    },
    fromInteger: int64,
    toJson: (value) => timestampFromMillis(String(value.int)),
  },
  {
    name: 'Time',
    description:
      'Represents a CQL `time` as a string.\nThis is a time without a time-zone in the ISO-8601 calendar system.\nExample: "10:15:30.123456789"\nA time can also be input as a numeric literal, which will be interpreted as a number of nanoseconds since midnight.',
    expected: 'a time "hh:mm:ss[.fffffffff]", or nanoseconds since midnight',
    fromText: (text) => {
      const nanos = timeToProto(text);
      return nanos === undefined ? undefined : { time: nanos };
    },
    fromInteger: (digits) => {
      const n = BigInt(digits);
      return n >= 0n && n < NANOS_PER_DAY ? { time: n.toString() } : undefined;
    },
    toJson: timeText,
  },
];

function decimalValue(text: string): ProtoValue | undefined {
  const parsed = parseDecimal(text);
  if (!parsed || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return undefined;
  return { decimal: { scale: parsed.scale, value: bigintToBytes(parsed.unscaled) } };
}

function varintValue(digits: string): ProtoValue {
  return { varint: { value: bigintToBytes(BigInt(digits)) } };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function buildScalar(spec: ScalarSpec): GraphQLScalarType {
  const invalid = (shown: string): TypeError =>
    new TypeError(`Invalid ${spec.name} value ${shown}: expected ${spec.expected}`);
  const parse = (value: unknown): ProtoValue => {
    let result: ProtoValue | undefined;
    if (typeof value === 'string' && spec.fromText) result = spec.fromText(value);
    else if (typeof value === 'number' && Number.isFinite(value)) {
      if (Number.isInteger(value) && spec.fromInteger) {
        if (!Number.isSafeInteger(value)) {
          throw new TypeError(
            `Invalid ${spec.name} value ${value}: integers beyond 2^53 lose precision in JSON; send the value as a string`,
          );
        }
        result = spec.fromInteger(String(value));
      } else if (spec.fromFloat) result = spec.fromFloat(String(value));
    }
    if (result === undefined) throw invalid(describe(value));
    return result;
  };
  const parseLiteral = (node: ValueNode): ProtoValue => {
    let result: ProtoValue | undefined;
    if (node.kind === Kind.STRING && spec.fromText) result = spec.fromText(node.value);
    else if (node.kind === Kind.INT && spec.fromInteger) result = spec.fromInteger(node.value);
    else if ((node.kind === Kind.FLOAT || node.kind === Kind.INT) && spec.fromFloat)
      result = spec.fromFloat(node.value);
    if (result === undefined) {
      const shown =
        node.kind === Kind.STRING
          ? JSON.stringify(node.value)
          : 'value' in node
            ? String(node.value)
            : node.kind;
      throw invalid(shown);
    }
    return result;
  };
  return new GraphQLScalarType({
    name: spec.name,
    description: spec.description,
    serialize: (value) => spec.toJson(value as ProtoValue),
    parseValue: parse,
    parseLiteral: (node) => parseLiteral(node),
  });
}

/** The scalars by name (Uuid, TimeUuid, Inet, …); the same instances serve every keyspace schema. */
export const cqlScalars: ReadonlyMap<string, GraphQLScalarType> = new Map(
  specs.map((s) => [s.name, buildScalar(s)]),
);

export function cqlScalar(name: string): GraphQLScalarType {
  const scalar = cqlScalars.get(name);
  if (!scalar) throw new Error(`no scalar ${name}`);
  return scalar;
}
