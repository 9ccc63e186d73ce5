// JSON text from a request (a body, a `where` or `sort` parameter) parsed without losing digits:
// every number stays a LosslessNumber (its exact text) until a codec converts it for its column.
// Duplicate keys are refused, as Stargate's parser does (STRICT_DUPLICATE_DETECTION).
import { parse } from 'lossless-json';
import type { JsonInput } from '../../../common/src/codecs/json-codec.js';

export class JsonTextError extends Error {}

export function parseJsonText(text: string): JsonInput {
  try {
    return parse(text) as JsonInput;
  } catch (err) {
    throw new JsonTextError((err as Error).message);
  }
}

export function isJsonObject(json: JsonInput): json is { [key: string]: JsonInput } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const proto = Object.getPrototypeOf(json);
  return proto === Object.prototype || proto === null;
}
