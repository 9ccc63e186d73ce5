// The per-table queue of writes to a vector index: at most `permits` at once, served in arrival
// order, a bounded number waiting, each until its own deadline.
import { describe, expect, it } from 'vitest';
import { PermitQueue, PermitRefused } from '../../../../services/bridge/src/query/permit-queue.js';

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('PermitQueue', () => {
  it('grants up to its permits at once and serves the waiters in arrival order', async () => {
    const queue = new PermitQueue(2, 10);
    await queue.acquire(1, 1000);
    await queue.acquire(1, 1000);
    const order: string[] = [];
    const third = queue.acquire(1, 1000).then(() => order.push('third'));
    const fourth = queue.acquire(1, 1000).then(() => order.push('fourth'));
    await settled();
    expect([order, queue.waiting]).toEqual([[], 2]);
    queue.release(1);
    await third;
    await settled();
    expect(order).toEqual(['third']);
    queue.release(1);
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
    queue.release(1);
    queue.release(1);
    expect(queue.idle).toBe(true);
  });

  it('never grants more than its permits, even to one request asking for more', async () => {
    const queue = new PermitQueue(2, 10);
    await queue.acquire(5, 1000);
    let granted = false;
    const next = queue.acquire(1, 1000).then(() => {
      granted = true;
    });
    await settled();
    expect(granted).toBe(false);
    queue.release(5);
    await next;
    expect(granted).toBe(true);
  });

  it('refuses at once when its waiting list is full', async () => {
    const queue = new PermitQueue(1, 1);
    await queue.acquire(1, 1000);
    const waiting = queue.acquire(1, 1000);
    await expect(queue.acquire(1, 1000)).rejects.toEqual(new PermitRefused('queue-full', 0));
    queue.release(1);
    await waiting;
  });

  it('refuses a waiter whose time runs out, and serves the one behind it', async () => {
    const queue = new PermitQueue(2, 10);
    await queue.acquire(1, 1000);
    const big = queue.acquire(2, 30);
    const small = queue.acquire(1, 1000);
    const refusal = await big.catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(PermitRefused);
    expect((refusal as PermitRefused).reason).toBe('deadline');
    expect((refusal as PermitRefused).waitedMs).toBeGreaterThanOrEqual(25);
    await small;
    expect(queue.waiting).toBe(0);
  });
});
