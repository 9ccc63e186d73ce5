// HTTP load with autocannon (programmatic API): a fixed number of connections for a bounded time
// and count. autocannon's own latency histogram has 1 ms resolution, too coarse for the added-
// latency targets (0.4 ms), so every response time it reports (a fractional millisecond) is
// recorded here in an HDR histogram in microseconds, as the gRPC harness does.
import autocannon, { type AutocannonRequest } from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import type { RunResult } from './latency-run.js';

export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: string;
}

export interface HttpLoadOptions {
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  headers: Record<string, string>;
  /**
   * A response body check, for APIs that answer errors with a 200 (GraphQL): false counts the
   * response as an error. Makes autocannon keep every body, so use it only where it is needed.
   */
  bodyOk?: (body: string) => boolean;
}

export async function runHttpLoad(
  baseUrl: string,
  next: () => HttpRequestSpec,
  options: HttpLoadOptions,
): Promise<RunResult> {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  let ok = 0;
  let failed = 0;
  let badBodies = 0;
  let lastResponse = 0n;
  const request: AutocannonRequest = {
    setupRequest: (req) => {
      const spec = next();
      return {
        ...req,
        method: spec.method,
        path: spec.path,
        body: spec.body,
        headers:
          spec.body === undefined
            ? options.headers
            : { ...options.headers, 'content-type': 'application/json' },
      };
    },
  };
  if (options.bodyOk) {
    const check = options.bodyOk;
    request.onResponse = (status, body) => {
      if (status < 300 && !check(body)) badBodies++;
    };
  }
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: baseUrl,
    connections: options.concurrency,
    duration: options.durationMs / 1000,
    // autocannon needs at least one request per connection.
    maxOverallRequests: Math.max(options.maxRequests, options.concurrency),
    timeout: 10,
    requests: [request],
    skipAggregateResult: true,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    lastResponse = process.hrtime.bigint();
    if (statusCode >= 200 && statusCode < 300) ok++;
    else failed++;
    histogram.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)));
  });
  const result = await instance;
  const end = lastResponse > started ? lastResponse : process.hrtime.bigint();
  const seconds = Number(end - started) / 1e9;
  const requests = ok + failed + result.errors + result.timeouts;
  const out: RunResult = {
    requests,
    errors: failed + badBodies + result.errors + result.timeouts,
    seconds,
    throughput: Math.max(0, ok - badBodies) / seconds,
    p50Ms: histogram.getValueAtPercentile(50) / 1000,
    p99Ms: histogram.getValueAtPercentile(99) / 1000,
  };
  histogram.destroy();
  return out;
}
