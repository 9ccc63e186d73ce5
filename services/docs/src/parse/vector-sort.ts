// `sort={"$vector": [...]}` (beyond Stargate): the documents nearest to a vector, for a collection
// that declares one. Told apart from a field sort (parse/sort.ts) by its one key; the vector itself
// is checked against the collection's declaration by the search (search/vector-search.ts).
import { ApiError } from '../../../common/src/errors/api-error.js';
import { VECTOR_FIELD } from '../vector/document-vector.js';

/** The `$vector` of the sort, unchecked; undefined when the sort is not by vector. */
export function parseVectorSort(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined; // parse/sort.ts names the problem
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  if (!Object.hasOwn(json, VECTOR_FIELD)) return undefined;
  const keys = Object.keys(json);
  if (keys.length > 1) {
    throw new ApiError('DOCS_SORT_INVALID', {
      detail: `a sort by \`$vector\` takes no other field, got ${keys.map((k) => JSON.stringify(k)).join(', ')}`,
    });
  }
  return (json as Record<string, unknown>)[VECTOR_FIELD];
}
