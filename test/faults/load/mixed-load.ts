// Runs operations at a bounded concurrency while a scenario injects faults: each worker sends one
// request, waits for its answer, records it, and sends the next. The load is bounded in time and in
// count whatever the scenario does; stop() ends it and waits for the requests in flight (each has
// its own timeout, so that wait is bounded too).
import type { Operation } from './api-driver.js';
import type { Recorder } from './recorder.js';
import { now } from './request-record.js';

export interface LoadStream {
  /** Where this stream's next operation comes from; undefined: nothing to send now. */
  next: () => Operation | undefined;
  /** Workers sending this stream's operations. */
  concurrency: number;
  /** Least time between two requests of one worker (a paced client); default none. */
  paceMs?: number;
}

export interface LoadOptions {
  streams: LoadStream[];
  recorder: Recorder;
  /** Hard bound: the load stops by itself after this long. */
  maxDurationMs: number;
  /** Hard bound on the requests sent. */
  maxRequests: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** When a stream has nothing to send (no readable key yet), its worker waits this long. */
const IDLE_MS = 20;
/**
 * After a failed request a worker waits this long before its next one, as a client would before
 * retrying: while everything fails at once, workers without a pause spin (thousands of requests a
 * second) and take the CPU from the nodes and processes under test. It bounds how precisely a
 * recovery is timed to this much.
 */
export const FAILURE_PAUSE_MS = 20;

export class MixedLoad {
  private stopped = false;
  private sent = 0;
  private readonly done: Promise<void>;
  private readonly deadline: number;
  readonly startedAt = now();

  constructor(private readonly options: LoadOptions) {
    this.deadline = this.startedAt + options.maxDurationMs;
    const workers = options.streams.flatMap((stream) =>
      Array.from({ length: stream.concurrency }, () => this.worker(stream)),
    );
    this.done = Promise.all(workers).then(() => undefined);
  }

  private running(): boolean {
    return !this.stopped && this.sent < this.options.maxRequests && now() < this.deadline;
  }

  private async worker(stream: LoadStream): Promise<void> {
    while (this.running()) {
      const operation = stream.next();
      if (!operation) {
        await sleep(IDLE_MS);
        continue;
      }
      this.sent++;
      const start = now();
      const outcome = await operation.run();
      const end = now();
      this.options.recorder.add({
        api: operation.api,
        op: operation.op,
        idempotent: operation.idempotent,
        write: operation.write,
        start,
        end,
        ...outcome,
      });
      if (!outcome.ok) await sleep(FAILURE_PAUSE_MS);
      if (stream.paceMs !== undefined) {
        const wait = start + stream.paceMs - now();
        if (wait > 0) await sleep(Math.min(wait, Math.max(0, this.deadline - now())));
      }
    }
  }

  /** Requests sent so far. */
  get requests(): number {
    return this.sent;
  }

  /** Sends nothing more and resolves once every request in flight has its answer. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  /** Resolves when the load ended by its own bounds (or was stopped). */
  finished(): Promise<void> {
    return this.done;
  }
}
