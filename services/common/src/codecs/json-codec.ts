// The contract of a JSON codec (proto Value ⇄ JSON for one CQL type) and its error. Numbers
// arrive as lossless-json LosslessNumbers (their exact text) so that bigint, varint and decimal
// keep every digit; output is JSON text written directly, never through JS numbers.
import { isLosslessNumber, type LosslessNumber } from 'lossless-json';
import type { Value, Value__Output } from '../proto/generated/stargate/Value.js';

export type JsonInput =
  | null
  | boolean
  | string
  | number
  | LosslessNumber
  | JsonInput[]
  | { [key: string]: JsonInput };

export interface JsonCodec {
  /** The CQL type, as error messages name it: "int", "map<text, int>". */
  readonly cqlType: string;
  /** A JSON value (strict: numbers for numeric types, arrays for lists, …) → proto Value. */
  fromJson(json: JsonInput): Value;
  /** Stargate's "stringified" form: the value's text, CQL literal syntax for collections. */
  fromText(text: string): Value;
  /** proto Value → JSON text, exact. */
  toJson(value: Value__Output | undefined): string;
  /** Elements of a list, set or vector; values of a map (what $contains looks for). */
  readonly element?: JsonCodec;
  /** Keys of a map (what $containsKey looks for). */
  readonly key?: JsonCodec;
}

/** A value that does not fit its CQL type; `path` locates it inside a collection or UDT. */
export class JsonValueError extends Error {
  constructor(
    readonly expected: string,
    readonly got: string,
    readonly path = '',
  ) {
    super(`${path ? `at ${path}: ` : ''}expected ${expected}, got ${got}`);
    this.name = 'JsonValueError';
  }

  /** The same error one level further out: `[2]`, `.street`, ` key "a"`. */
  at(segment: string): JsonValueError {
    return new JsonValueError(this.expected, this.got, `${segment}${this.path}`);
  }
}

export const NULL_VALUE: Value = Object.freeze({ null: {} }) as Value;

/** A codec as written: its toJson only ever sees non-null values. */
export interface CodecDefinition extends Omit<JsonCodec, 'toJson'> {
  toJson(value: Value__Output): string;
}

/** Adds what every codec shares: JSON null ⇄ CQL null. */
export function defineCodec(codec: CodecDefinition): JsonCodec {
  const { fromJson, toJson } = codec;
  return {
    ...codec,
    fromJson: (json) => (json === null ? NULL_VALUE : fromJson(json)),
    toJson: (value) => (value === undefined || isNullValue(value) ? 'null' : toJson(value)),
  };
}

export function isNullValue(value: Value__Output | undefined): boolean {
  return value === undefined || value.inner === 'null' || value.null != null || value.unset != null;
}

/** The exact text of a JSON number, or undefined for anything else. */
export function numberText(json: JsonInput): string | undefined {
  if (isLosslessNumber(json)) return (json as LosslessNumber).value;
  if (typeof json === 'number' && Number.isFinite(json)) return String(json);
  return undefined;
}

/** How an error message shows what was sent: String "abc", Number 1.5, an array. */
export function describeJson(json: JsonInput): string {
  if (json === null) return 'null';
  if (typeof json === 'string')
    return `String ${JSON.stringify(json.length > 60 ? `${json.slice(0, 57)}...` : json)}`;
  if (typeof json === 'boolean') return `Boolean ${json}`;
  const number = numberText(json);
  if (number !== undefined) return `Number ${number}`;
  return Array.isArray(json) ? 'an array' : 'an object';
}

export function mismatch(expected: string, json: JsonInput): JsonValueError {
  return new JsonValueError(expected, describeJson(json));
}
