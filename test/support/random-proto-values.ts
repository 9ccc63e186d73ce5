// Seeded random stargate.Value contents (the plain objects protobufjs encodes) for the oracle tests
// of the code that reads result rows straight from the bridge's bytes (REST's JSON writer, GraphQL's
// row objects): every scalar with its edge cases — 64-bit integers beyond 2^53, non-finite and
// extreme doubles, text that JSON must escape, lone surrogates.
import Long from 'long';
import protobuf from 'protobufjs';
import type { TypeSpec } from '../../services/common/src/proto/generated/stargate/TypeSpec.js';
import { BasicType } from '../../services/common/src/proto/proto-enums.js';
import { protoRoot } from '../../services/common/src/proto/proto-root.js';

export type Rnd = () => number;
/** A generator of one Value's content. */
export type Gen = (rnd: Rnd) => Record<string, unknown>;

export const pick = <T>(rnd: Rnd, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
export const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
export const randomBytes = (rnd: Rnd, max: number) =>
  Buffer.from(Array.from({ length: int(rnd, max + 1) }, () => int(rnd, 256)));
export const sixteenBytes = (rnd: Rnd) => Buffer.from(Array.from({ length: 16 }, () => int(rnd, 256)));

const TEXT_PIECES = [
  'a',
  'Z',
  ' ',
  '"',
  '\\',
  '/',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\u0000',
  '\u001f',
  '\u007f',
  'é',
  '€',
  '😀',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  '<',
  '&',
  "'",
  'text',
];
export const text = (rnd: Rnd) => Array.from({ length: int(rnd, 12) }, () => pick(rnd, TEXT_PIECES)).join('');

/** 64-bit integers as decimal strings, many beyond 2^53 (where Number() rounds) and negative. */
export function long64(rnd: Rnd): string {
  const r = rnd();
  if (r < 0.15)
    return pick(rnd, [
      '0',
      '-1',
      '9223372036854775807',
      '-9223372036854775808',
      '9007199254740993',
      '-9007199254740993',
      '9007199254740995',
      '18014398509481987',
      '-18014398509481989',
      '9007199254740992',
      '-9007199254740992',
      '4294967296',
      '-2147483648',
    ]);
  if (r < 0.45) return String(int(rnd, 2001) - 1000);
  if (r < 0.65) return String(int(rnd, 2 ** 32) - 2 ** 31);
  return new Long(int(rnd, 2 ** 32), int(rnd, 2 ** 32), false).toString();
}

const DOUBLES = [
  Number.NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  0.1,
  1e300,
  -1e-300,
  5e-324,
  Number.MAX_VALUE,
  1e21,
  123456789.125,
];
export const double = (rnd: Rnd) => (rnd() < 0.3 ? pick(rnd, DOUBLES) : (rnd() - 0.5) * 10 ** int(rnd, 40));
export const float = (rnd: Rnd) =>
  Math.fround(rnd() < 0.3 ? pick(rnd, DOUBLES) : (rnd() - 0.5) * 10 ** int(rnd, 20));

export const basic = (type: BasicType): TypeSpec => ({ basic: type });
export const intValue: Gen = (rnd) => ({ int: long64(rnd) });
export const textValue: Gen = (rnd) => ({ string: rnd() < 0.1 ? '' : text(rnd) });
export const uuidValue: Gen = (rnd) => ({ uuid: rnd() < 0.05 ? {} : { value: sixteenBytes(rnd) } });

/** A column of each scalar type (not int, which each test draws its own way), with its values. */
export const SCALAR_COLUMNS: [string, TypeSpec, Gen][] = [
  ['si', basic(BasicType.SMALLINT), (rnd) => ({ int: String(int(rnd, 65536) - 32768) })],
  ['ti', basic(BasicType.TINYINT), (rnd) => ({ int: String(int(rnd, 256) - 128) })],
  ['bi', basic(BasicType.BIGINT), intValue],
  ['c', basic(BasicType.COUNTER), intValue],
  ['ts', basic(BasicType.TIMESTAMP), intValue],
  ['vi', basic(BasicType.VARINT), (rnd) => ({ varint: { value: randomBytes(rnd, 12) } })],
  [
    'de',
    basic(BasicType.DECIMAL),
    (rnd) => ({ decimal: { scale: int(rnd, 40), value: randomBytes(rnd, 10) } }),
  ],
  ['f', basic(BasicType.FLOAT), (rnd) => ({ float: float(rnd) })],
  ['d', basic(BasicType.DOUBLE), (rnd) => ({ double: double(rnd) })],
  ['t', basic(BasicType.VARCHAR), textValue],
  ['tx', basic(BasicType.TEXT), textValue],
  [
    'a',
    basic(BasicType.ASCII),
    (rnd) => ({ string: [...text(rnd)].filter((ch) => ch.charCodeAt(0) < 0x80).join('') }),
  ],
  ['bl', basic(BasicType.BLOB), (rnd) => ({ bytes: randomBytes(rnd, 20) })],
  ['u', basic(BasicType.UUID), uuidValue],
  ['tu', basic(BasicType.TIMEUUID), uuidValue],
  [
    'in',
    basic(BasicType.INET),
    (rnd) => ({ inet: { value: rnd() < 0.5 ? Buffer.from([10, 0, int(rnd, 256), 1]) : sixteenBytes(rnd) } }),
  ],
  ['da', basic(BasicType.DATE), (rnd) => ({ date: int(rnd, 2 ** 32) })],
  ['tm', basic(BasicType.TIME), (rnd) => ({ time: String(int(rnd, 86400) * 1e9 + int(rnd, 1e9)) })],
  [
    'du',
    basic(BasicType.DURATION),
    (rnd) => ({ duration: { months: int(rnd, 100) - 50, days: int(rnd, 100) - 50, nanos: long64(rnd) } }),
  ],
  ['bo', basic(BasicType.BOOLEAN), (rnd) => ({ boolean: rnd() < 0.5 })],
];

const root = protoRoot();
const ValueType = root.lookupType('stargate.Value');
const ColumnSpecType = root.lookupType('stargate.ColumnSpec');

export const encodeValue = (value: Record<string, unknown>) =>
  Buffer.from(ValueType.encode(ValueType.fromObject(value)).finish());

/** Values' bytes that are odd but decodable: whatever reads them must make of them what decoding does. */
export function oddValue(rnd: Rnd, columns: readonly [string, TypeSpec, Gen][]): Buffer {
  switch (int(rnd, 16)) {
    case 0:
      return Buffer.alloc(0); // no field at all
    case 1:
      return encodeValue({ null: {} });
    case 2:
      return encodeValue({ unset: {} });
    case 3:
      return Buffer.from([0x0a, 0x02, 0x08, 0x01]); // a Null with an unknown field in it
    case 4:
      return Buffer.from([0x18, 0x82, 0x80, 0x00]); // int 1 as a non-minimal varint
    case 5:
      return Buffer.from([0x30, int(rnd, 3) + 1]); // boolean 1..3
    case 6: {
      // Invalid (or valid) UTF-8 as a string: a bytes Value with the string field's tag.
      const bytes = encodeValue({
        bytes: Buffer.from(
          Array.from({ length: int(rnd, 6) }, () =>
            pick(rnd, [0x41, 0x22, 0x80, 0xbf, 0xc3, 0xa9, 0xed, 0xa0, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x0a]),
          ),
        ),
      });
      bytes[0] = 0x3a;
      return bytes;
    }
    case 7:
      return Buffer.concat([encodeValue({ int: long64(rnd) }), encodeValue({ string: text(rnd) })]); // two fields
    case 8:
      return Buffer.concat([Buffer.from([0xa0, 0x01, 0x05]), encodeValue({ int: '3' })]); // unknown field 20 first
    case 9:
      return Buffer.concat([encodeValue({ double: double(rnd) }), Buffer.from([0xa0, 0x01, 0x05])]); // unknown field after
    case 10: {
      // The same field twice: the last one counts.
      const kind = pick(rnd, columns)[2];
      return Buffer.concat([encodeValue(kind(rnd)), encodeValue(kind(rnd))]);
    }
    case 11:
      return Buffer.concat([encodeValue({ null: {} }), encodeValue({ int: '7' })]); // null, then an int
    case 12:
      return Buffer.from([0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]); // 10-byte varint, high bits beyond 64
    case 13:
      return encodeValue({ uuid: { value: Buffer.alloc(15, 1) } });
    case 14:
      return encodeValue({ string: 'x"é\n'.repeat(int(rnd, 30000)) }); // longer than a first scratch area
    default:
      return encodeValue(pick(rnd, columns)[2](rnd)); // another column's kind of value
  }
}

/**
 * A whole Response, assembled with protobufjs's Writer around protobufjs-encoded Values: rows of
 * `columns` (short and long rows, nulls, odd values), a paging state or not, a warning or not.
 * Column specs: `sometimes` (half the responses, before the rows) or `always` (before the rows, or
 * now and then after them).
 */
export function randomResponse(
  rnd: Rnd,
  columns: readonly [string, TypeSpec, Gen][],
  columnSpecs: 'sometimes' | 'always',
): Buffer {
  const w = protobuf.Writer.create();
  if (rnd() < 0.2) w.uint32((2 << 3) | 2).string('a warning');
  if (rnd() < 0.04) return Buffer.from(w.finish()); // no result set
  const resultSet = protobuf.Writer.create();
  const writeSpecs = () => {
    for (const [name, type] of columns) {
      resultSet
        .uint32((1 << 3) | 2)
        .bytes(ColumnSpecType.encode(ColumnSpecType.fromObject({ name, type })).finish());
    }
  };
  const specs =
    columnSpecs === 'always' ? (rnd() < 0.9 ? 'before' : 'after') : rnd() < 0.5 ? 'before' : 'none';
  if (specs === 'before') writeSpecs();
  const rows = int(rnd, 13);
  for (let r = 0; r < rows; r++) {
    const row = protobuf.Writer.create();
    const values = rnd() < 0.1 ? int(rnd, columns.length + 3) : columns.length;
    for (let c = 0; c < values; c++) {
      const gen = columns[c]?.[2];
      const value =
        gen && rnd() < 0.85 ? encodeValue(rnd() < 0.1 ? { null: {} } : gen(rnd)) : oddValue(rnd, columns);
      row.uint32((1 << 3) | 2).bytes(value);
      if (rnd() < 0.01) row.uint32((3 << 3) | 2).bytes(Buffer.from([0x0a, 2, 1, 2])); // Row.comparable_bytes
    }
    resultSet.uint32((2 << 3) | 2).bytes(row.finish());
  }
  if (specs === 'after') writeSpecs(); // column specs after the rows: decoded all the same
  const state = rnd();
  if (state < 0.4)
    resultSet
      .uint32((3 << 3) | 2)
      .fork()
      .uint32((1 << 3) | 2)
      .bytes(randomBytes(rnd, 30))
      .ldelim();
  else if (state < 0.45) resultSet.uint32((3 << 3) | 2).bytes(Buffer.alloc(0)); // BytesValue without a value
  w.uint32((1 << 3) | 2).bytes(resultSet.finish());
  return Buffer.from(w.finish());
}
