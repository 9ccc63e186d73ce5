// `sort` (beyond Stargate): a JSON object of document paths to 1 (ascending) or -1 (descending),
// applied in the order given, e.g. {"price": -1, "name": 1}. Paths name one value (no globs).
import { ApiError } from '../../../common/src/errors/api-error.js';
import { type ConcreteSegment, isConcrete, parseFieldPath } from '../path/field-path.js';

export interface SortKey {
  path: ConcreteSegment[];
  text: string;
  direction: 1 | -1;
}

const MAX_SORT_KEYS = 8;
const invalid = (detail: string) => new ApiError('DOCS_SORT_INVALID', { detail });

export function parseSort(text: string | undefined, maxArrayLength: number): SortKey[] | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('it is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw invalid('it is not a JSON object');
  const entries = Object.entries(json as Record<string, unknown>);
  if (entries.length === 0) throw invalid('it names no field');
  if (entries.length > MAX_SORT_KEYS) throw invalid(`it names more than ${MAX_SORT_KEYS} fields`);
  return entries.map(([field, direction]) => {
    if (direction !== 1 && direction !== -1) {
      throw invalid(`the direction of '${field}' is ${JSON.stringify(direction)}, not 1 or -1`);
    }
    const path = parseFieldPath(field, maxArrayLength, invalid);
    if (!isConcrete(path.segments)) throw invalid(`the path '${field}' has a glob or alternatives`);
    return { path: path.segments, text: field, direction };
  });
}
