// The bridge's drain switch for its long-lived multiplexed streams: on shutdown every open stream
// (and any that still opens) is told to drain, i.e. to finish what it started, refuse the rest as
// "not executed", and end with status OK once idle (see MultiplexedReply.NotExecuted).
export class StreamDrain {
  private draining = false;
  private readonly streams = new Set<() => void>();

  get isDraining(): boolean {
    return this.draining;
  }

  /** Streams open now, draining or not (for logs and tests). */
  get openStreams(): number {
    return this.streams.size;
  }

  /**
   * Registers an open stream; `onDrain` runs once when the drain begins (at once if it already
   * has). Returns the function the stream calls when it ends.
   */
  register(onDrain: () => void): () => void {
    // A wrapper per stream, so one function registered twice stays two streams.
    const entry = () => onDrain();
    this.streams.add(entry);
    if (this.draining) entry();
    return () => {
      this.streams.delete(entry);
    };
  }

  /** Starts draining every stream; idempotent. */
  drain(): void {
    if (this.draining) return;
    this.draining = true;
    for (const onDrain of [...this.streams]) onDrain();
  }
}
