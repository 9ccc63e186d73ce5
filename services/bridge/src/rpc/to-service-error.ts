// A BridgeError → what grpc-js sends: status, message and the binary detail trailers.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { type GrpcServiceError, serviceErrorOf } from '../../../common/src/grpc/to-grpc-status.js';
import type { Status } from '../../../common/src/proto/generated/google/rpc/Status.js';

import { BridgeError } from '../errors/bridge-error.js';
import { fromDriverError } from '../errors/from-driver-error.js';

export function toBridgeError(err: unknown): BridgeError {
  return err instanceof BridgeError ? err : fromDriverError(err);
}

export function toServiceError(err: unknown): GrpcServiceError {
  const e = toBridgeError(err);
  return serviceErrorOf({ code: e.code, message: e.message, details: e.details });
}

/** The same error as a google.rpc.Status, for replies inside a stream. */
export function toRpcStatus(err: unknown): Status {
  const e = toBridgeError(err);
  return {
    code: e.code,
    message: e.message,
    details: e.details.map((d) => ({ type_url: `type.googleapis.com/${d.typeName}`, value: d.bytes })),
  };
}

export function isInternal(err: BridgeError): boolean {
  return err.code === GrpcStatus.INTERNAL || err.code === GrpcStatus.UNKNOWN;
}
