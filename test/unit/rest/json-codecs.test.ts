// The JSON codecs of services/common/src/codecs/json-*.ts (written for the REST API): every CQL
// type from JSON to a proto Value and back to JSON text, exactly.
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import type { JsonInput } from '../../../services/common/src/codecs/json-codec.js';
import { formatFloat32 } from '../../../services/common/src/codecs/json-numbers.js';
import { instantText, localTimeText } from '../../../services/common/src/codecs/json-temporal.js';
import {
  JsonValueError,
  jsonCodecFor,
  valueFromLooseJson,
  valueFromText,
} from '../../../services/common/src/codecs/json-value.js';
import type { TypeSpec__Output } from '../../../services/common/src/proto/generated/stargate/TypeSpec.js';
import type { Value, Value__Output } from '../../../services/common/src/proto/generated/stargate/Value.js';

const basic = (n: number): TypeSpec__Output => ({ basic: n as TypeSpec__Output['basic'] });
const T = {
  ascii: basic(1),
  bigint: basic(2),
  blob: basic(3),
  boolean: basic(4),
  counter: basic(5),
  decimal: basic(6),
  double: basic(7),
  float: basic(8),
  int: basic(9),
  timestamp: basic(11),
  uuid: basic(12),
  text: basic(13),
  varint: basic(14),
  timeuuid: basic(15),
  inet: basic(16),
  date: basic(17),
  time: basic(18),
  smallint: basic(19),
  tinyint: basic(20),
  duration: basic(21),
};

const compact = { compactMapData: true };

/** JSON text in (parsed losslessly, as the REST API parses bodies) → Value → JSON text out. */
function roundTrip(type: TypeSpec__Output, json: string, options = compact): string {
  const codec = jsonCodecFor(type, options);
  const value = valueFromLooseJson(codec, parse(json) as JsonInput);
  return codec.toJson(asOutput(value));
}

/** A Value as the bridge sends it back: the oneof member named in `inner`. */
function asOutput(value: Value): Value__Output {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out.inner = k;
    if (k === 'collection') {
      out.collection = { elements: ((v as { elements: Value[] }).elements ?? []).map(asOutput) };
    } else if (k === 'udt') {
      const fields = (v as { fields: Record<string, Value> }).fields;
      out.udt = { fields: Object.fromEntries(Object.entries(fields).map(([n, f]) => [n, asOutput(f)])) };
    } else if (k === 'int' || k === 'time') {
      out[k] = String(v);
    } else {
      out[k] = v;
    }
  }
  return out as Value__Output;
}

function errorOf(fn: () => unknown): JsonValueError {
  try {
    fn();
  } catch (err) {
    if (err instanceof JsonValueError) return err;
    throw err;
  }
  throw new Error('expected a JsonValueError');
}

describe('numeric types', () => {
  it('keeps bigint and counter extremes exact (counters are read back as strings)', () => {
    expect(roundTrip(T.bigint, '9223372036854775807')).toBe('9223372036854775807');
    expect(roundTrip(T.bigint, '-9223372036854775808')).toBe('-9223372036854775808');
    expect(roundTrip(T.counter, '42')).toBe('"42"');
    expect(roundTrip(T.counter, '"+1"')).toBe('"1"');
    expect(errorOf(() => roundTrip(T.bigint, '9223372036854775808')).message).toBe(
      'expected bigint (a whole number from -9223372036854775808 to 9223372036854775807), got Number 9223372036854775808',
    );
  });

  it('checks the ranges of tinyint, smallint and int, and refuses fractions', () => {
    expect(roundTrip(T.tinyint, '-128')).toBe('-128');
    expect(roundTrip(T.smallint, '32767')).toBe('32767');
    expect(roundTrip(T.int, '1.0')).toBe('1');
    expect(roundTrip(T.int, '"42"')).toBe('42');
    expect(() => roundTrip(T.tinyint, '128')).toThrow(/tinyint \(a whole number from -128 to 127\)/);
    expect(() => roundTrip(T.int, '1.5')).toThrow(/got Number 1.5/);
    expect(() => roundTrip(T.int, 'true')).toThrow(/got Boolean true/);
  });

  it('writes varints and decimals of any size digit for digit', () => {
    const huge = '123456789012345678901234567890123456789012345678901234567890';
    expect(roundTrip(T.varint, huge)).toBe(huge);
    expect(roundTrip(T.varint, `-${huge}`)).toBe(`-${huge}`);
    const decimal = '-1234567890123456789012345678901234567890.0123456789';
    expect(roundTrip(T.decimal, decimal)).toBe(decimal);
    expect(roundTrip(T.decimal, '1.50')).toBe('1.50');
    expect(roundTrip(T.decimal, '12e-3')).toBe('0.012');
    expect(() => roundTrip(T.decimal, '1e99999')).toThrow(/decimal/);
    expect(() => roundTrip(T.varint, '2.5')).toThrow(/varint/);
  });

  it('writes floats in their shortest form and NaN/Infinity as strings', () => {
    expect(roundTrip(T.float, '0.1')).toBe('0.1');
    expect(roundTrip(T.float, '3.4028235e38')).toBe('3.4028235e+38');
    expect(roundTrip(T.double, '0.1')).toBe('0.1');
    expect(roundTrip(T.double, '"NaN"')).toBe('"NaN"');
    expect(roundTrip(T.float, '"Infinity"')).toBe('"Infinity"');
    expect(roundTrip(T.double, '"-Infinity"')).toBe('"-Infinity"');
    expect(() => roundTrip(T.float, '1e39')).toThrow(/float/);
    expect(() => roundTrip(T.double, '1e400')).toThrow(/double/);
    // Only those three strings: no other name is looked up as a number.
    expect(() => roundTrip(T.float, '"constructor"')).toThrow(/float/);
    expect(() => roundTrip(T.double, '"1e400"')).toThrow(/double/);
    expect(formatFloat32(Math.fround(1.1))).toBe('1.1');
  });
});

describe('text-like types', () => {
  it('round-trips text, ascii, boolean, uuid, inet and blob', () => {
    expect(roundTrip(T.text, '"héllo \\"x\\""')).toBe('"héllo \\"x\\""');
    expect(roundTrip(T.ascii, '"abc"')).toBe('"abc"');
    expect(roundTrip(T.boolean, 'false')).toBe('false');
    expect(roundTrip(T.boolean, '"TRUE"')).toBe('true');
    expect(roundTrip(T.uuid, '"123E4567-E89B-12D3-A456-426614174000"')).toBe(
      '"123e4567-e89b-12d3-a456-426614174000"',
    );
    expect(roundTrip(T.timeuuid, '"d2177dd0-eaa2-11de-a572-001b779c76e3"')).toBe(
      '"d2177dd0-eaa2-11de-a572-001b779c76e3"',
    );
    expect(roundTrip(T.inet, '"::1"')).toBe('"::1"');
    expect(roundTrip(T.inet, '"10.0.0.255"')).toBe('"10.0.0.255"');
    expect(roundTrip(T.blob, '"AQID/w=="')).toBe('"AQID/w=="');
  });

  it('strips Stargate-style single quotes from a top-level string', () => {
    expect(roundTrip(T.text, `"'it''s'"`)).toBe(`"it's"`);
  });

  it('names what it expected', () => {
    expect(() => roundTrip(T.ascii, '"é"')).toThrow(/ascii \(a string of US-ASCII characters\)/);
    expect(() => roundTrip(T.text, '12')).toThrow('expected text (a string), got Number 12');
    expect(() => roundTrip(T.timeuuid, '"123e4567-e89b-42d3-a456-426614174000"')).toThrow(/version 1/);
    expect(() => roundTrip(T.inet, '"example.com"')).toThrow(/inet/);
    expect(() => roundTrip(T.blob, '"not base64!"')).toThrow(/base64/);
  });
});

describe('temporal types', () => {
  it('writes timestamps as java.time.Instant does, reading ISO (any offset) or epoch millis', () => {
    expect(roundTrip(T.timestamp, '"2024-05-01T10:00:00+02:00"')).toBe('"2024-05-01T08:00:00Z"');
    expect(roundTrip(T.timestamp, '"1960-06-15T12:30:45.123Z"')).toBe('"1960-06-15T12:30:45.123Z"');
    expect(roundTrip(T.timestamp, '0')).toBe('"1970-01-01T00:00:00Z"');
    expect(roundTrip(T.timestamp, '-1')).toBe('"1969-12-31T23:59:59.999Z"');
    expect(instantText(253402300800000)).toBe('+10000-01-01T00:00:00Z');
    expect(() => roundTrip(T.timestamp, '"yesterday"')).toThrow(/ISO-8601/);
  });

  it('round-trips dates (also before 1970), times and durations', () => {
    expect(roundTrip(T.date, '"1900-02-28"')).toBe('"1900-02-28"');
    expect(roundTrip(T.date, '"0001-01-01"')).toBe('"0001-01-01"');
    expect(roundTrip(T.time, '"10:00"')).toBe('"10:00"');
    expect(roundTrip(T.time, '"23:59:59.999999999"')).toBe('"23:59:59.999999999"');
    expect(localTimeText(5_120_000_000n)).toBe('00:00:05.120');
    expect(roundTrip(T.duration, '"1y2mo3w4d5h6m7s8ms9us10ns"')).toBe('"1y2mo25d5h6m7s8ms9us10ns"');
    expect(roundTrip(T.duration, '"P1DT2H"')).toBe('"1d2h"');
    expect(() => roundTrip(T.date, '"2023-02-29"')).toThrow(/yyyy-mm-dd/);
    expect(() => roundTrip(T.time, '"25:00"')).toThrow(/time/);
  });
});

describe('collections, tuples, UDTs, vectors', () => {
  const mapTextInt: TypeSpec__Output = { map: { key: T.text, value: T.int } };
  const mapIntText: TypeSpec__Output = { map: { key: T.int, value: T.text } };

  it('writes maps as objects or as key/value entries, and reads either shape', () => {
    expect(roundTrip(mapTextInt, '{"a":1,"b":2}')).toBe('{"a":1,"b":2}');
    expect(roundTrip(mapIntText, '{"1":"one"}')).toBe('{"1":"one"}');
    const entries = { compactMapData: false };
    expect(roundTrip(mapTextInt, '{"a":1}', entries)).toBe('[{"key":"a","value":1}]');
    expect(roundTrip(mapIntText, '[{"key":1,"value":"one"}]', entries)).toBe('[{"key":1,"value":"one"}]');
    expect(roundTrip(mapIntText, '[{"key":1,"value":"one"}]')).toBe('{"1":"one"}');
  });

  it('round-trips lists, sets, tuples, UDTs and vectors', () => {
    expect(roundTrip({ list: { element: T.bigint } }, '[9223372036854775807,1]')).toBe(
      '[9223372036854775807,1]',
    );
    expect(roundTrip({ set: { element: T.text } }, '["a","b"]')).toBe('["a","b"]');
    const tuple: TypeSpec__Output = { tuple: { elements: [T.int, T.text, T.boolean] } };
    expect(roundTrip(tuple, '[1,"x",null]')).toBe('[1,"x",null]');
    const udt: TypeSpec__Output = {
      udt: { name: 'address', fields: { street: T.text, zip: T.int }, frozen: true },
    };
    expect(roundTrip(udt, '{"zip":12345}')).toBe('{"street":null,"zip":12345}');
    expect(roundTrip({ vector: { element: T.float, size: 3 } }, '[1.5,-2,0.1]')).toBe('[1.5,-2,0.1]');
  });

  it("reads Stargate's stringified (CQL literal) forms", () => {
    expect(roundTrip({ list: { element: T.int } }, '"[1, 2, 3]"')).toBe('[1,2,3]');
    expect(roundTrip({ set: { element: T.text } }, `"{'a', 'it''s'}"`)).toBe(`["a","it's"]`);
    expect(roundTrip(mapTextInt, `"{'a': 1, 'b': 2}"`)).toBe('{"a":1,"b":2}');
    expect(roundTrip(mapTextInt, `"[{'key': 'a', 'value': 1}]"`)).toBe('{"a":1}');
    expect(roundTrip({ tuple: { elements: [T.int, T.text] } }, `"(1, 'x')"`)).toBe('[1,"x"]');
    const udt: TypeSpec__Output = { udt: { name: 'address', fields: { street: T.text, zip: T.int } } };
    expect(roundTrip(udt, `"{street: 'Main', zip: 1}"`)).toBe('{"street":"Main","zip":1}');
    const codec = jsonCodecFor({ list: { element: T.timestamp } }, compact);
    expect(codec.toJson(asOutput(valueFromText(codec, "['2024-01-01T00:00:00Z']")))).toBe(
      '["2024-01-01T00:00:00Z"]',
    );
  });

  it('locates an error inside the value', () => {
    const err = errorOf(() => roundTrip({ list: { element: T.int } }, '[1,"x"]'));
    expect(err.path).toBe('[1]');
    expect(err.message).toBe(
      'at [1]: expected int (a whole number from -2147483648 to 2147483647), got String "x"',
    );
    const udt: TypeSpec__Output = { udt: { name: 'address', fields: { zip: T.int } } };
    expect(() => roundTrip(udt, '{"zap":1}')).toThrow(/unknown field 'zap'/);
    expect(() => roundTrip({ vector: { element: T.float, size: 3 } }, '[1,2]')).toThrow(
      /an array of 3 numbers/,
    );
    const inVector = errorOf(() => roundTrip({ vector: { element: T.float, size: 3 } }, '[1,2,1e39]'));
    expect(inVector.message).toBe(
      'at [2]: expected float (a number, or "NaN", "Infinity", "-Infinity"), got Number 1e39',
    );
    expect(() => roundTrip({ tuple: { elements: [T.int, T.int] } }, '[1]')).toThrow(/an array of 2 values/);
    expect(() => roundTrip({ list: { element: T.int } }, '"[1, 2"')).toThrow(/\[1, 2/);
  });

  it('writes CQL null and absent values as null', () => {
    const codec = jsonCodecFor(T.int, compact);
    expect(codec.toJson({ null: {}, inner: 'null' })).toBe('null');
    expect(codec.toJson(undefined)).toBe('null');
    expect(codec.fromJson(null)).toEqual({ null: {} });
  });
});
