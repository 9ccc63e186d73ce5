// The Murmur3 token ring (Cassandra's default partitioner, and Stargate's) cut into equal
// segments: the units of work a migration copies in parallel and records its progress by.
// Partitions hash uniformly over the ring, so the segments hold about the same number of documents.

export const MIN_TOKEN = -(2n ** 63n);
export const MAX_TOKEN = 2n ** 63n - 1n;
export const MURMUR3_PARTITIONER = 'org.apache.cassandra.dht.Murmur3Partitioner';

export interface TokenRange {
  /** Inclusive bounds. */
  first: bigint;
  last: bigint;
}

/** `count` contiguous ranges covering the whole ring, in ring order. */
export function splitRing(count: number): TokenRange[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`segment count must be a whole number ≥ 1: ${count}`);
  const span = MAX_TOKEN - MIN_TOKEN + 1n;
  const ranges: TokenRange[] = [];
  for (let i = 0; i < count; i++) {
    const first = MIN_TOKEN + (span * BigInt(i)) / BigInt(count);
    const last = i === count - 1 ? MAX_TOKEN : MIN_TOKEN + (span * BigInt(i + 1)) / BigInt(count) - 1n;
    ranges.push({ first, last });
  }
  return ranges;
}

/** A uniformly random token, for sampling documents. */
export function randomToken(random: () => number = Math.random): bigint {
  const high = BigInt(Math.floor(random() * 2 ** 32));
  const low = BigInt(Math.floor(random() * 2 ** 32));
  return MIN_TOKEN + ((high << 32n) | low);
}
