import { describe, expect, it } from 'vitest';
import { effectiveBurst, TokenBuckets } from '../../../../services/common/src/load/token-bucket.js';

describe('TokenBuckets', () => {
  it('lets a key send its burst at once, then one request per 1/rate', () => {
    const b = new TokenBuckets({ ratePerSecond: 10, burst: 3 });
    const t0 = 1_000_000;
    expect([1, 2, 3, 4].map(() => b.take('a', t0).allowed)).toEqual([true, true, true, false]);
    // 10 per second: one token every 100 ms.
    const refused = b.take('a', t0 + 50);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.waitMs).toBe(50);
    expect(b.take('a', t0 + 100).allowed).toBe(true);
    expect(b.take('a', t0 + 100).allowed).toBe(false);
  });

  it('never holds more than the burst, however long a key was idle', () => {
    const b = new TokenBuckets({ ratePerSecond: 100, burst: 2 });
    b.take('a', 0);
    const later = 10 * 60_000;
    expect([1, 2, 3].map(() => b.take('a', later).allowed)).toEqual([true, true, false]);
  });

  it('counts keys apart', () => {
    const b = new TokenBuckets({ ratePerSecond: 1, burst: 1 });
    expect(b.take('a', 0).allowed).toBe(true);
    expect(b.take('a', 0).allowed).toBe(false);
    expect(b.take('b', 0).allowed).toBe(true);
  });

  it('says how long until the bucket is full when a request is allowed', () => {
    const b = new TokenBuckets({ ratePerSecond: 2, burst: 4 });
    expect(b.take('a', 0)).toEqual({ allowed: true, remaining: 3, waitMs: 500 });
  });

  it('forgets the least recently used keys past maxKeys (they start again full)', () => {
    const b = new TokenBuckets({ ratePerSecond: 1, burst: 1, maxKeys: 2 });
    b.take('a', 0);
    b.take('b', 0);
    b.take('a', 0); // a is now the most recently used
    b.take('c', 0); // evicts b
    expect(b.size).toBe(2);
    expect(b.take('b', 0).allowed).toBe(true);
    expect(b.take('c', 0).allowed).toBe(false);
  });

  it('refuses a rate of 0 or a burst below 1', () => {
    expect(() => new TokenBuckets({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBuckets({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
  });

  it('reads a burst of 0 as one second of the rate', () => {
    expect(effectiveBurst({ ratePerSecond: 50, burst: 0 })).toBe(50);
    expect(effectiveBurst({ ratePerSecond: 0.2, burst: 0 })).toBe(1);
    expect(effectiveBurst({ ratePerSecond: 50, burst: 7 })).toBe(7);
  });
});
