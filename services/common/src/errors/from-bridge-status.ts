// Bridge gRPC statuses → HTTP statuses and the {"description","code"} body (one mapping for every
// HTTP API). Stargate's mapper sends PERMISSION_DENIED and UNAVAILABLE to 401 and 502; we keep
// their meanings distinct: 403 (authenticated but not allowed) and 503 (retry later).
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeCallError } from '../bridge/bridge-call-error.js';
import { grpcStatusName } from '../grpc/to-grpc-status.js';
import { ApiError } from './api-error.js';

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
  [GrpcStatus.RESOURCE_EXHAUSTED]: 429,
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
  const http = httpStatusOfGrpc(err.code);
  const message =
    http >= 500 && err.code !== GrpcStatus.UNAVAILABLE && err.code !== GrpcStatus.DEADLINE_EXCEEDED
      ? `Database error (${grpcStatusName(err.code)}): ${err.message}`
      : err.message;
  return ApiError.withStatus(`BRIDGE_${grpcStatusName(err.code)}`, http, err.code, message);
}
