// A count of requests being worked on with a ceiling: a request that would go over it is refused at
// once instead of waiting in a queue that grows without bound (Little's law: under overload a
// queue only adds latency to every request behind it). 0 means no limit.
export class InFlightLimit {
  private count = 0;

  constructor(readonly max: number) {}

  get current(): number {
    return this.count;
  }

  /** Counts the request in and answers true, or answers false (nothing counted) at the limit. */
  tryAcquire(): boolean {
    if (this.max > 0 && this.count >= this.max) return false;
    this.count++;
    return true;
  }

  release(): void {
    if (this.count > 0) this.count--;
  }
}
