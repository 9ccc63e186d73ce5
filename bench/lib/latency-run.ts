// Runs an async operation at a fixed concurrency for a bounded time and count, recording latency
// in an HDR histogram. Every loop is bounded: by duration and by a maximum number of operations.
import * as hdr from 'hdr-histogram-js';

export interface RunResult {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
}

export async function runAtConcurrency(
  operation: () => Promise<unknown>,
  options: { concurrency: number; durationMs: number; maxRequests?: number },
): Promise<RunResult> {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const maxRequests = options.maxRequests ?? 5_000_000;
  const deadline = Date.now() + options.durationMs;
  let requests = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (Date.now() < deadline && requests < maxRequests) {
      requests++;
      const t0 = process.hrtime.bigint();
      try {
        await operation();
      } catch {
        errors++;
      }
      histogram.recordValue(Number((process.hrtime.bigint() - t0) / 1000n));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = {
    requests,
    errors,
    seconds,
    throughput: requests / seconds,
    p50Ms: histogram.getValueAtPercentile(50) / 1000,
    p99Ms: histogram.getValueAtPercentile(99) / 1000,
  };
  histogram.destroy();
  return result;
}
