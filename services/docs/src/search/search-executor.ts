// Runs a search plan: its drivers one after the other, each paged through the bridge. Every row
// carries its document (the static `doc` cell), so no second read is needed. A document is
// emitted by the first driver whose condition it satisfies, and only if the whole `where` holds;
// rows of one document are adjacent (SAI returns rows in primary-key order), so repeats are
// skipped by comparing with the previous key. A scan stops after a row budget and reports where
// to resume, so no request runs for unbounded time.
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import { buildSelect } from '../../../common/src/cql/select.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import type { Json } from '../document/json-tree.js';
import { COLUMNS } from '../storage/collection-table.js';
import type { CollectionRef, DocumentStore } from '../storage/document-store.js';
import type { RequestContext } from '../storage/request-context.js';
import { evaluate } from './evaluate.js';
import type { Expression } from './expression.js';
import type { ScanPosition } from './page-state.js';
import { type Driver, returnsExactlyTheMatches, type SearchPlan } from './plan.js';

export interface FoundDocument {
  readonly id: string;
  /** The parsed document (parsed on first use when the search did not need it). */
  readonly doc: Json;
  /** The document's JSON text as stored (answered as is when no `fields` are asked for). */
  readonly json: string;
}

/** A found document whose text is parsed only if someone asks for it. */
export class LazyDocument implements FoundDocument {
  private parsed = false;
  private value: Json = null;

  constructor(
    readonly id: string,
    readonly json: string,
  ) {}

  get doc(): Json {
    if (!this.parsed) {
      this.value = JSON.parse(this.json) as Json;
      this.parsed = true;
    }
    return this.value;
  }
}

export interface ScanLimits {
  /** Stop after this many documents were emitted (undefined: no limit). */
  maxDocuments?: number;
  /** Stop after reading this many rows. */
  maxRows: number;
  /** Largest internal page. */
  maxFetchSize: number;
  /** First internal page size. */
  initialFetchSize: number;
}

export interface ScanResult {
  /** Where to resume; undefined when every driver is exhausted. */
  next?: ScanPosition;
  rowsRead: number;
}

/** Internal pages aim at this many bytes of documents (bridge messages are limited to 16 MiB). */
const TARGET_PAGE_BYTES = 2 * 1024 * 1024;
const MIN_FETCH_SIZE = 16;

/** The CQL of one driver: its index restrictions, or a scan of the documents' static rows. */
function driverQuery(c: CollectionRef, driver: Driver): { cql: string; values: Value[] } {
  if (driver.restrictions.length === 0) {
    return buildSelect({ keyspace: c.keyspace, table: c.table, selectors: ['DISTINCT "key"', '"doc"'] });
  }
  // The clustering column is selected too: Cassandra refuses a restriction on it when only the
  // partition key and static columns are selected.
  return buildSelect({
    keyspace: c.keyspace,
    table: c.table,
    columns: [COLUMNS.key, COLUMNS.doc, COLUMNS.path],
    where: driver.restrictions,
    allowFiltering: driver.allowFiltering,
  });
}

export async function runScan(
  store: DocumentStore,
  ctx: RequestContext,
  c: CollectionRef,
  plan: SearchPlan,
  where: Expression,
  start: ScanPosition | undefined,
  limits: ScanLimits,
  emit: (found: FoundDocument) => void,
): Promise<ScanResult> {
  const { drivers } = plan;
  let rowsRead = 0;
  let emitted = 0;
  let first = start ?? { kind: 'scan' as const, driver: 0, fetchSize: limits.initialFetchSize, skip: 0 };
  if (first.driver >= drivers.length) throw new ApiError('DOCS_PAGE_STATE_INVALID');

  // Every row is a match: no document needs parsing for the search, and each fetch asks for just
  // the rows the page still needs (plus one, to know whether there are more).
  const trusted = returnsExactlyTheMatches(plan, where);

  for (let d = first.driver; d < drivers.length; d++) {
    const driver = drivers[d]!;
    const query = driverQuery(c, driver);
    let pagingState = d === first.driver ? first.pagingState : undefined;
    let fetchSize = d === first.driver ? first.fetchSize : limits.initialFetchSize;
    let skip = d === first.driver ? first.skip : 0;
    let lastKey = d === first.driver ? first.lastKey : undefined;
    for (;;) {
      const page = await fetchPage(store, ctx, driver, query, fetchSize, pagingState);
      const rows = page.rows ?? [];
      let bytes = 0;
      for (let i = skip; i < rows.length; i++) {
        rowsRead++;
        const values = rows[i]!.values ?? [];
        const id = values[0]?.string ?? '';
        const json = values[1]?.string;
        const resumeHere = (): ScanPosition =>
          i + 1 < rows.length
            ? { kind: 'scan', driver: d, pagingState, fetchSize, skip: i + 1, lastKey: id }
            : page.pagingState
              ? {
                  kind: 'scan',
                  driver: d,
                  pagingState: page.pagingState.toString('base64'),
                  fetchSize,
                  skip: 0,
                  lastKey: id,
                }
              : { kind: 'scan', driver: d + 1, fetchSize: limits.initialFetchSize, skip: 0 };
        if (id !== lastKey && json !== undefined) {
          lastKey = id;
          bytes += json.length;
          const found = new LazyDocument(id, json);
          if (
            trusted ||
            (evaluate(where, found.doc) &&
              !drivers.slice(0, d).some((earlier) => earlier.covers?.(found.doc) ?? true))
          ) {
            emit(found);
            emitted++;
          }
        }
        const full = limits.maxDocuments !== undefined && emitted >= limits.maxDocuments;
        if (full || rowsRead >= limits.maxRows) {
          const next = resumeHere();
          return { next: next.driver < drivers.length ? next : undefined, rowsRead };
        }
      }
      if (!page.pagingState) break;
      pagingState = page.pagingState.toString('base64');
      skip = 0;
      const average = rows.length > 0 ? Math.max(1, bytes / rows.length) : 1;
      fetchSize =
        trusted && limits.maxDocuments !== undefined
          ? Math.min(limits.maxFetchSize, limits.maxDocuments - emitted + 1)
          : Math.max(MIN_FETCH_SIZE, Math.min(limits.maxFetchSize, Math.floor(TARGET_PAGE_BYTES / average)));
    }
    first = { kind: 'scan', driver: d + 1, fetchSize: limits.initialFetchSize, skip: 0 };
  }
  return { rowsRead };
}

async function fetchPage(
  store: DocumentStore,
  ctx: RequestContext,
  driver: Driver,
  query: { cql: string; values: Value[] },
  fetchSize: number,
  pagingState: string | undefined,
) {
  try {
    return await store.select(ctx, `SEARCH: ${driver.label}`, query, {
      pageSize: fetchSize,
      pagingState: pagingState !== undefined ? Buffer.from(pagingState, 'base64') : undefined,
    });
  } catch (err) {
    // The bridge refuses a paging state it did not sign for this query.
    if (pagingState !== undefined && err instanceof BridgeCallError && /paging state/i.test(err.message)) {
      throw new ApiError('DOCS_PAGE_STATE_INVALID');
    }
    throw err;
  }
}
