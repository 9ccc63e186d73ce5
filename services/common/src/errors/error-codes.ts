// The catalogue of errors the gateway reports: each code names its HTTP status, gRPC status and
// message template. Transports map errors in exactly one place each (HTTP: http/error-handler.ts).
import { status as GrpcStatus } from '@grpc/grpc-js';

export interface ErrorCodeSpec {
  http: number;
  grpc: GrpcStatus;
  /** `{name}` placeholders are filled from the ApiError params. */
  message: string;
}

export const errorCodes = {
  REQUEST_INVALID: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  REQUEST_BODY_INVALID_JSON: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Request body is not valid JSON: {detail}',
  },
  REQUEST_BODY_TOO_LARGE: {
    http: 413,
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    message: 'Request body is larger than the limit of {limit} bytes',
  },
  ROUTE_NOT_FOUND: { http: 404, grpc: GrpcStatus.UNIMPLEMENTED, message: 'No route for {method} {url}' },
  AUTH_TOKEN_MISSING: {
    http: 401,
    grpc: GrpcStatus.UNAUTHENTICATED,
    message: 'Role unauthorized for operation: Missing token, expecting one in the X-Cassandra-Token header.',
  },
  SERVICE_SHUTTING_DOWN: { http: 503, grpc: GrpcStatus.UNAVAILABLE, message: 'Service is shutting down' },
  UPSTREAM_UNAVAILABLE: { http: 503, grpc: GrpcStatus.UNAVAILABLE, message: '{detail}' },
  INTERNAL: { http: 500, grpc: GrpcStatus.INTERNAL, message: 'Internal server error' },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;
