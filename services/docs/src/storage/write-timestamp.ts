// Client-side write timestamps (microseconds): a document write deletes the old partition at t-1
// and writes the new one at t, so the timestamps of one process must strictly increase even when
// two writes fall in the same millisecond.
let last = 0n;

export function nextWriteTimestamp(now: number = Date.now()): bigint {
  const candidate = BigInt(now) * 1000n;
  last = candidate > last ? candidate : last + 1n;
  return last;
}
