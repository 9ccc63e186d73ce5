// The gRPC API's edge limits, checked for every message (a unary call's, or each of a stream's)
// before anything is sent to the bridge: the process's in-flight limit (OVERLOADED) and the
// per-token rate limit (RATE_LIMITED). Both are refused at once with RESOURCE_EXHAUSTED and a
// google.rpc.RetryInfo (errors/load-rejection.ts); a refused message holds nothing.
import { tokenKey } from '../../../common/src/auth/token-key.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { InFlightLimit } from '../../../common/src/load/in-flight-limit.js';
import {
  effectiveBurst,
  type RateLimitSettings,
  TokenBuckets,
} from '../../../common/src/load/token-bucket.js';
import type { LoadMetrics } from '../../../common/src/metrics/load-metrics.js';

export interface Admission {
  /** Counts the message in, or answers why it is refused (then nothing is counted). */
  admit(token: string): ApiError | undefined;
  /** For every admitted message, once it got its answer. */
  release(): void;
  readonly inFlight: InFlightLimit;
}

export interface AdmissionOptions {
  maxInFlight: number;
  retryAfterSeconds: number;
  rateLimit: RateLimitSettings;
  metrics: LoadMetrics;
}

export function createAdmission(options: AdmissionOptions): Admission {
  const inFlight = new InFlightLimit(options.maxInFlight);
  const { ratePerSecond } = options.rateLimit;
  const burst = effectiveBurst(options.rateLimit);
  const buckets = ratePerSecond > 0 ? new TokenBuckets({ ratePerSecond, burst }) : undefined;
  const overloadedDetail = `${options.maxInFlight} requests in flight, the limit of this API process`;
  const rateDetail = `${ratePerSecond} requests per second, bursts of ${burst} per token`;
  return {
    inFlight,
    admit(token) {
      if (!inFlight.tryAcquire()) {
        options.metrics.shed('in_flight');
        return ApiError.loadRejected(
          { reason: 'OVERLOADED', retryAfterMs: options.retryAfterSeconds * 1000 },
          overloadedDetail,
        );
      }
      const taken = buckets?.take(tokenKey(token));
      if (taken && !taken.allowed) {
        inFlight.release();
        options.metrics.rateLimited('token');
        return ApiError.loadRejected({ reason: 'RATE_LIMITED', retryAfterMs: taken.waitMs }, rateDetail);
      }
      return undefined;
    },
    release: () => inFlight.release(),
  };
}
