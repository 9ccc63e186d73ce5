// Pure figures drawn from request records: latency percentiles, failures by status, the requests of
// a time window, those in flight at an instant, and recovery time after a fault ends.
import * as hdr from 'hdr-histogram-js';
import { type ApiName, latencyMs, type RequestRecord } from './load/request-record.js';

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Latency percentiles (HDR histogram, microsecond resolution); undefined for no values. */
export function latencyOf(valuesMs: readonly number[]): Latency | undefined {
  if (valuesMs.length === 0) return undefined;
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  try {
    for (const ms of valuesMs) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    return {
      p50Ms: histogram.getValueAtPercentile(50) / 1000,
      p99Ms: histogram.getValueAtPercentile(99) / 1000,
      maxMs: histogram.maxValue / 1000,
    };
  } finally {
    histogram.destroy();
  }
}

export function latencyOfRecords(records: readonly RequestRecord[]): Latency | undefined {
  return latencyOf(records.map(latencyMs));
}

export type StatusCounts = Record<string, number>;

export function statusCounts(records: readonly RequestRecord[]): StatusCounts {
  const counts: StatusCounts = {};
  for (const r of records) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** "503×8, 504×2" (most frequent first), or "none". */
export function formatStatusCounts(counts: StatusCounts): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? 'none' : entries.map(([status, n]) => `${status}×${n}`).join(', ');
}

export function failed(records: readonly RequestRecord[]): RequestRecord[] {
  return records.filter((r) => !r.ok);
}

/** Requests sent in [fromMs, toMs). */
export function startedBetween(
  records: readonly RequestRecord[],
  fromMs: number,
  toMs: number,
): RequestRecord[] {
  return records.filter((r) => r.start >= fromMs && r.start < toMs);
}

/** Requests sent before `atMs` and answered after it. */
export function inFlightAt(records: readonly RequestRecord[], atMs: number): RequestRecord[] {
  return records.filter((r) => r.start < atMs && r.end > atMs);
}

/**
 * Milliseconds from `fromMs` (the fault's end) until failures stop: the end of the last failed
 * request that ended after `fromMs`, or 0 when none did. Undefined when the load did not show
 * service after that point: every API given must have a success answered after it.
 */
export function recoveryMs(
  records: readonly RequestRecord[],
  fromMs: number,
  apis: readonly ApiName[],
): number | undefined {
  let lastFailureEnd = fromMs;
  for (const r of records) if (!r.ok && r.end > lastFailureEnd) lastFailureEnd = r.end;
  const served = new Set(records.filter((r) => r.ok && r.end > lastFailureEnd).map((r) => r.api));
  if (!apis.every((api) => served.has(api))) return undefined;
  return lastFailureEnd - fromMs;
}

/** One short example per distinct failure (status + detail), for reports. */
export function failureExamples(records: readonly RequestRecord[], limit = 5): string[] {
  const seen = new Map<string, number>();
  for (const r of records) {
    if (r.ok) continue;
    const key = `${r.api} ${r.op}: ${r.status}${r.detail ? ` ${r.detail}` : ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, n]) => (n > 1 ? `${key} (×${n})` : key));
}

/**
 * The slowest requests, each as "api op, sent at +t ms after `fromMs`: latency ms (outcome)", for
 * reports: when a scenario's p99 is high, whether a few requests hung at one moment (e.g. those in
 * flight when a node died) or many were slow throughout.
 */
export function slowestRequests(records: readonly RequestRecord[], fromMs: number, limit = 5): string[] {
  return [...records]
    .sort((a, b) => latencyMs(b) - latencyMs(a))
    .slice(0, limit)
    .map(
      (r) =>
        `${r.api} ${r.op}, sent at ${Math.round(r.start - fromMs)} ms: ${Math.round(latencyMs(r))} ms (${r.ok ? 'ok' : r.status})`,
    );
}
