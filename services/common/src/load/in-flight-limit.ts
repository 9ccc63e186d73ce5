// An amount in flight with a ceiling — requests being worked on, or bytes of their bodies: what
// would go over it is refused at once instead of waiting in a queue that grows without bound
// (Little's law: under overload a queue only adds latency to every request behind it). A count of
// requests alone does not bound memory: 192 uploads of 1 MB sent slowly held ~200 MB of a REST API.
// 0 means no limit.
export class InFlightLimit {
  private count = 0;

  constructor(readonly max: number) {}

  get current(): number {
    return this.count;
  }

  /** Counts `amount` in and answers true, or answers false (nothing counted) over the ceiling. */
  tryAcquire(amount = 1): boolean {
    if (this.max > 0 && amount > 0 && this.count + amount > this.max) return false;
    this.count += amount;
    return true;
  }

  release(amount = 1): void {
    this.count = Math.max(0, this.count - amount);
  }
}
