// The bridge's in-flight limits: per multiplexed stream (one per API process connection, so one
// runaway API cannot take every slot) and for unary calls together. A request over a limit is
// answered at once with RESOURCE_EXHAUSTED and the OVERLOADED detail (errors/load-rejection.ts),
// never queued.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { loadRejectionDetails } from '../../../common/src/errors/load-rejection.js';
import { InFlightLimit } from '../../../common/src/load/in-flight-limit.js';
import type { Status } from '../../../common/src/proto/generated/google/rpc/Status.js';
import { BridgeError } from '../errors/bridge-error.js';
import { toRpcStatus } from './to-service-error.js';

export interface BridgeLoadLimits {
  /** 0: no limit. */
  maxInFlightPerStream: number;
  /** Unary calls in flight, all callers together. */
  unary: InFlightLimit;
  /** The refusal, built once: under overload it is sent many times a second. */
  overloaded(limit: string): BridgeError;
  /** The same refusal as a multiplexed reply's status. */
  streamOverloadedStatus: Status;
}

export function createLoadLimits(options: {
  maxInFlightPerStream: number;
  maxInFlightUnary: number;
  retryAfterMs: number;
}): BridgeLoadLimits {
  const details = loadRejectionDetails(
    { reason: 'OVERLOADED', retryAfterMs: options.retryAfterMs },
    'bridge',
  );
  const overloaded = (limit: string) =>
    new BridgeError(GrpcStatus.RESOURCE_EXHAUSTED, `Bridge is overloaded: ${limit}; retry later`, details);
  return {
    maxInFlightPerStream: options.maxInFlightPerStream,
    unary: new InFlightLimit(options.maxInFlightUnary),
    overloaded,
    streamOverloadedStatus: toRpcStatus(
      overloaded(`${options.maxInFlightPerStream} requests in flight on this connection, its limit`),
    ),
  };
}
