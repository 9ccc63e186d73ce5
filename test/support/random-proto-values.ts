// Seeded random stargate.Value contents (the plain objects protobufjs encodes) for the oracle tests
// of the code that reads result rows straight from the bridge's bytes (REST's JSON writer, GraphQL's
// row objects): every scalar with its edge cases — 64-bit integers beyond 2^53, non-finite and
// extreme doubles, text that JSON must escape, lone surrogates.
import Long from 'long';
import type { TypeSpec } from '../../services/common/src/proto/generated/stargate/TypeSpec.js';
import { BasicType } from '../../services/common/src/proto/proto-enums.js';

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
