// Bridge gRPC statuses → HTTP statuses and the {"description","code"} body (one mapping for every
// HTTP API). Stargate's mapper sends PERMISSION_DENIED and UNAVAILABLE to 401 and 502; we keep
// their meanings distinct: 403 (authenticated but not allowed) and 503 (retry later).
// RESOURCE_EXHAUSTED is a refusal for load (errors/load-rejection.ts): 429 when its ErrorInfo says
// RATE_LIMITED, else 503 (overloaded: the bridge's in-flight limit, Cassandra's own overload), both
// with Retry-After. An UNAVAILABLE that carries a google.rpc.RetryInfo gets a Retry-After too.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeCallError } from '../bridge/bridge-call-error.js';
import { grpcStatusName } from '../grpc/to-grpc-status.js';
import { ApiError } from './api-error.js';
import { readLoadRejection, readRetryDelayMs, retryAfterSeconds } from './load-rejection.js';

const httpByGrpc: Partial<Record<GrpcStatus, number>> = {
  [GrpcStatus.ALREADY_EXISTS]: 409,
  [GrpcStatus.INVALID_ARGUMENT]: 400,
  [GrpcStatus.FAILED_PRECONDITION]: 400,
  [GrpcStatus.OUT_OF_RANGE]: 400,
  [GrpcStatus.NOT_FOUND]: 404,
  [GrpcStatus.UNAUTHENTICATED]: 401,
  [GrpcStatus.PERMISSION_DENIED]: 403,
  [GrpcStatus.UNAVAILABLE]: 503,
  [GrpcStatus.DEADLINE_EXCEEDED]: 504,
  [GrpcStatus.RESOURCE_EXHAUSTED]: 503,
  [GrpcStatus.UNIMPLEMENTED]: 501,
  [GrpcStatus.CANCELLED]: 499,
  [GrpcStatus.ABORTED]: 500,
};

export function httpStatusOfGrpc(code: GrpcStatus): number {
  return httpByGrpc[code] ?? 500;
}

/** A bridge failure as the ApiError an HTTP API answers with; other errors pass through. */
export function fromBridgeError(err: unknown): unknown {
  if (!(err instanceof BridgeCallError)) return err;
  if (err.code === GrpcStatus.RESOURCE_EXHAUSTED) {
    const rejection = readLoadRejection(err.details) ?? { reason: 'OVERLOADED', retryAfterMs: 1000 };
    const http = rejection.reason === 'RATE_LIMITED' ? 429 : 503;
    return ApiError.withStatus('BRIDGE_RESOURCE_EXHAUSTED', http, err.code, err.message).asLoadRejection(
      rejection,
      'bridge',
    );
  }
  const http = httpStatusOfGrpc(err.code);
  const message =
    http >= 500 && err.code !== GrpcStatus.UNAVAILABLE && err.code !== GrpcStatus.DEADLINE_EXCEEDED
      ? `Database error (${grpcStatusName(err.code)}): ${err.message}`
      : err.message;
  const apiError = ApiError.withStatus(`BRIDGE_${grpcStatusName(err.code)}`, http, err.code, message);
  // An outage the bridge expects to pass (e.g. vector index writes refused under contention).
  const retryAfterMs = err.code === GrpcStatus.UNAVAILABLE ? readRetryDelayMs(err.details) : undefined;
  if (retryAfterMs !== undefined) {
    apiError.headers = { ...apiError.headers, 'retry-after': String(retryAfterSeconds(retryAfterMs)) };
  }
  return apiError;
}
