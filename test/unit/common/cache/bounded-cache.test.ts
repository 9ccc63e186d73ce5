import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../../services/common/src/cache/bounded-cache.js';

describe('a character budget', () => {
  const textCache = () =>
    new BoundedCache<string, string>({ maxEntries: 100, maxChars: 10, charsOf: (value) => value.length });

  it('drops the least recently used entries once the characters add up past it', () => {
    const cache = textCache();
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    cache.get('a');
    cache.set('c', 'cccc');
    expect(cache.keys().sort()).toEqual(['a', 'c']);
  });

  it('does not keep an entry larger than the whole budget, and keeps the others', () => {
    const cache = textCache();
    cache.set('a', 'aaaa');
    cache.set('big', 'x'.repeat(11));
    expect(cache.has('big')).toBe(false);
    expect(cache.get('a')).toBe('aaaa');
  });

  it("with oversized 'alone', keeps an entry larger than the whole budget as the only one", () => {
    const dropped: string[] = [];
    const cache = new BoundedCache<string, string>({
      maxEntries: 100,
      maxChars: 10,
      charsOf: (value) => value.length,
      oversized: 'alone',
      onDrop: (_, key) => dropped.push(key),
    });
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    cache.set('big', 'x'.repeat(1_000));
    expect(cache.keys()).toEqual(['big']);
    expect(dropped).toEqual(['a', 'b']);
    cache.set('c', 'c');
    expect(cache.keys()).toEqual(['c']);
    expect(dropped).toEqual(['a', 'b', 'big']);
  });

  it('counts fractional sizes up to whole characters', () => {
    const cache = new BoundedCache<string, number>({ maxEntries: 100, maxChars: 10, charsOf: (n) => n });
    cache.set('a', 2.5);
    cache.set('b', 7.5);
    expect(cache.keys().sort()).toEqual(['b']);
  });

  it('needs charsOf to count', () => {
    expect(() => new BoundedCache<string, string>({ maxEntries: 1, maxChars: 10 })).toThrow(/go together/);
  });
});

describe('an age limit per entry', () => {
  it('returns the entry until its own age limit, then no more', async () => {
    const cache = new BoundedCache<string, string>({ maxEntries: 10 });
    cache.set('short', 's', 50);
    cache.set('long', 'l', 400);
    cache.set('forever', 'f');
    await sleep(120);
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('long')).toBe('l');
    await sleep(400);
    expect(cache.get('long')).toBeUndefined();
    expect(cache.get('forever')).toBe('f');
  });
});
