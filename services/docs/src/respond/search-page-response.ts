// A page of search results answered from the documents' stored JSON text, unparsed, inside
// Stargate's envelope ({"pageState"?, "data": {id: document, …}, "profile"?}, or only the `data`
// object with raw=true): the documents were parsed to check the `where`, but serializing them
// again is not needed. The ids come out in the order a JavaScript object (what this answer was
// built from before) gives its keys: array-index-like ids ("0", "17") first, ascending, then the
// others in the order found.
import type { ExecutionProfile } from './execution-profile.js';

export interface StoredResult {
  id: string;
  /** The document's JSON text as stored. */
  json: string;
}

const MAX_ARRAY_INDEX = 4294967294;

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) <= MAX_ARRAY_INDEX;
}

function objectKeyOrder(results: readonly StoredResult[]): readonly StoredResult[] {
  if (!results.some((r) => isArrayIndex(r.id))) return results;
  const indexes = results.filter((r) => isArrayIndex(r.id)).sort((a, b) => Number(a.id) - Number(b.id));
  return [...indexes, ...results.filter((r) => !isArrayIndex(r.id))];
}

/** `{"<id>":<document>,…}`; a repeated id (never expected: drivers skip what earlier ones found) is kept once. */
function storedResultsObject(results: readonly StoredResult[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of objectKeyOrder(results)) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    parts.push(`${JSON.stringify(r.id)}:${r.json}`);
  }
  return `{${parts.join(',')}}`;
}

export function searchPageResponse(
  results: readonly StoredResult[],
  raw: boolean,
  pageState?: string,
  profile?: ExecutionProfile,
): string {
  const data = storedResultsObject(results);
  if (raw) return data;
  const head = pageState === undefined ? '{' : `{"pageState":${JSON.stringify(pageState)},`;
  const tail = profile === undefined ? '}' : `,"profile":${JSON.stringify(profile)}}`;
  return `${head}"data":${data}${tail}`;
}
