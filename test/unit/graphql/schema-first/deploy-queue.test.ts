// Deploys run one at a time; a bounded number wait (beyond it a refusal for load, at once), and a
// waiting one whose client went away is skipped at its turn.
import { describe, expect, it } from 'vitest';
import { CancelSource } from '../../../../services/common/src/bridge/cancel-signal.js';
import type { ApiError } from '../../../../services/common/src/errors/api-error.js';
import {
  DeployAbandonedError,
  DeployQueue,
} from '../../../../services/graphql/src/schema-first/deploy-queue.js';

/** A deploy that runs until it is told to finish, recording its turn. */
function gate(ran: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    run: async () => {
      ran.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

describe('deploy queue', () => {
  it('refuses beyond maxWaiting at once with 503 OVERLOADED and Retry-After; the slot frees at each turn', async () => {
    let refused = 0;
    const queue = new DeployQueue({ maxWaiting: 2, retryAfterSeconds: 3, onRefused: () => refused++ });
    const ran: string[] = [];
    const [a, b, c] = [gate(ran, 'a'), gate(ran, 'b'), gate(ran, 'c')];
    const first = queue.run(a.run);
    await Promise.resolve();
    const second = queue.run(b.run);
    const third = queue.run(c.run);
    const err = (await queue.run(async () => 'd').catch((e: unknown) => e)) as ApiError;
    expect([err.httpStatus, err.code, err.headers, err.message, refused]).toEqual([
      503,
      'OVERLOADED',
      { 'retry-after': '3' },
      'Server is overloaded (2 schema deploys waiting, the limit of this API process); retry later',
      1,
    ]);
    a.finish();
    expect(await first).toBe('a');
    // b has its turn: one place is free again.
    await expect.poll(() => queue.waitingCount).toBe(1);
    b.finish();
    c.finish();
    expect([await second, await third, ran]).toEqual(['b', 'c', ['a', 'b', 'c']]);
  });

  it('skips a waiting deploy whose client went away, and goes on with the next', async () => {
    const queue = new DeployQueue({ maxWaiting: 8, retryAfterSeconds: 1 });
    const ran: string[] = [];
    const [a, b, c] = [gate(ran, 'a'), gate(ran, 'b'), gate(ran, 'c')];
    const gone = new CancelSource();
    const first = queue.run(a.run);
    const abandoned = queue.run(b.run, gone.signal).catch((e: unknown) => e);
    const next = queue.run(c.run);
    gone.abort();
    a.finish();
    c.finish();
    expect([await first, await abandoned, await next]).toEqual(['a', expect.any(DeployAbandonedError), 'c']);
    expect(ran).toEqual(['a', 'c']);
    expect(queue.waitingCount).toBe(0);
  });
});
