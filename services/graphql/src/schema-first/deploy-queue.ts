// The deploys of one API process, one after the other (see SchemaDeployer.deploy), with a bounded
// number waiting: each waiting deploy holds its SDL (up to the body limit), so beyond the bound a
// deploy is refused at once for load (503 OVERLOADED + Retry-After, as the in-flight limit does)
// instead of queueing without end. A deploy whose client went away while it waited is skipped when
// its turn comes: nothing is planned or run for an answer no one will read.
import type { CancelSignal } from '../../../common/src/bridge/cancel-signal.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { InFlightLimit } from '../../../common/src/load/in-flight-limit.js';

export interface DeployQueueOptions {
  /** Deploys waiting behind the one running (dry runs too). */
  maxWaiting: number;
  /** Retry-After of a refusal (the API's shedRetryAfterSeconds). */
  retryAfterSeconds: number;
  /** Told of each refusal (the API's shed metric). */
  onRefused?: () => void;
}

/** A waiting deploy whose client went away before its turn: skipped, no answer is sent. */
export class DeployAbandonedError extends Error {
  constructor() {
    super('The client went away before its deploy had its turn: skipped');
    this.name = 'DeployAbandonedError';
  }
}

export class DeployQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting: InFlightLimit;
  private readonly refusalDetail: string;

  constructor(private readonly options: DeployQueueOptions) {
    this.waiting = new InFlightLimit(options.maxWaiting);
    this.refusalDetail = `${options.maxWaiting} schema deploys waiting, the limit of this API process`;
  }

  /** Deploys waiting for their turn now (for tests and operations). */
  get waitingCount(): number {
    return this.waiting.current;
  }

  /** Runs `deploy` once the ones before it are done, unless `abandoned` was aborted meanwhile. */
  run<T>(deploy: () => Promise<T>, abandoned?: CancelSignal): Promise<T> {
    if (!this.waiting.tryAcquire()) {
      this.options.onRefused?.();
      return Promise.reject(
        ApiError.loadRejected(
          { reason: 'OVERLOADED', retryAfterMs: this.options.retryAfterSeconds * 1000 },
          this.refusalDetail,
        ),
      );
    }
    const turn = this.tail.then(() => {
      this.waiting.release();
      if (abandoned?.aborted) throw new DeployAbandonedError();
      return deploy();
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
