import { describe, expect, it } from 'vitest';
import { MAX_TOKEN, MIN_TOKEN, randomToken, splitRing } from '../../../tools/migrate/token-ranges.js';

describe('splitRing', () => {
  it.each([1, 2, 3, 64])('cuts the ring into %i contiguous ranges that cover it', (count) => {
    const ranges = splitRing(count);
    expect(ranges).toHaveLength(count);
    expect(ranges[0]!.first).toBe(MIN_TOKEN);
    expect(ranges[count - 1]!.last).toBe(MAX_TOKEN);
    for (let i = 1; i < count; i++) expect(ranges[i]!.first).toBe(ranges[i - 1]!.last + 1n);
    for (const r of ranges) expect(r.last >= r.first).toBe(true);
  });

  it('makes ranges of equal size (to one token)', () => {
    const sizes = splitRing(64).map((r) => r.last - r.first + 1n);
    expect(sizes.every((s) => s === 2n ** 58n)).toBe(true);
  });

  it('refuses a count that is not a whole number of at least 1', () => {
    expect(() => splitRing(0)).toThrow(/segment count/);
    expect(() => splitRing(1.5)).toThrow(/segment count/);
  });
});

describe('randomToken', () => {
  it('stays on the ring at both ends', () => {
    expect(randomToken(() => 0)).toBe(MIN_TOKEN);
    expect(randomToken(() => 0.9999999999)).toBeLessThanOrEqual(MAX_TOKEN);
  });
});
