// KeyedConcurrencyLimit: at most `max` tasks of a key run at once, the others wait in arrival
// order and all complete; other keys are not held back; a failed task frees its slot.
import { describe, expect, it } from 'vitest';
import { KeyedConcurrencyLimit } from '../../../../services/common/src/load/keyed-concurrency-limit.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedConcurrencyLimit', () => {
  it('runs at most max tasks of one key at a time, in arrival order, and every task completes', async () => {
    const limit = new KeyedConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit.run('ks.t', async () => {
          started.push(i);
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(peak).toBe(2);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(limit.load('ks.t')).toEqual({ running: 0, waiting: 0 });
  });

  it('does not hold back another key, and a failed task frees its slot', async () => {
    const limit = new KeyedConcurrencyLimit(1);
    let release!: () => void;
    const blocked = limit.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    const waiting = limit.run('a', async () => 'after');
    expect(limit.load('a')).toEqual({ running: 1, waiting: 1 });
    await expect(limit.run('b', async () => 'other key')).resolves.toBe('other key');
    release();
    await blocked;
    await expect(waiting).resolves.toBe('after');
    await expect(limit.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run('a', async () => 'still served')).resolves.toBe('still served');
  });

  it('refuses a limit below one', () => {
    expect(() => new KeyedConcurrencyLimit(0)).toThrow(RangeError);
  });
});
