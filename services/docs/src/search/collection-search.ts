// Searching a collection: a page of documents (Stargate's search), the same sorted on fields, or
// the number of matching documents (the last two are beyond Stargate, asked for by its users).
import { buildSelect } from '../../../common/src/cql/select.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import type { DocsLimits } from '../config.js';
import { getAt, type Json } from '../document/json-tree.js';
import type { SortKey } from '../parse/sort.js';
import { COLUMNS } from '../storage/collection-table.js';
import type { CollectionRef, DocumentStore } from '../storage/document-store.js';
import type { RequestContext } from '../storage/request-context.js';
import { compareStrings } from './evaluate.js';
import type { Expression } from './expression.js';
import { decodePageState, encodePageState, searchFingerprint } from './page-state.js';
import { planSearch, returnsExactlyTheMatches, type SearchPlan } from './plan.js';
import { type FoundDocument, runScan } from './search-executor.js';

export interface SearchDeps {
  store: DocumentStore;
  limits: DocsLimits;
}

export interface SearchRequest {
  where: Expression;
  /** The raw parameters, which the page-state is bound to. */
  whereText?: string;
  sortText?: string;
  sort?: SortKey[];
  pageSize: number;
  pageState?: string;
}

export interface SearchPage {
  docs: FoundDocument[];
  pageState?: string;
}

export async function searchCollection(
  deps: SearchDeps,
  ctx: RequestContext,
  c: CollectionRef,
  request: SearchRequest,
): Promise<SearchPage> {
  const plan = planSearch(request.where);
  if (request.sort) return sortedSearch(deps, ctx, c, plan, request, request.sort);
  const fingerprint = searchFingerprint([c.keyspace, c.table, 'search', request.whereText]);
  const start = request.pageState ? decodePageState(request.pageState, fingerprint) : undefined;
  if (start && start.kind !== 'scan') throw new ApiError('DOCS_PAGE_STATE_INVALID');
  const docs: FoundDocument[] = [];
  const result = await runScan(
    deps.store,
    ctx,
    c,
    plan,
    request.where,
    start,
    {
      maxDocuments: request.pageSize,
      maxRows: deps.limits.searchMaxRowsPerRequest,
      maxFetchSize: deps.limits.maxSearchPageSize,
      // When every row is a match, the page and one more row (is there a next page?) are enough;
      // otherwise some rows will fail the `where`, so read ahead.
      initialFetchSize: returnsExactlyTheMatches(plan, request.where)
        ? Math.min(deps.limits.maxSearchPageSize, request.pageSize + 1)
        : Math.min(deps.limits.maxSearchPageSize, Math.max(32, request.pageSize * 2)),
    },
    (found) => docs.push(found),
  );
  return { docs, pageState: result.next ? encodePageState(fingerprint, result.next) : undefined };
}

async function sortedSearch(
  deps: SearchDeps,
  ctx: RequestContext,
  c: CollectionRef,
  plan: SearchPlan,
  request: SearchRequest,
  sort: SortKey[],
): Promise<SearchPage> {
  const fingerprint = searchFingerprint([c.keyspace, c.table, 'sorted', request.whereText, request.sortText]);
  const start = request.pageState ? decodePageState(request.pageState, fingerprint) : undefined;
  if (start && start.kind !== 'offset') throw new ApiError('DOCS_PAGE_STATE_INVALID');
  const max = deps.limits.maxSortDocuments;
  const all: FoundDocument[] = [];
  const result = await runScan(
    deps.store,
    ctx,
    c,
    plan,
    request.where,
    undefined,
    {
      maxDocuments: max + 1,
      maxRows: deps.limits.maxCountRows,
      maxFetchSize: deps.limits.maxSearchPageSize,
      initialFetchSize: deps.limits.maxSearchPageSize,
    },
    (found) => all.push(found),
  );
  if (all.length > max || result.next) throw new ApiError('DOCS_SORT_TOO_MANY_RESULTS', { max });
  all.sort((a, b) => compareForSort(a, b, sort));
  const offset = start?.offset ?? 0;
  const docs = all.slice(offset, offset + request.pageSize);
  const nextOffset = offset + request.pageSize;
  return {
    docs,
    pageState:
      nextOffset < all.length
        ? encodePageState(fingerprint, { kind: 'offset', offset: nextOffset })
        : undefined,
  };
}

/** Missing and null first, then numbers, strings, objects and arrays, booleans; ties by id. */
function rank(value: Json | undefined): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 4;
  return 3;
}

function compareValues(a: Json | undefined, b: Json | undefined): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (ra === 3) return compareStrings(JSON.stringify(a), JSON.stringify(b));
  return 0;
}

function compareForSort(a: FoundDocument, b: FoundDocument, sort: SortKey[]): number {
  for (const key of sort) {
    const cmp = compareValues(getAt(a.doc, key.path), getAt(b.doc, key.path));
    if (cmp !== 0) return cmp * key.direction;
  }
  return compareStrings(a.id, b.id);
}

export interface CountResult {
  count: number;
  /** The count stopped at the row limit: there may be more. */
  moreData: boolean;
}

export async function countDocuments(
  deps: SearchDeps,
  ctx: RequestContext,
  c: CollectionRef,
  where: Expression,
): Promise<CountResult> {
  const plan = planSearch(where);
  const only = plan.drivers.length === 1 ? plan.drivers[0]! : undefined;
  if (where.kind === 'and' && where.children.length === 0) {
    // Every document: one static row each, and no document needs to be read.
    const built = buildSelect({ keyspace: c.keyspace, table: c.table, selectors: ['DISTINCT "key"'] });
    return countRows(deps, ctx, 'COUNT: scan', built);
  }
  if (only?.exact && only.source === where && only.restrictions.length > 0) {
    // One index row per matching document: count the rows, without reading the documents. Paged
    // (rather than one SELECT COUNT(*), which Cassandra aggregates in a single read that times out
    // on large matches).
    const built = buildSelect({
      keyspace: c.keyspace,
      table: c.table,
      columns: [COLUMNS.key, COLUMNS.path],
      where: only.restrictions,
      allowFiltering: only.allowFiltering,
    });
    return countRows(deps, ctx, `COUNT: ${only.label}`, built);
  }
  let count = 0;
  const result = await runScan(
    deps.store,
    ctx,
    c,
    plan,
    where,
    undefined,
    {
      maxRows: deps.limits.maxCountRows,
      maxFetchSize: deps.limits.maxSearchPageSize,
      initialFetchSize: deps.limits.maxSearchPageSize,
    },
    () => {
      count++;
    },
  );
  return { count, moreData: result.next !== undefined };
}

const COUNT_FETCH_SIZE = 5000;

async function countRows(
  deps: SearchDeps,
  ctx: RequestContext,
  label: string,
  built: { cql: string; values: Value[] },
): Promise<CountResult> {
  let count = 0;
  let pagingState: Buffer | undefined;
  do {
    const page = await deps.store.select(ctx, label, built, { pageSize: COUNT_FETCH_SIZE, pagingState });
    count += page.rows?.length ?? 0;
    pagingState = page.pagingState;
    if (count >= deps.limits.maxCountRows && pagingState) return { count, moreData: true };
  } while (pagingState);
  return { count, moreData: false };
}
