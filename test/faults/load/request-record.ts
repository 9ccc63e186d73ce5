// What the harness keeps of every request it sends: which API and operation, when it started and
// ended (one clock for requests and injected faults), and what the client saw.
import { performance } from 'node:perf_hooks';

export const API_NAMES = ['rest', 'docs', 'graphql', 'grpc'] as const;
export type ApiName = (typeof API_NAMES)[number];

/** Milliseconds since the epoch with sub-millisecond resolution: the one clock of a run. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** What one request came back with, as its client sees it. */
export interface Outcome {
  ok: boolean;
  /**
   * HTTP status ("201", "503"), gRPC status name ("OK", "UNAVAILABLE"), a client-side failure
   * ("ECONNREFUSED", "ECONNRESET", "TIMEOUT"), or "WRONG_VALUE" when a read answered but not with
   * the acknowledged value.
   */
  status: string;
  /** The error description the API gave (or the client error), shortened. */
  detail?: string;
  /** The Retry-After header of an HTTP answer, when there was one. */
  retryAfter?: string;
}

export interface RequestRecord extends Outcome {
  api: ApiName;
  /** Operation name, e.g. "insert", "read", "counter-increment". */
  op: string;
  /** Safe to retry: reads, and writes without LWT, counters or list appends. */
  idempotent: boolean;
  write: boolean;
  /** now() when the request was sent and when its answer (or error) arrived. */
  start: number;
  end: number;
}

export function latencyMs(record: RequestRecord): number {
  return record.end - record.start;
}

const DETAIL_CHARS = 300;

export function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > DETAIL_CHARS ? `${line.slice(0, DETAIL_CHARS)}…` : line;
}
