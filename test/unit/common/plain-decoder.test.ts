// The one-pass plain decoder gives exactly what protobufjs's decode + toObject gave (the shapes our
// services read): for every message type of our protos, random wire bytes with every Value kind,
// 64-bit edges, packed and unpacked repeated fields, repeated singular fields, several members of a
// oneof, map entries with missing parts, unknown fields; truncated and garbage bytes throw alike.
import { isDeepStrictEqual } from 'node:util';
import Long from 'long';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeOptions } from '../../../services/common/src/proto/grpc-service-definition.js';
import { plainDecoder } from '../../../services/common/src/proto/plain-decoder.js';
import { protoRoot } from '../../../services/common/src/proto/proto-root.js';
import { seededUniform } from '../../support/seeded-random.js';

type Random = () => number;

/** The same messages on every run. */
const seeded: (seed: number) => Random = seededUniform;

const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const int = (rnd: Random, below: number) => Math.floor(rnd() * below);

function allTypes(ns: protobuf.NamespaceBase, into: protobuf.Type[] = []): protobuf.Type[] {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) into.push(nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) allTypes(nested, into);
  }
  return into;
}

const WIRE: Record<string, number> = {
  double: 1,
  fixed64: 1,
  sfixed64: 1,
  float: 5,
  fixed32: 5,
  sfixed32: 5,
  string: 2,
  bytes: 2,
};
const wireTypeOf = (field: protobuf.FieldBase) =>
  field.resolvedType instanceof protobuf.Type ? 2 : (WIRE[field.type] ?? 0);

const SIGNED_64 = [
  0n,
  1n,
  -1n,
  42n,
  -42n,
  2n ** 31n,
  2n ** 32n,
  2n ** 53n - 1n,
  2n ** 53n,
  2n ** 53n + 1n,
  -(2n ** 53n) - 1n,
  -(2n ** 53n),
  2n ** 63n - 1n,
  -(2n ** 63n),
];
const UNSIGNED_64 = [0n, 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n];
const MAP_KEYS = ['', 'a', 'b', 'é', '__proto__', 'toString', 'hasOwnProperty'];
const STRINGS = [
  '',
  'a',
  'héllo',
  '日本語',
  '😀 emoji',
  '__proto__',
  'constructor',
  'toString',
  'x'.repeat(200),
];

function random64(rnd: Random, unsigned: boolean): Long {
  let value: bigint;
  if (rnd() < 0.6) value = pick(rnd, unsigned ? UNSIGNED_64 : SIGNED_64);
  else {
    value = BigInt(int(rnd, 2 ** 32)) * 2n ** 32n + BigInt(int(rnd, 2 ** 32));
    if (!unsigned) value = BigInt.asIntN(64, value);
  }
  return Long.fromString(value.toString(), unsigned);
}

function randomBytes(rnd: Random, max = 24): Uint8Array {
  return Uint8Array.from({ length: int(rnd, max + 1) }, () => int(rnd, 256));
}

/** Writes one value of a scalar type or an enum, without its tag. */
function writeScalar(w: protobuf.Writer, enumType: unknown, type: string, rnd: Random): void {
  if (enumType instanceof protobuf.Enum) {
    const known = Object.values(enumType.values);
    w.int32(rnd() < 0.8 ? pick(rnd, known) : pick(rnd, [-1, 99, 2147483647]));
    return;
  }
  switch (type) {
    case 'double':
      w.double(pick(rnd, [0, -0, 1.5, -2.25, Number.NaN, Infinity, -Infinity, 5e-324, 1.7e308, rnd() * 1e9]));
      break;
    case 'float':
      w.float(pick(rnd, [0, -0, 1.5, -2.25, Number.NaN, Infinity, 3.4e38, rnd() * 1e6]));
      break;
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      w[type](pick(rnd, [0, 1, -1, 127, 128, -128, 2147483647, -2147483648, int(rnd, 2 ** 32) | 0]));
      break;
    case 'uint32':
    case 'fixed32':
      w[type](pick(rnd, [0, 1, 127, 128, 2147483648, 4294967295, int(rnd, 2 ** 32)]));
      break;
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      w[type](random64(rnd, false));
      break;
    case 'uint64':
    case 'fixed64':
      w[type](random64(rnd, true));
      break;
    case 'bool':
      // Any varint reads as a boolean.
      w.uint32(pick(rnd, [0, 1, 1, 2, 300]));
      break;
    case 'string':
      // Sometimes bytes that are not UTF-8.
      if (rnd() < 0.1) w.bytes(randomBytes(rnd, 8));
      else w.string(rnd() < 0.7 ? pick(rnd, STRINGS) : String.fromCharCode(...randomBytes(rnd, 12)));
      break;
    case 'bytes':
      w.bytes(randomBytes(rnd));
      break;
    default:
      throw new Error(`no writer for ${type}`);
  }
}

const MAX_DEPTH = 6;

function writeValue(w: protobuf.Writer, field: protobuf.FieldBase, rnd: Random, depth: number): void {
  const target = field.resolvedType;
  if (target instanceof protobuf.Type) {
    w.fork();
    writeMessage(w, target, rnd, depth + 1);
    w.ldelim();
  } else writeScalar(w, target, field.type, rnd);
}

const tag = (w: protobuf.Writer, id: number, wireType: number) => w.uint32(((id << 3) | wireType) >>> 0);

function writeUnknownField(w: protobuf.Writer, isKnown: (id: number) => boolean, rnd: Random): void {
  let id = 1 + int(rnd, 2000);
  while (isKnown(id)) id++;
  const wireType = pick(rnd, [0, 1, 2, 3, 5]);
  tag(w, id, wireType);
  if (wireType === 0) w.uint64(random64(rnd, true));
  else if (wireType === 1) w.fixed64(random64(rnd, true));
  else if (wireType === 2) w.bytes(randomBytes(rnd));
  else if (wireType === 5) w.fixed32(int(rnd, 2 ** 32));
  else {
    // A group: a varint inside, then its end tag.
    tag(w, 1, 0).uint32(int(rnd, 1000));
    tag(w, id, 4);
  }
}

function writeField(w: protobuf.Writer, field: protobuf.FieldBase, rnd: Random, depth: number): void {
  const wireType = wireTypeOf(field);
  if (field.map) {
    const mapField = field as protobuf.MapField;
    for (let n = int(rnd, 4); n > 0; n--) {
      tag(w, field.id, 2).fork();
      // Entries may lack their key or (rarely) their value, or carry unknown fields.
      if (rnd() < 0.95) {
        tag(w, 1, WIRE[mapField.keyType] ?? 0);
        // Not "constructor" (see the test of such keys).
        if (mapField.keyType === 'string') w.string(pick(rnd, MAP_KEYS));
        else writeScalar(w, undefined, mapField.keyType, rnd);
      }
      if (rnd() < 0.2) writeUnknownField(w, (id) => id <= 2, rnd);
      if (rnd() < 0.97) {
        tag(w, 2, wireType);
        writeValue(w, field, rnd, depth);
      }
      w.ldelim();
    }
    return;
  }
  const packable = wireType !== 2 || field.resolvedType instanceof protobuf.Enum;
  if (field.repeated) {
    for (let blocks = 1 + int(rnd, 2); blocks > 0; blocks--) {
      const count = int(rnd, 4);
      if (packable && rnd() < 0.5) {
        // Packed, possibly empty.
        tag(w, field.id, 2).fork();
        for (let i = 0; i < count; i++) writeScalar(w, field.resolvedType, field.type, rnd);
        w.ldelim();
      } else {
        for (let i = 0; i < count; i++) {
          tag(w, field.id, wireType);
          writeValue(w, field, rnd, depth);
        }
      }
    }
    return;
  }
  // A singular field sometimes twice: the last one wins.
  for (let times = rnd() < 0.1 ? 2 : 1; times > 0; times--) {
    tag(w, field.id, wireType);
    writeValue(w, field, rnd, depth);
  }
}

function writeMessage(w: protobuf.Writer, type: protobuf.Type, rnd: Random, depth: number): void {
  const chosen: protobuf.FieldBase[] = [];
  const presence = depth === 0 ? 0.8 : 0.5;
  for (const field of type.fieldsArray) {
    if (field.partOf) continue;
    if (depth >= MAX_DEPTH && field.resolvedType instanceof protobuf.Type) continue;
    if (rnd() < presence) chosen.push(field);
  }
  for (const oneof of type.oneofsArray) {
    const members = oneof.fieldsArray.filter(
      (f) => depth < MAX_DEPTH || !(f.resolvedType instanceof protobuf.Type),
    );
    if (members.length === 0 || rnd() < 0.1) continue;
    // Now and then two members, in either order.
    for (let n = rnd() < 0.1 ? 2 : 1; n > 0; n--) chosen.push(pick(rnd, members));
  }
  chosen.sort((a, b) => a.id - b.id);
  // Mostly in field-number order, as encoders write; sometimes shuffled.
  if (rnd() < 0.2) chosen.sort(() => rnd() - 0.5);
  for (const field of chosen) {
    if (rnd() < 0.05) writeUnknownField(w, (id) => type.fieldsById[id] !== undefined, rnd);
    writeField(w, field, rnd, depth);
  }
  if (rnd() < 0.05) writeUnknownField(w, (id) => type.fieldsById[id] !== undefined, rnd);
}

function randomWire(type: protobuf.Type, rnd: Random): Uint8Array {
  const w = protobuf.Writer.create();
  writeMessage(w, type, rnd, 0);
  return w.finish();
}

type Outcome = { value: unknown } | { threw: true };
const outcome = (decode: () => unknown): Outcome => {
  try {
    return { value: decode() };
  } catch {
    return { threw: true };
  }
};
const twoPasses = (type: protobuf.Type, bytes: Uint8Array) =>
  type.toObject(type.decode(bytes), decodeOptions);

/**
 * What decode + toObject gives, except that bytes protobufjs's generic reader refuses are refused for
 * a Buffer too: protobufjs 7's Buffer reader cuts a string running past the message short instead
 * (fixed in protobufjs 8), and the plain decoder refuses it.
 */
function reference(type: protobuf.Type, input: Uint8Array): Outcome {
  const strict = outcome(() => twoPasses(type, new Uint8Array(input)));
  return 'threw' in strict ? strict : outcome(() => twoPasses(type, input));
}

/** Asserts the same object (or a throw) for the bytes as a Buffer and as a plain Uint8Array. */
function expectSameDecoding(type: protobuf.Type, bytes: Uint8Array): void {
  const decode = plainDecoder(type);
  for (const input of [Buffer.from(bytes), new Uint8Array(bytes)]) {
    const expected = reference(type, input);
    const actual = outcome(() => decode(input));
    expect(actual, `${type.fullName} ${Buffer.from(bytes).toString('hex').slice(0, 400)}`).toStrictEqual(
      expected,
    );
  }
}

const root = protoRoot();
const types = allTypes(root);

describe('plainDecoder', () => {
  it('walks every message type of our protos', () => {
    const names = types.map((t) => t.fullName);
    for (const name of [
      '.stargate.Response',
      '.stargate.ResultSet',
      '.stargate.Value',
      '.google.rpc.Status',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('decodes random messages of every type as decode + toObject does', () => {
    const rnd = seeded(19);
    for (const type of types) {
      for (let i = 0; i < 150; i++) expectSameDecoding(type, randomWire(type, rnd));
    }
  });

  it('decodes deep random pages (Response, ResultSet, Row, Value, bridge replies) as decode + toObject does', () => {
    const rnd = seeded(7);
    const names = types
      .map((t) => t.fullName)
      .filter(
        (n) =>
          /\.(Response|ResultSet|Row|Value|Collection|UdtValue|StreamingResponse)$/.test(n) ||
          /Reply/.test(n),
      );
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const type = root.lookupType(name);
      for (let i = 0; i < 1500; i++) expectSameDecoding(type, randomWire(type, rnd));
    }
  });

  it('decodes a page with every kind of Value to the same objects, keys in the same order, bytes as Buffers', () => {
    const Response = root.lookupType('stargate.Response');
    const Value = root.lookupType('stargate.Value');
    const bytes = (...b: number[]) => Buffer.from(b);
    const kinds: Record<string, unknown> = {
      null: {},
      unset: {},
      int: Long.fromString('-9223372036854775808'),
      float: 1.5,
      double: -2.25,
      boolean: false,
      string: 'héllo',
      bytes: bytes(0, 1, 255),
      inet: { value: bytes(127, 0, 0, 1) },
      uuid: { value: Buffer.alloc(16, 7) },
      date: 2147483648,
      time: Long.fromString('86399999999999', true),
      collection: { elements: [{ int: 1 }, { string: 'k' }, { null: {} }] },
      udt: { fields: { a: { int: 5 }, b: { null: {} }, ['__proto__']: { boolean: true } } },
      varint: { value: bytes(0x80, 0) },
      decimal: { scale: 2, value: bytes(0x01, 0x00) },
      duration: { months: -1, days: 2, nanos: Long.fromString('-5') },
    };
    expect(Object.keys(kinds).sort()).toStrictEqual(
      Value.oneofs.inner!.fieldsArray.map((f) => f.name).sort(),
    );
    const values = Object.entries(kinds).map(([kind, v]) => ({ [kind]: v }));
    const rows = Array.from({ length: 20 }, (_, i) => ({
      values: [...values, { int: i }, { int: Long.fromString('18014398509481984') }],
      pagingState: { value: bytes(i) },
    }));
    const message = Response.fromObject({
      resultSet: { rows, pagingState: { value: bytes(1, 2, 3) } },
      warnings: ['w1', ''],
    });
    const wire = Buffer.from(Response.encode(message).finish());
    const expected = twoPasses(Response, wire);
    const actual = plainDecoder(Response)(wire) as typeof expected & {
      resultSet: { rows: { values: { bytes?: unknown }[] }[] };
    };
    expect(actual).toStrictEqual(expected);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    expect(Buffer.isBuffer(actual.resultSet.rows[0]!.values[7]!.bytes)).toBe(true);
    expect(actual.resultSet.rows[0]!.values[2]).toStrictEqual({ int: '-9223372036854775808', inner: 'int' });
  });

  it('gives repeated fields only when they have elements, and the later of two oneof members', () => {
    const Authorized = root.lookupType('stargate.AuthorizeSchemaReadsResponse');
    const Value = root.lookupType('stargate.Value');
    const emptyPacked = protobuf.Writer.create();
    tag(emptyPacked, 1, 2).fork().ldelim();
    expect(plainDecoder(Authorized)(Buffer.from(emptyPacked.finish()))).toStrictEqual({});
    const packedAndNot = protobuf.Writer.create();
    tag(packedAndNot, 1, 2).fork().bool(true).bool(false).ldelim();
    tag(packedAndNot, 1, 0).bool(true);
    expect(plainDecoder(Authorized)(Buffer.from(packedAndNot.finish()))).toStrictEqual({
      authorized: [true, false, true],
    });
    // string (7) then int (3): both kept, the oneof names the higher field number.
    const twoMembers = protobuf.Writer.create();
    tag(twoMembers, 7, 2).string('s');
    tag(twoMembers, 3, 0).sint64(-3);
    const decoded = plainDecoder(Value)(Buffer.from(twoMembers.finish()));
    expect(decoded).toStrictEqual({ string: 's', int: '-3', inner: 'string' });
    expectSameDecoding(Value, twoMembers.finish());
  });

  it('keeps a map key named "constructor" as decode + toObject does', () => {
    // toStrictEqual compares objects' "constructor" properties by identity, so two equal objects with
    // such a key never match: this one is compared with Node's deep strict equality instead.
    const UdtValue = root.lookupType('stargate.UdtValue');
    const w = protobuf.Writer.create();
    tag(w, 1, 2).fork();
    tag(w, 1, 2).string('constructor');
    tag(w, 2, 2).fork();
    tag(w, 3, 0).sint64(7);
    w.ldelim().ldelim();
    const bytes = Buffer.from(w.finish());
    const actual = plainDecoder(UdtValue)(bytes);
    expect(isDeepStrictEqual(actual, twoPasses(UdtValue, bytes))).toBe(true);
    expect(JSON.stringify(actual)).toBe('{"fields":{"constructor":{"int":"7","inner":"int"}}}');
  });

  it('throws on truncated and garbage bytes as decode + toObject does, and agrees when they decode', () => {
    const rnd = seeded(4242);
    const page = ['.stargate.Response', '.stargate.ResultSet', '.stargate.Value'].map((n) =>
      root.lookupType(n),
    );
    let threw = 0;
    for (let i = 0; i < 4000; i++) {
      const type = rnd() < 0.5 ? pick(rnd, page) : pick(rnd, types);
      const valid = randomWire(type, rnd);
      let bytes: Uint8Array;
      const how = int(rnd, 4);
      if (how === 0) bytes = valid.subarray(0, int(rnd, valid.length));
      else if (how === 1) {
        bytes = Uint8Array.from(valid);
        for (let n = 1 + int(rnd, 3); n > 0 && bytes.length; n--)
          bytes[int(rnd, bytes.length)] = int(rnd, 256);
      } else if (how === 2) {
        const at = int(rnd, valid.length + 1);
        bytes = Buffer.concat([valid.subarray(0, at), randomBytes(rnd, 6), valid.subarray(at)]);
      } else bytes = randomBytes(rnd, 40);
      expectSameDecoding(type, bytes);
      if ('threw' in outcome(() => twoPasses(type, bytes))) threw++;
    }
    // The mutations do exercise the error paths.
    expect(threw).toBeGreaterThan(500);
  });

  it('refuses a string whose length runs past the message, from a Buffer too (not the part that fitted)', () => {
    const Query = root.lookupType('.stargate.Query');
    const whole = Buffer.from(Query.encode({ cql: 'DELETE FROM ks.t WHERE k = 1 AND c = 2' }).finish());
    const decode = plainDecoder(Query);
    expect(decode(whole)).toEqual({ cql: 'DELETE FROM ks.t WHERE k = 1 AND c = 2' });
    expect(() => decode(whole.subarray(0, whole.length - 10))).toThrow(
      new RangeError('index out of range: 2 + 38 > 30'),
    );
    expect(() => decode(new Uint8Array(whole.subarray(0, whole.length - 10)))).toThrow(RangeError);
  });

  it('decodes what the generic paths of other protos hold: fixed and 64-bit map keys, proto2 required', () => {
    const extra = protobuf.parse(`
      syntax = "proto3";
      package extra;
      enum Color { RED = 0; BLUE = 2; }
      message Everything {
        fixed32 f32 = 1; sfixed32 sf32 = 2; fixed64 f64 = 3; sfixed64 sf64 = 4; int64 i64 = 5;
        repeated Color colors = 6; repeated sint64 zigzags = 7; repeated double doubles = 8;
        map<int64, string> by_long = 9; map<sint64, bytes> by_zigzag = 10; map<fixed64, Color> by_fixed = 11;
        map<bool, uint64> by_bool = 12; map<int32, Everything> by_int = 13; map<string, Nothing> nothings = 14;
        optional string maybe = 15; repeated bytes blobs = 16; Everything child = 17;
        oneof choice { float small = 18; Everything nested = 19; string text = 20; }
        message Nothing {}
      }
    `).root;
    const legacy = protobuf.parse(`
      syntax = "proto2";
      package legacy;
      message Strict { required int32 id = 1; optional string note = 2; repeated int32 packed = 3 [packed = true]; }
    `).root;
    extra.resolveAll();
    legacy.resolveAll();
    const rnd = seeded(99);
    for (const type of [...allTypes(extra), ...allTypes(legacy)]) {
      for (let i = 0; i < 300; i++) expectSameDecoding(type, randomWire(type, rnd));
    }
    const Strict = legacy.lookupType('legacy.Strict');
    expect(() => plainDecoder(Strict)(Buffer.alloc(0))).toThrow(/missing required 'id'/);
  });
});
