// At most `max` tasks of one key run at a time; the others wait their turn in arrival order and are
// never refused. For work a downstream limit makes fail when too much of it runs at once on one
// thing (Cassandra 5.0.9 fails more than 3 concurrent writes into one SAI vector index with
// "Number of outstanding pooled objects has gone beyond the limit of 3"). The queue is bounded by
// the requests a process admits (load shedding), not here.
export class KeyedConcurrencyLimit {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  }

  /** Runs `task` when fewer than `max` tasks of `key` run, and answers its result. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** Tasks of `key` running and waiting (for tests and metrics). */
  load(key: string): { running: number; waiting: number } {
    return { running: this.running.get(key) ?? 0, waiting: this.waiting.get(key)?.length ?? 0 };
  }

  private acquire(key: string): Promise<void> {
    const running = this.running.get(key) ?? 0;
    if (running < this.max) {
      this.running.set(key, running + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push(resolve);
      else this.waiting.set(key, [resolve]);
    });
  }

  private release(key: string): void {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (next) {
      // The slot passes to the next task as it is: the running count stays.
      if (queue!.length === 0) this.waiting.delete(key);
      next();
      return;
    }
    const running = (this.running.get(key) ?? 1) - 1;
    if (running === 0) this.running.delete(key);
    else this.running.set(key, running);
  }
}
