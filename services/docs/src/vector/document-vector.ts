// A document's vector: the top-level `$vector` array. It is checked against the collection's
// declaration before anything is written, and kept in the document as the float32 numbers the
// vector column stores (shortest decimals, as REST answers floats), so what a read returns and what
// a search scores are the same numbers.
import { shortestFloat32, toFloat32 } from '../../../common/src/codecs/float32.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { isObject, type Json, type JsonObject, setOwn } from '../document/json-tree.js';
import type { ConcreteSegment } from '../path/field-path.js';
import type { Expression } from '../search/expression.js';
import type { VectorSettings } from './vector-settings.js';

export const VECTOR_FIELD = '$vector';

/** The vector a document carries, or a search sorts by, checked: float32 values. */
export type CheckedVector = number[];

/**
 * `value` as a vector of the collection: an array of `dimension` finite numbers that fit a float32,
 * not all zero under cosine (Cassandra cannot normalize a zero vector). `what` names it in errors.
 */
export function checkVector(value: unknown, settings: VectorSettings, what: string): CheckedVector {
  const invalid = (detail: string) => new ApiError('DOCS_VECTOR_INVALID', { what, detail });
  if (!Array.isArray(value)) {
    throw invalid(`it must be an array of ${settings.dimension} numbers, got ${describe(value)}`);
  }
  if (value.length !== settings.dimension) {
    throw invalid(
      `the collection's vectors have ${settings.dimension} dimensions, this one has ${value.length}`,
    );
  }
  const out: number[] = new Array(value.length);
  let allZero = true;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'number') throw invalid(`element [${i}] is ${describe(item)}, not a number`);
    const stored = toFloat32(item);
    if (!Number.isFinite(stored)) throw invalid(`element [${i}] (${item}) is beyond the range of a float`);
    if (stored !== 0) allZero = false;
    out[i] = stored;
  }
  if (allZero && settings.metric === 'cosine') {
    throw invalid('every element is 0, and a zero vector has no direction for the cosine metric');
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

export interface DocumentWithVector {
  /** The document, its `$vector` (when it has one) rewritten as the stored float32 numbers. */
  doc: Json;
  vector?: CheckedVector;
}

/**
 * The document's vector, checked against the collection's declaration (none: a `$vector` is
 * refused, naming the collection).
 */
export function documentVector(
  doc: Json,
  settings: VectorSettings | undefined,
  collection: string,
): DocumentWithVector {
  if (!isObject(doc) || !Object.hasOwn(doc, VECTOR_FIELD)) return { doc };
  if (!settings) throw new ApiError('DOCS_VECTOR_NOT_DECLARED', { collection });
  const vector = checkVector(doc[VECTOR_FIELD], settings, '`$vector` of the document');
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(doc)) {
    setOwn(out, key, key === VECTOR_FIELD ? vector.map(shortestFloat32) : value);
  }
  return { doc: out, vector };
}

/**
 * A `where` may not name the top-level `$vector`: it has no indexed leaf rows, so such a condition
 * could not be answered from the indexes; a search by vector is a sort.
 */
export function refuseVectorConditions(where: Expression): void {
  if (where.kind !== 'condition') {
    for (const child of where.children) refuseVectorConditions(child);
    return;
  }
  const first = where.condition.path.segments[0];
  const names = first?.kind === 'key' ? [first.key] : first?.kind === 'oneOf' ? first.options.map(keyOf) : [];
  if (names.includes(VECTOR_FIELD)) {
    throw new ApiError('DOCS_API_SEARCH_FILTER_INVALID', {
      detail: `\`${VECTOR_FIELD}\` cannot be searched with \`where\`; search by similarity with sort={"${VECTOR_FIELD}":[…]}`,
    });
  }
}

function keyOf(segment: ConcreteSegment): string | undefined {
  return segment.kind === 'key' ? segment.key : undefined;
}
