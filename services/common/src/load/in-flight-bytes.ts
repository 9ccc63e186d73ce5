// Bytes of request bodies being received or worked on, with a ceiling. The in-flight request limit
// counts requests, not their size: 192 uploads of 1 MB each held ~200 MB of a REST API's memory
// while their clients sent slowly, and no request was refused before they finished. 0 means no limit.
export class InFlightBytes {
  private total = 0;

  constructor(readonly max: number) {}

  get current(): number {
    return this.total;
  }

  /** Counts `bytes` in and answers true, or answers false (nothing counted) over the ceiling. */
  tryAcquire(bytes: number): boolean {
    if (this.max > 0 && bytes > 0 && this.total + bytes > this.max) return false;
    this.total += bytes;
    return true;
  }

  release(bytes: number): void {
    this.total = Math.max(0, this.total - bytes);
  }
}
