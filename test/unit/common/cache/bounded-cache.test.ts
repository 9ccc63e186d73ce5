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
