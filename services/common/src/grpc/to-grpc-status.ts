// The one place where an error becomes what a gRPC client sees. A failed call gets a grpc-js status:
// code, message and Stargate's binary detail trailers ("stargate.unavailable-bin", ...), exactly as
// the bridge sent them; standard google.rpc details (a load rejection's ErrorInfo and RetryInfo,
// errors/load-rejection.ts) travel the standard way, as a google.rpc.Status in the
// grpc-status-details-bin trailer. A message that failed inside a bidirectional stream gets a
// google.rpc.Status in the StreamingResponse, in Stargate's streaming format
// (StreamingExceptionHandler.java): message "<CODE>: <cause>", a google.rpc.ErrorInfo{reason: cause}
// first, then the detail messages packed as Any.
import { status as GrpcStatus, Metadata } from '@grpc/grpc-js';
import { BridgeCallError } from '../bridge/bridge-call-error.js';
import { ApiError } from '../errors/api-error.js';
import { ERROR_INFO_TYPE, RETRY_INFO_TYPE } from '../errors/load-rejection.js';
import type { Status } from '../proto/generated/google/rpc/Status.js';
import { decodeMessage, encodeMessage } from '../proto/proto-root.js';

export interface GrpcFailure {
  code: GrpcStatus;
  message: string;
  /** Detail messages by their proto type name, e.g. "stargate.Unavailable". */
  details: { typeName: string; bytes: Buffer }[];
  /** Not the caller's fault: worth an error log line. */
  internal: boolean;
}

export interface GrpcServiceError {
  code: GrpcStatus;
  details: string;
  metadata: Metadata;
}

// Stargate's error detail messages (query.proto); BridgeCallError keys them lower-cased.
const DETAIL_TYPE_NAMES = [
  'Unavailable',
  'WriteTimeout',
  'ReadTimeout',
  'ReadFailure',
  'FunctionFailure',
  'WriteFailure',
  'AlreadyExists',
  'CasWriteUnknown',
]
  .map((name) => `stargate.${name}`)
  .concat(ERROR_INFO_TYPE, RETRY_INFO_TYPE);
const canonicalTypeName = new Map(DETAIL_TYPE_NAMES.map((name) => [name.toLowerCase(), name]));

/** The trailer holding a google.rpc.Status with the standard details (gRPC's own convention). */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

const TYPE_URL_PREFIX = 'type.googleapis.com/';

const statusNames = Object.fromEntries(
  Object.entries(GrpcStatus).map(([name, code]) => [code, name]),
) as Record<number, string>;

export function grpcStatusName(code: GrpcStatus): string {
  return statusNames[code] ?? String(code);
}

export function toGrpcFailure(err: unknown): GrpcFailure {
  if (err instanceof BridgeCallError) {
    return {
      code: err.code,
      message: err.message,
      details: [...err.details].map(([key, bytes]) => ({
        typeName: canonicalTypeName.get(key) ?? key,
        bytes,
      })),
      internal: err.code === GrpcStatus.INTERNAL || err.code === GrpcStatus.UNKNOWN,
    };
  }
  if (err instanceof ApiError) {
    return {
      code: err.grpcStatus,
      message: err.message,
      details: err.details ?? [],
      internal: err.grpcStatus === GrpcStatus.INTERNAL,
    };
  }
  return { code: GrpcStatus.INTERNAL, message: 'Internal server error', details: [], internal: true };
}

/** For a unary call's callback (or a stream's 'error'): status, message and detail trailers. */
export function toServiceError(err: unknown): GrpcServiceError {
  return serviceErrorOf(toGrpcFailure(err));
}

/** A status with its detail messages as the binary trailers Stargate sends ("stargate.unavailable-bin"). */
export function serviceErrorOf(failure: Pick<GrpcFailure, 'code' | 'message' | 'details'>): GrpcServiceError {
  const metadata = new Metadata();
  const standard = failure.details.filter((d) => d.typeName.startsWith('google.rpc.'));
  for (const d of failure.details) {
    if (!standard.includes(d)) metadata.set(`${d.typeName.toLowerCase()}-bin`, d.bytes);
  }
  if (standard.length > 0) {
    const status: Status = {
      code: failure.code,
      message: failure.message,
      details: standard.map((d) => ({ type_url: `${TYPE_URL_PREFIX}${d.typeName}`, value: d.bytes })),
    };
    metadata.set(STATUS_DETAILS_KEY, encodeMessage('google.rpc.Status', status as Record<string, unknown>));
  }
  return { code: failure.code, details: failure.message, metadata };
}

/** For a StreamingResponse: the failed message's status; the stream goes on. */
export function toStreamStatus(err: unknown): Status {
  const failure = toGrpcFailure(err);
  const errorInfo = encodeMessage(ERROR_INFO_TYPE, { reason: failure.message });
  return {
    code: failure.code,
    message: `${grpcStatusName(failure.code)}: ${failure.message}`,
    details: [
      { type_url: `${TYPE_URL_PREFIX}google.rpc.ErrorInfo`, value: errorInfo },
      ...failure.details.map((d) => ({ type_url: `${TYPE_URL_PREFIX}${d.typeName}`, value: d.bytes })),
    ],
  };
}

/** Reads back the reason of an ErrorInfo detail (for clients and tests). */
export function decodeErrorInfo(bytes: Uint8Array): { reason: string; domain: string } {
  const decoded = decodeMessage<{ reason: string; domain: string }>(ERROR_INFO_TYPE, bytes);
  return { reason: String(decoded.reason), domain: String(decoded.domain) };
}

/** The standard details of a grpc-status-details-bin trailer, keyed by lower-cased type name. */
export function decodeStatusDetails(bytes: Uint8Array): Map<string, Buffer> {
  const status = decodeMessage<{ details: { type_url: string; value: Uint8Array }[] }>(
    'google.rpc.Status',
    bytes,
  );
  const details = new Map<string, Buffer>();
  for (const any of status.details ?? []) {
    const url = any.type_url ?? '';
    details.set(url.slice(url.lastIndexOf('/') + 1).toLowerCase(), Buffer.from(any.value ?? []));
  }
  return details;
}
