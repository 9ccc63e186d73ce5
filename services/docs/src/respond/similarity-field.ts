// `$similarity` in the documents a vector search answers (include-similarity=true): added to the
// stored JSON text of an object without parsing it, as the other search answers are written.

export const SIMILARITY_FIELD = '$similarity';

/** `{"a":1}` → `{"a":1,"$similarity":0.9}`; a document that is not a non-empty object is left as is. */
export function withSimilarity(json: string, similarity: number): string {
  if (!json.startsWith('{') || !json.endsWith('}') || json === '{}') return json;
  return `${json.slice(0, -1)},${JSON.stringify(SIMILARITY_FIELD)}:${JSON.stringify(similarity)}}`;
}
