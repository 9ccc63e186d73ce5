// A search sorted by similarity to a vector (`sort={"$vector":[...]}`, beyond Stargate): the
// `page-size` (k) documents nearest to it, nearest first, in one page.
//   - Without `where`: one ANN read of the vector index, `ORDER BY vec ANN OF ? LIMIT 4k`, and the
//     nearest k of those: the index's graph search finds the true nearest more often when asked for
//     more than it must answer (recall measured in test/integration/docs/vector-search.test.ts).
//   - With `where`: the documents' vectors and their other fields are in different rows, so no one
//     CQL query filters and ranks together. The ANN read over-fetches candidates (20k, at least
//     200, at most 1000: Cassandra's LIMIT bound for ANN), the `where` is checked on each in memory,
//     and the first k that match are the answer. When fewer than k match, every document the
//     `where` matches is read through its indexes and scored exactly (vector/similarity.ts), up to
//     DOCS_MAX_SORT_DOCUMENTS of them (400 beyond: the `where` is too broad to answer exactly).

import { shortestFloat32 } from '../../../common/src/codecs/float32.js';
import { buildSelect } from '../../../common/src/cql/select.js';
import { similaritySelector } from '../../../common/src/cql/vector-search.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { isObject } from '../document/json-tree.js';
import type { Collection } from '../schema/collections.js';
import { COLUMNS } from '../storage/collection-table.js';
import { vectorValue } from '../storage/document-store.js';
import type { RequestContext } from '../storage/request-context.js';
import { type CheckedVector, checkVector, VECTOR_FIELD } from '../vector/document-vector.js';
import { similarity } from '../vector/similarity.js';
import { similarityFunctionOf, type VectorSettings } from '../vector/vector-settings.js';
import type { SearchDeps } from './collection-search.js';
import { evaluate } from './evaluate.js';
import type { Expression } from './expression.js';
import { planSearch } from './plan.js';
import { type FoundDocument, LazyDocument, runScan } from './search-executor.js';

export interface VectorSearchRequest {
  /** The sort's `$vector`, as the client sent it. */
  vector: unknown;
  where: Expression;
  /** k: how many documents to answer. */
  pageSize: number;
  pageState?: string;
}

export interface ScoredDocument extends FoundDocument {
  /** Similarity to the sort's vector (the collection's metric; higher is nearer). */
  readonly similarity: number;
}

/** Candidates an ANN read over-fetches for a `where`: 20k, at least 200, at most Cassandra's 1000. */
const MIN_CANDIDATES = 200;
const CANDIDATES_PER_RESULT = 20;
const MAX_ANN_LIMIT = 1000;
/** The candidates' documents (each carries its vector as JSON) stay well under a bridge message. */
const CANDIDATE_BYTES = 8 * 1024 * 1024;

/** Rows an ANN read without `where` asks for per result it answers. */
const ROWS_PER_RESULT = 4;

/** The LIMIT of the ANN read: for a `where` (filtered) or without one; never below k. */
export function candidateLimit(k: number, settings: VectorSettings, filtered = true): number {
  const wanted = filtered
    ? Math.min(MAX_ANN_LIMIT, Math.max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * k))
    : Math.min(MAX_ANN_LIMIT, ROWS_PER_RESULT * k);
  // About 12 bytes of JSON per element, plus the document's other fields.
  const fitting = Math.floor(CANDIDATE_BYTES / (settings.dimension * 12 + 512));
  return Math.max(k, Math.min(wanted, fitting));
}

export async function vectorSearch(
  deps: SearchDeps,
  ctx: RequestContext,
  collection: Collection,
  request: VectorSearchRequest,
): Promise<ScoredDocument[]> {
  const settings = collection.vector;
  if (!settings) {
    throw new ApiError('DOCS_VECTOR_NOT_DECLARED', {
      collection: collection.migratedFrom ?? collection.table,
    });
  }
  if (request.pageState !== undefined) throw new ApiError('DOCS_VECTOR_SORT_NOT_PAGED');
  const query = checkVector(request.vector, settings, '`$vector` of the sort');
  const k = request.pageSize;
  const filtered = !(request.where.kind === 'and' && request.where.children.length === 0);
  const limit = candidateLimit(k, settings, filtered);
  const candidates = await annRead(deps, ctx, collection, settings, query, limit);
  if (!filtered) return candidates.slice(0, k);
  const matching = candidates.filter((found) => evaluate(request.where, found.doc));
  // Every vector of the collection was a candidate when fewer came back than asked for.
  if (matching.length >= k || candidates.length < limit) return matching.slice(0, k);
  return exactSearch(deps, ctx, collection, settings, query, request.where, k, limit);
}

/** The `limit` documents nearest to `query` by the vector index, nearest first, with their scores. */
async function annRead(
  deps: SearchDeps,
  ctx: RequestContext,
  collection: Collection,
  settings: VectorSettings,
  query: CheckedVector,
  limit: number,
): Promise<ScoredDocument[]> {
  const bound = vectorValue(query);
  const built = buildSelect({
    keyspace: collection.keyspace,
    table: collection.table,
    columns: [COLUMNS.key, COLUMNS.doc],
    selectors: [similaritySelector(similarityFunctionOf(settings.metric), COLUMNS.vector)],
    selectorValues: [bound],
    annOf: { column: COLUMNS.vector, vector: bound },
    limit,
  });
  const { rows } = await deps.store.select(ctx, `SEARCH: ANN of ${COLUMNS.vector}`, built, {
    pageSize: limit,
  });
  const found: ScoredDocument[] = [];
  for (const row of rows ?? []) {
    const values = row.values ?? [];
    const id = values[0]?.string;
    const json = values[1]?.string;
    if (id === undefined || json === undefined) continue;
    found.push(scored(new LazyDocument(id, json), Number(values[2]?.float ?? values[2]?.double ?? 0)));
  }
  // Nearest first, ties by id: the order a client can rely on whatever the index returned.
  return found.sort(bySimilarity);
}

/** Every document the `where` matches, scored exactly; a 400 when there are too many to read. */
async function exactSearch(
  deps: SearchDeps,
  ctx: RequestContext,
  collection: Collection,
  settings: VectorSettings,
  query: CheckedVector,
  where: Expression,
  k: number,
  candidates: number,
): Promise<ScoredDocument[]> {
  const max = deps.limits.maxSortDocuments;
  const all: ScoredDocument[] = [];
  let matches = 0;
  const result = await runScan(
    deps.store,
    ctx,
    collection,
    planSearch(where),
    where,
    undefined,
    {
      maxDocuments: max + 1,
      maxRows: deps.limits.maxCountRows,
      maxFetchSize: deps.limits.maxSearchPageSize,
      initialFetchSize: deps.limits.maxSearchPageSize,
    },
    (found) => {
      matches++;
      const doc = found.doc;
      const vector = isObject(doc) ? doc[VECTOR_FIELD] : undefined;
      // Documents written before with another shape, or without a vector, are not ranked.
      if (!Array.isArray(vector) || vector.length !== settings.dimension) return;
      all.push(scored(found, similarity(settings.metric, query, vector as number[])));
    },
  );
  if (matches > max || result.next) throw new ApiError('DOCS_VECTOR_WHERE_TOO_BROAD', { candidates, max });
  return all.sort(bySimilarity).slice(0, k);
}

function scored(found: FoundDocument, score: number): ScoredDocument {
  return Object.assign(found, { similarity: shortestFloat32(score) });
}

function bySimilarity(a: ScoredDocument, b: ScoredDocument): number {
  if (a.similarity !== b.similarity) return b.similarity - a.similarity;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
