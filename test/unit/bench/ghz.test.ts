// The gRPC rows' load generator (issue 19): what the benchmark asks ghz to do, and how it reads
// ghz's report — calls cut by the end of the run are not the server's errors.
import { describe, expect, it } from 'vitest';
import { findGhz, ghzArgs, parseGhzReport } from '../../../bench/lib/ghz.js';

const call = {
  target: '127.0.0.1:33090',
  call: 'stargate.Stargate/ExecuteQuery',
  proto: 'stargate.proto',
  importPath: '/repo/proto',
  data: '{"cql":"SELECT 1"}',
  metadata: { 'x-cassandra-token': 't' },
};

function report(fields: Record<string, unknown>): string {
  return JSON.stringify({
    count: 1000,
    total: 2e9,
    rps: 500,
    statusCodeDistribution: { OK: 1000 },
    errorDistribution: null,
    latencyDistribution: [
      { percentage: 50, latency: 760_000 },
      { percentage: 99, latency: 2_500_000 },
    ],
    ...fields,
  });
}

describe('ghz', () => {
  it('one connection, the concurrency, a duration in ms and a count bound, JSON out', () => {
    const args = ghzArgs(call, { concurrency: 32, durationMs: 8000, maxRequests: 5000 });
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--connections')).toBe('1');
    expect(flag('--concurrency')).toBe('32');
    expect(flag('--duration')).toBe('8000ms');
    expect(flag('--total')).toBe('5000');
    expect(flag('--call')).toBe('stargate.Stargate/ExecuteQuery');
    expect(flag('--import-paths')).toBe('/repo/proto');
    expect(JSON.parse(flag('--metadata')!)).toEqual({ 'x-cassandra-token': 't' });
    expect(flag('--format')).toBe('json');
    expect(args).toContain('--insecure');
  });

  it('reads count, OK calls per second and the percentiles in ms', () => {
    expect(parseGhzReport(report({}), 1)).toEqual({
      requests: 1000,
      errors: 0,
      seconds: 2,
      throughput: 500,
      p50Ms: 0.76,
      p99Ms: 2.5,
    });
  });

  it('calls cut when the duration ends (at most one per worker) are not errors; the others are', () => {
    const r = parseGhzReport(
      report({
        count: 1040,
        statusCodeDistribution: { OK: 1000, Unavailable: 35, Internal: 5 },
        errorDistribution: {
          'rpc error: code = Unavailable desc = error reading from server: read tcp 127.0.0.1:1->127.0.0.1:2: use of closed network connection': 35,
          'rpc error: code = Internal desc = boom': 5,
        },
      }),
      32,
    );
    // 32 of the 35 cut calls are the end of the run; 3 more cannot be, and the 5 Internal are errors.
    expect(r).toMatchObject({ requests: 1008, errors: 8, throughput: 500 });
  });

  it('"transport is closing" at the end of a run (ghz v0.121 closing its connection) is a cut call too', () => {
    const r = parseGhzReport(
      report({
        count: 6892,
        statusCodeDistribution: { OK: 6860, Unavailable: 32 },
        errorDistribution: { 'rpc error: code = Unavailable desc = transport is closing': 32 },
      }),
      32,
    );
    expect(r).toMatchObject({ requests: 6860, errors: 0 });
  });

  it('GHZ naming something that is not an executable is reported, not run', async () => {
    expect(await findGhz(() => undefined, { GHZ: '/nonexistent/ghz' })).toEqual({
      missing: 'GHZ=/nonexistent/ghz is not an executable',
    });
  });
});
