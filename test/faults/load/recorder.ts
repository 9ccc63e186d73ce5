// Collects the records of a scenario's requests: counts by status and a latency histogram always,
// and every record too unless told not to (a 30-minute soak keeps only its failures).
import * as hdr from 'hdr-histogram-js';
import type { Latency, StatusCounts } from '../analysis.js';
import { latencyMs, type RequestRecord } from './request-record.js';

/** Failures kept when records are not all kept: enough for examples and a failure timeline. */
const MAX_KEPT_FAILURES = 10_000;

export interface LoadSummary {
  requests: number;
  failures: number;
  byStatus: StatusCounts;
  /** Failures only. */
  failuresByStatus: StatusCounts;
  latency: Latency | undefined;
}

export class Recorder {
  private readonly kept: RequestRecord[] = [];
  private readonly failures: RequestRecord[] = [];
  private readonly counts: StatusCounts = {};
  private readonly failureCounts: StatusCounts = {};
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  private total = 0;

  constructor(private readonly keepAll = true) {}

  add(record: RequestRecord): void {
    this.total++;
    this.counts[record.status] = (this.counts[record.status] ?? 0) + 1;
    this.histogram.recordValue(Math.max(1, Math.round(latencyMs(record) * 1000)));
    if (!record.ok) {
      this.failureCounts[record.status] = (this.failureCounts[record.status] ?? 0) + 1;
      if (this.failures.length < MAX_KEPT_FAILURES) this.failures.push(record);
    }
    if (this.keepAll) this.kept.push(record);
  }

  /** Every record (keepAll), in the order they ended. */
  records(): RequestRecord[] {
    if (!this.keepAll) throw new Error('this recorder keeps only failures');
    return this.kept;
  }

  failed(): RequestRecord[] {
    return this.failures;
  }

  summary(): LoadSummary {
    const latency =
      this.total === 0
        ? undefined
        : {
            p50Ms: this.histogram.getValueAtPercentile(50) / 1000,
            p99Ms: this.histogram.getValueAtPercentile(99) / 1000,
            maxMs: this.histogram.maxValue / 1000,
          };
    return {
      requests: this.total,
      failures: Object.values(this.failureCounts).reduce((a, b) => a + b, 0),
      byStatus: { ...this.counts },
      failuresByStatus: { ...this.failureCounts },
      latency,
    };
  }
}

/** The summary of a set of records (same figures as a Recorder's). */
export function summarize(records: readonly RequestRecord[]): LoadSummary {
  const recorder = new Recorder(false);
  for (const r of records) recorder.add(r);
  return recorder.summary();
}
