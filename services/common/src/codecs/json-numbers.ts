// Numeric CQL types ⇄ JSON, exactly: integers by their digits (bigint and varint never pass
// through a JS number), decimals as unscaled digits + scale, floats written in their shortest
// round-trip form. NaN and ±Infinity, which JSON cannot write, travel as the strings "NaN",
// "Infinity" and "-Infinity" (as Stargate's Jackson output writes them).

import { isLosslessNumber } from 'lossless-json';
import type { Value, Value__Output } from '../proto/generated/stargate/Value.js';
import { bigintFromBytes, bigintToBytes, formatDecimal } from './big-integer.js';
import { defineCodec, type JsonCodec, type JsonInput, mismatch, numberText } from './json-codec.js';

const NUMBER = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
/** Exponents beyond this are refused before any arithmetic (10^1e9 would take minutes). */
const MAX_EXPONENT = 10_000;

/** The exact value of a numeric text as unscaled × 10^-scale, or undefined if it is not a number. */
export function parseExactNumber(text: string): { unscaled: bigint; scale: number } | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const exponent = Number(m[4] ?? 0);
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  const fraction = m[3] ?? '';
  return { unscaled: BigInt(`${m[1]}${m[2]}${fraction}`), scale: fraction.length - exponent };
}

/** The integer a numeric text denotes exactly ("12", "1.0", "1e3"), or undefined. */
export function parseExactInteger(text: string): bigint | undefined {
  const n = parseExactNumber(text);
  if (!n) return undefined;
  if (n.scale <= 0) return n.unscaled * 10n ** BigInt(-n.scale);
  const divisor = 10n ** BigInt(n.scale);
  return n.unscaled % divisor === 0n ? n.unscaled / divisor : undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function integerCodec(cqlType: string, min: bigint, max: bigint, quoteOutput = false): JsonCodec {
  const expected = `${cqlType} (a whole number from ${min} to ${max})`;
  const toValue = (text: string | undefined, json: JsonInput): Value => {
    const n = text === undefined ? undefined : parseExactInteger(text);
    if (n === undefined || n < min || n > max) throw mismatch(expected, json);
    // 32-bit and smaller travel as JS numbers; 64-bit as digit strings (exact).
    return { int: max > 2147483647n ? n.toString() : Number(n) };
  };
  return defineCodec({
    cqlType,
    fromJson: (json) => toValue(numberText(json), json),
    fromText: (text) => toValue(text.trim(), text),
    toJson: (value) => {
      if (value.int === undefined) return 'null';
      return quoteOutput ? `"${value.int}"` : String(value.int);
    },
  });
}

export const tinyintCodec = integerCodec('tinyint', -128n, 127n);
export const smallintCodec = integerCodec('smallint', -32768n, 32767n);
export const intCodec = integerCodec('int', -2147483648n, 2147483647n);
export const bigintCodec = integerCodec('bigint', INT64_MIN, INT64_MAX);
/** Counters are read back as strings (Stargate's REST API does so); "+1" / "-1" increment. */
export const counterCodec = integerCodec('counter', INT64_MIN, INT64_MAX, true);

export const varintCodec: JsonCodec = (() => {
  const expected = 'varint (a whole number of any size)';
  const toValue = (text: string | undefined, json: JsonInput): Value => {
    const n = text === undefined ? undefined : parseExactInteger(text);
    if (n === undefined) throw mismatch(expected, json);
    return { varint: { value: bigintToBytes(n) } };
  };
  return defineCodec({
    cqlType: 'varint',
    fromJson: (json) => toValue(numberText(json), json),
    fromText: (text) => toValue(text.trim(), text),
    toJson: (value) =>
      value.varint ? bigintFromBytes(value.varint.value ?? Buffer.alloc(0)).toString() : 'null',
  });
})();

const MAX_SCALE = 2 ** 31 - 1;

export const decimalCodec: JsonCodec = (() => {
  const expected = 'decimal (a number of any precision)';
  const toValue = (text: string | undefined, json: JsonInput): Value => {
    const n = text === undefined ? undefined : parseExactNumber(text);
    if (!n || n.scale > MAX_SCALE) throw mismatch(expected, json);
    return { decimal: { scale: n.scale, value: bigintToBytes(n.unscaled) } };
  };
  return defineCodec({
    cqlType: 'decimal',
    fromJson: (json) => toValue(numberText(json), json),
    fromText: (text) => toValue(text.trim(), text),
    toJson: (value) => {
      const d = value.decimal;
      if (!d) return 'null';
      return formatDecimal(bigintFromBytes(d.value ?? Buffer.alloc(0)), d.scale ?? 0);
    },
  });
})();

const NON_FINITE = new Map<string, number>([
  ['NaN', Number.NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
]);

/** NaN and ±Infinity as Stargate writes them (JSON has no such numbers). */
export function nonFiniteJson(n: number): string {
  return Number.isNaN(n) ? '"NaN"' : n > 0 ? '"Infinity"' : '"-Infinity"';
}

/** The shortest decimal text that reads back as the same 32-bit float (0.1f → "0.1"). */
export function formatFloat32(n: number): string {
  if (!Number.isFinite(n)) return nonFiniteJson(n);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(n.toPrecision(digits));
    if (Math.fround(candidate) === n) return String(candidate);
  }
  return String(n);
}

function floatingCodec(cqlType: 'float' | 'double'): JsonCodec {
  const expected = `${cqlType} (a number, or "NaN", "Infinity", "-Infinity")`;
  /** `text` matches NUMBER (a JSON number's text always does). */
  const fromNumber = (text: string, json: JsonInput): Value => {
    const n = Number(text);
    // A finite literal too large for the type is refused rather than stored as Infinity.
    if (!Number.isFinite(cqlType === 'float' ? Math.fround(n) : n)) throw mismatch(expected, json);
    return cqlType === 'float' ? { float: n } : { double: n };
  };
  const toValue = (text: string | undefined, json: JsonInput): Value => {
    if (text !== undefined && NUMBER.test(text)) return fromNumber(text, json);
    const n = text === undefined ? undefined : NON_FINITE.get(text);
    if (n === undefined) throw mismatch(expected, json);
    return cqlType === 'float' ? { float: n } : { double: n };
  };
  return defineCodec({
    cqlType,
    // JSON has no NaN or Infinity: their strings are accepted wherever a number is. A parsed JSON
    // number (a LosslessNumber: its text was checked by the parser) skips the text checks — the
    // elements of an ANN read's query vector come this way, 64 to 4096 per request.
    fromJson: (json) =>
      isLosslessNumber(json)
        ? fromNumber(json.value, json)
        : toValue(typeof json === 'string' ? json : numberText(json), json),
    fromText: (text) => toValue(text.trim(), text),
    toJson: (value: Value__Output) => {
      const n = cqlType === 'float' ? value.float : value.double;
      if (n === undefined || n === null) return 'null';
      const number = Number(n);
      if (!Number.isFinite(number)) return nonFiniteJson(number);
      return cqlType === 'float' ? formatFloat32(number) : String(number);
    },
  });
}

export const floatCodec = floatingCodec('float');
export const doubleCodec = floatingCodec('double');
