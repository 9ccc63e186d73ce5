// Figures drawn from request records: windows, in-flight requests, failures by status, recovery.
import { describe, expect, it } from 'vitest';
import {
  failureExamples,
  formatStatusCounts,
  inFlightAt,
  latencyOf,
  recoveryMs,
  slowestRequests,
  startedBetween,
  statusCounts,
} from '../../../test/faults/analysis.js';
import { rec } from './records.js';

describe('windows', () => {
  const records = [rec({ start: 0, end: 10 }), rec({ start: 5, end: 50 }), rec({ start: 20, end: 30 })];

  it('selects requests by when they were sent', () => {
    expect(startedBetween(records, 5, 20)).toEqual([records[1]]);
  });

  it('finds the requests in flight at an instant', () => {
    expect(inFlightAt(records, 25)).toEqual([records[1], records[2]]);
    expect(inFlightAt(records, 10)).toEqual([records[1]]);
  });
});

describe('statuses', () => {
  it('counts and prints them most frequent first', () => {
    const counts = statusCounts([
      rec({ start: 0, end: 1, ok: false, status: '504' }),
      rec({ start: 0, end: 1, ok: false, status: '503' }),
      rec({ start: 0, end: 1, ok: false, status: '503' }),
    ]);
    expect(counts).toEqual({ '503': 2, '504': 1 });
    expect(formatStatusCounts(counts)).toBe('503×2, 504×1');
    expect(formatStatusCounts({})).toBe('none');
  });

  it('gives one example per distinct failure', () => {
    const failure = rec({ start: 0, end: 1, ok: false, status: '503', detail: 'no bridge' });
    expect(failureExamples([failure, failure, rec({ start: 0, end: 1 })])).toEqual([
      'rest read: 503 no bridge (×2)',
    ]);
  });
});

describe('slowestRequests', () => {
  it('names the slowest first, with when each was sent after the moment given and how it ended', () => {
    const records = [
      rec({ start: 1_000, end: 1_010 }),
      rec({
        api: 'grpc',
        op: 'counter-increment',
        start: 1_200,
        end: 4_100,
        ok: false,
        status: 'UNAVAILABLE',
      }),
      rec({ api: 'docs', op: 'put', start: 900, end: 2_400 }),
      rec({ start: 1_500, end: 1_520 }),
    ];
    expect(slowestRequests(records, 1_000, 2)).toEqual([
      'grpc counter-increment, sent at 200 ms: 2900 ms (UNAVAILABLE)',
      'docs put, sent at -100 ms: 1500 ms (ok)',
    ]);
    expect(slowestRequests([], 0)).toEqual([]);
  });
});

describe('latencyOf', () => {
  it('gives p50, p99 and max, or nothing for no values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const latency = latencyOf(values)!;
    expect(latency.p50Ms).toBeCloseTo(50, 0);
    expect(latency.p99Ms).toBeCloseTo(99, 0);
    expect(latency.maxMs).toBeCloseTo(100, 0);
    expect(latencyOf([])).toBeUndefined();
  });
});

describe('recoveryMs', () => {
  it('is the time from the fault end until the last failure ended', () => {
    const records = [
      rec({ start: 900, end: 1_300, ok: false }),
      rec({ start: 1_350, end: 1_400, api: 'rest' }),
      rec({ start: 1_350, end: 1_450, api: 'grpc' }),
    ];
    expect(recoveryMs(records, 1_000, ['rest', 'grpc'])).toBe(300);
  });

  it('is 0 when nothing failed after the fault ended', () => {
    const records = [rec({ start: 100, end: 500, ok: false }), rec({ start: 600, end: 700 })];
    expect(recoveryMs(records, 1_000 - 400, ['rest'])).toBe(0);
  });

  it('is undefined while an API has no success after the last failure', () => {
    const records = [
      rec({ start: 1_000, end: 1_100, ok: false, api: 'grpc' }),
      rec({ start: 1_200, end: 1_300 }),
    ];
    expect(recoveryMs(records, 1_000, ['rest', 'grpc'])).toBeUndefined();
  });
});
