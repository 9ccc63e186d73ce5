// The one place that picks a JSON codec for a CQL type (a TypeSpec from a schema description or
// a result set), and the entry point for a column value as a REST body carries it.
import type { TypeSpec__Output } from '../proto/generated/stargate/TypeSpec.js';
import type { Value } from '../proto/generated/stargate/Value.js';
import { BasicType } from '../proto/proto-enums.js';
import type { JsonCodec, JsonInput } from './json-codec.js';
import {
  listJsonCodec,
  mapJsonCodec,
  setJsonCodec,
  tupleJsonCodec,
  udtJsonCodec,
  vectorJsonCodec,
} from './json-collections.js';
import {
  bigintCodec,
  counterCodec,
  decimalCodec,
  doubleCodec,
  floatCodec,
  intCodec,
  smallintCodec,
  tinyintCodec,
  varintCodec,
} from './json-numbers.js';
import { unquoteCqlString } from './json-stringified.js';
import { dateJsonCodec, durationJsonCodec, timeJsonCodec, timestampJsonCodec } from './json-temporal.js';
import {
  asciiJsonCodec,
  blobJsonCodec,
  booleanJsonCodec,
  inetJsonCodec,
  textJsonCodec,
  timeuuidJsonCodec,
  uuidJsonCodec,
} from './json-text.js';

export type { JsonCodec, JsonInput } from './json-codec.js';
export { JsonValueError } from './json-codec.js';

/** By TypeSpec.Basic. */
const basicCodecs: Record<number, JsonCodec> = {
  // Custom types reach clients as their serialized bytes, as the bridge hands them over.
  [BasicType.CUSTOM]: blobJsonCodec,
  [BasicType.ASCII]: asciiJsonCodec,
  [BasicType.BIGINT]: bigintCodec,
  [BasicType.BLOB]: blobJsonCodec,
  [BasicType.BOOLEAN]: booleanJsonCodec,
  [BasicType.COUNTER]: counterCodec,
  [BasicType.DECIMAL]: decimalCodec,
  [BasicType.DOUBLE]: doubleCodec,
  [BasicType.FLOAT]: floatCodec,
  [BasicType.INT]: intCodec,
  [BasicType.TEXT]: textJsonCodec,
  [BasicType.TIMESTAMP]: timestampJsonCodec,
  [BasicType.UUID]: uuidJsonCodec,
  [BasicType.VARCHAR]: textJsonCodec,
  [BasicType.VARINT]: varintCodec,
  [BasicType.TIMEUUID]: timeuuidJsonCodec,
  [BasicType.INET]: inetJsonCodec,
  [BasicType.DATE]: dateJsonCodec,
  [BasicType.TIME]: timeJsonCodec,
  [BasicType.SMALLINT]: smallintCodec,
  [BasicType.TINYINT]: tinyintCodec,
  [BasicType.DURATION]: durationJsonCodec,
};

export interface JsonCodecOptions {
  /** Maps as JSON objects (true, the default) or as [{"key","value"}] arrays. */
  compactMapData: boolean;
}

export class UnsupportedTypeError extends Error {}

export function jsonCodecFor(type: TypeSpec__Output | undefined, options: JsonCodecOptions): JsonCodec {
  if (!type) throw new UnsupportedTypeError('column without a type');
  const nested = (t: TypeSpec__Output | undefined) => jsonCodecFor(t, options);
  if (type.list) return listJsonCodec(nested(type.list.element), type.list.frozen);
  if (type.set) return setJsonCodec(nested(type.set.element), type.set.frozen);
  if (type.map) {
    return mapJsonCodec(nested(type.map.key), nested(type.map.value), {
      compact: options.compactMapData,
      frozen: type.map.frozen,
    });
  }
  if (type.tuple) return tupleJsonCodec((type.tuple.elements ?? []).map(nested));
  if (type.vector) return vectorJsonCodec(nested(type.vector.element), type.vector.size ?? 0);
  if (type.udt) {
    const fields = new Map(Object.entries(type.udt.fields ?? {}).map(([n, t]) => [n, nested(t)]));
    return udtJsonCodec(type.udt.name ?? 'udt', fields, type.udt.frozen);
  }
  const codec = basicCodecs[type.basic ?? BasicType.CUSTOM];
  if (!codec) throw new UnsupportedTypeError(`CQL type number ${type.basic} has no JSON form`);
  return codec;
}

/**
 * A column value as a REST request carries it: a JSON string is Stargate's "stringified" form
 * (the value's text, optionally in single quotes, CQL literal syntax for collections); any
 * other JSON value must match the type (numbers for numeric types, arrays for lists, …).
 */
export function valueFromLooseJson(codec: JsonCodec, json: JsonInput): Value {
  if (typeof json === 'string') return codec.fromText(unquoteCqlString(json));
  return codec.fromJson(json);
}

/** A URL path segment or a stringified operand: always the text form. */
export function valueFromText(codec: JsonCodec, text: string): Value {
  return codec.fromText(unquoteCqlString(text));
}
