// The `page-state` handed to clients: where the next page of a search starts, bound to the search
// it came from by a fingerprint. It is opaque (URL-safe base64 of JSON); a state from another
// search, or one that does not decode, is refused with DOCS_PAGE_STATE_INVALID. The Cassandra
// paging state inside is signed by the bridge, so a forged one is refused there too.
import { createHash } from 'node:crypto';
import { ApiError } from '../../../common/src/errors/api-error.js';

/** Position in a driver-by-driver index search. */
export interface ScanPosition {
  kind: 'scan';
  driver: number;
  /** Bridge paging state of the page to (re)read; absent: the driver's first page. */
  pagingState?: string;
  fetchSize: number;
  /** Rows of that page already consumed. */
  skip: number;
  /** Id of the last document seen (its rows may continue on the next page). */
  lastKey?: string;
}

/** Position in a result computed whole (sorted searches, in-document searches). */
export interface OffsetPosition {
  kind: 'offset';
  offset: number;
}

export type Position = ScanPosition | OffsetPosition;

export function searchFingerprint(parts: ReadonlyArray<string | undefined>): string {
  return createHash('sha256')
    .update(JSON.stringify(parts.map((p) => p ?? null)))
    .digest('base64url')
    .slice(0, 16);
}

export function encodePageState(fingerprint: string, position: Position): string {
  return Buffer.from(JSON.stringify({ f: fingerprint, ...position }), 'utf8').toString('base64url');
}

const invalid = () => new ApiError('DOCS_PAGE_STATE_INVALID');

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export function decodePageState(state: string, fingerprint: string): Position {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(Buffer.from(state, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.f !== fingerprint) throw invalid();
  if (parsed.kind === 'offset' && isCount(parsed.offset)) return { kind: 'offset', offset: parsed.offset };
  if (
    parsed.kind === 'scan' &&
    isCount(parsed.driver) &&
    isCount(parsed.skip) &&
    isCount(parsed.fetchSize) &&
    (parsed.fetchSize as number) > 0 &&
    (parsed.pagingState === undefined || typeof parsed.pagingState === 'string') &&
    (parsed.lastKey === undefined || typeof parsed.lastKey === 'string')
  ) {
    return {
      kind: 'scan',
      driver: parsed.driver,
      skip: parsed.skip,
      fetchSize: parsed.fetchSize as number,
      pagingState: parsed.pagingState as string | undefined,
      lastKey: parsed.lastKey as string | undefined,
    };
  }
  throw invalid();
}
