// A counting semaphore whose waiters queue in arrival order, bounded in length, each waiting at most
// until its own deadline. One per table with a vector index (vector-write-limiter.ts).

export type PermitRefusal = 'queue-full' | 'deadline';

export class PermitRefused extends Error {
  constructor(
    readonly reason: PermitRefusal,
    readonly waitedMs: number,
  ) {
    super(reason === 'queue-full' ? 'too many waiting' : `no permit within ${waitedMs} ms`);
    this.name = 'PermitRefused';
  }
}

interface Waiter {
  count: number;
  since: number;
  grant: () => void;
  timer: NodeJS.Timeout | undefined;
}

export class PermitQueue {
  private available: number;
  private readonly waiters: Waiter[] = [];

  constructor(
    readonly permits: number,
    private readonly maxWaiting: number,
  ) {
    this.available = permits;
  }

  /** Nothing held and nobody waiting: the queue can be dropped. */
  get idle(): boolean {
    return this.available === this.permits && this.waiters.length === 0;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Takes `count` permits (at most `permits`), now if they are free and nobody waits before, else
   * once the earlier waiters are served; rejects with PermitRefused when `maxWaiting` already wait
   * or `waitMs` passes first.
   */
  acquire(count: number, waitMs: number): Promise<void> {
    const wanted = Math.min(count, this.permits);
    if (this.waiters.length === 0 && this.available >= wanted) {
      this.available -= wanted;
      return Promise.resolve();
    }
    if (this.waiters.length >= this.maxWaiting) return Promise.reject(new PermitRefused('queue-full', 0));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { count: wanted, since: Date.now(), grant: resolve, timer: undefined };
      waiter.timer = setTimeout(
        () => {
          const at = this.waiters.indexOf(waiter);
          if (at < 0) return;
          this.waiters.splice(at, 1);
          reject(new PermitRefused('deadline', Date.now() - waiter.since));
          // The head may have been the one blocking smaller requests behind it.
          this.serve();
        },
        Math.max(0, waitMs),
      );
      this.waiters.push(waiter);
    });
  }

  release(count: number): void {
    this.available = Math.min(this.permits, this.available + Math.min(count, this.permits));
    this.serve();
  }

  private serve(): void {
    while (this.waiters.length > 0 && this.available >= this.waiters[0]!.count) {
      const next = this.waiters.shift()!;
      clearTimeout(next.timer);
      this.available -= next.count;
      next.grant();
    }
  }
}
