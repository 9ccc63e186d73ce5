// The answer of a search sorted by `$vector`: its documents nearest first, each with `$similarity`
// when include-similarity=true. Whole documents are answered from their stored JSON text, the
// score added without parsing it, as the other search answers are written.

import { isObject, setOwn } from '../document/json-tree.js';
import { projectFields } from '../document/project-fields.js';
import type { PathPattern } from '../path/field-path.js';
import type { ScoredDocument } from '../search/vector-search.js';
import type { ExecutionProfile } from './execution-profile.js';
import { searchPageResponse } from './search-page-response.js';

export const SIMILARITY_FIELD = '$similarity';

/** `{"a":1}` → `{"a":1,"$similarity":0.9}`; a document that is not a non-empty object is left as is. */
export function withSimilarity(json: string, similarity: number): string {
  if (!json.startsWith('{') || !json.endsWith('}') || json === '{}') return json;
  return `${json.slice(0, -1)},${JSON.stringify(SIMILARITY_FIELD)}:${JSON.stringify(similarity)}}`;
}

export interface ScoredPageOptions {
  fields: PathPattern[] | undefined;
  raw: boolean;
  includeSimilarity: boolean;
}

export function scoredPageResponse(
  found: readonly ScoredDocument[],
  options: ScoredPageOptions,
  profile?: ExecutionProfile,
): string {
  const results = found.map((doc) => {
    if (!options.fields) {
      const json = options.includeSimilarity ? withSimilarity(doc.json, doc.similarity) : doc.json;
      return { id: doc.id, json };
    }
    const projected = projectFields(doc.doc, options.fields);
    if (options.includeSimilarity && isObject(projected)) setOwn(projected, SIMILARITY_FIELD, doc.similarity);
    return { id: doc.id, json: JSON.stringify(projected) };
  });
  return searchPageResponse(results, options.raw, undefined, profile);
}
