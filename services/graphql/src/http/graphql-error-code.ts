// The one place that classifies a GraphQL error for clients: the `extensions.code` every error of
// the GraphQL API carries, from the gateway's catalogue (ApiError: its gRPC status), the bridge's
// gRPC statuses, the HTTP status of a request refused before execution, or the kind of failure
// graphql-js reports. Names follow the common convention of GraphQL servers (Apollo's codes) where
// one exists, so generic clients understand them.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import { JsonValueError } from '../../../common/src/codecs/json-codec.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { fromBridgeError } from '../../../common/src/errors/from-bridge-status.js';
import { KeyspaceNotFoundError } from '../../../common/src/schema/schema-cache.js';
import type { OperationRejectedError } from '../execution/graphql-executor.js';
import { GraphQLError, isValueNode } from '../graphql-js.js';
import { ValueError } from '../translate/graphql-values.js';
import { SchemaMovedError } from '../translate/table-ref.js';

export type GraphqlErrorCode =
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'OVERLOADED'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'NOT_IMPLEMENTED'
  | 'INTERNAL_SERVER_ERROR';

/** What a status means to a client once an operation runs (the bridge's or the catalogue's). */
const byGrpcStatus: Partial<Record<GrpcStatus, GraphqlErrorCode>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 'BAD_USER_INPUT',
  [GrpcStatus.FAILED_PRECONDITION]: 'BAD_USER_INPUT',
  [GrpcStatus.OUT_OF_RANGE]: 'BAD_USER_INPUT',
  [GrpcStatus.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [GrpcStatus.PERMISSION_DENIED]: 'FORBIDDEN',
  [GrpcStatus.NOT_FOUND]: 'NOT_FOUND',
  [GrpcStatus.ALREADY_EXISTS]: 'ALREADY_EXISTS',
  [GrpcStatus.UNAVAILABLE]: 'UNAVAILABLE',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'TIMEOUT',
  [GrpcStatus.RESOURCE_EXHAUSTED]: 'OVERLOADED',
  [GrpcStatus.UNIMPLEMENTED]: 'NOT_IMPLEMENTED',
};

/** What the HTTP status of a request refused before execution means. */
const byHttpStatus: Partial<Record<number, GraphqlErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'ALREADY_EXISTS',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
  504: 'TIMEOUT',
};

/** A request answered with `httpStatus` before any operation ran (the catalogue's ApiError or Fastify's). */
export function requestErrorCode(httpStatus: number, err?: unknown): GraphqlErrorCode {
  if (err instanceof ApiError && err.loadRejection) return err.loadRejection.reason;
  if (err instanceof ApiError && err.grpcStatus === GrpcStatus.INVALID_ARGUMENT && httpStatus === 400)
    return 'BAD_REQUEST';
  const code = byHttpStatus[httpStatus];
  if (code) return code;
  return httpStatus >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
}

const VARIABLE_VALUE_ERROR =
  /^Variable "\$\w+" (got invalid value|of required type "[^"]+" was not provided|expected value of type)/;

/** One error of an operation that was refused before execution (OperationRejectedError). */
export function rejectionErrorCode(rejection: OperationRejectedError, error: Error): GraphqlErrorCode {
  if (rejection.statusCode === 405) return 'METHOD_NOT_ALLOWED';
  // graphql-js words every syntax error so (language/parser: syntaxError()); Mercurius reports
  // parse and validation failures under one code, so the message is what tells them apart.
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  // Variable values that do not fit their types reach us the same way (graphql-js
  // coerceVariableValues words them so): the operation is valid, the input is not.
  if (VARIABLE_VALUE_ERROR.test(error.message)) return 'BAD_USER_INPUT';
  // A literal argument value that its type refuses (ValuesOfCorrectTypeRule points at the value
  // itself): the same mistake as a variable of the wrong type, e.g. a vector element written "x".
  if (error instanceof GraphQLError && error.nodes?.[0] && isValueNode(error.nodes[0]))
    return 'BAD_USER_INPUT';
  return 'GRAPHQL_VALIDATION_FAILED';
}

/**
 * One error of an operation's result. `executed`: whether execution started (else the errors are
 * about the variables, coerced before any field runs).
 */
export function resultErrorCode(error: Error, executed: boolean): GraphqlErrorCode {
  if (!executed) return 'BAD_USER_INPUT';
  const cause = error instanceof GraphQLError ? error.originalError : error;
  // Raised by graphql-js itself during execution (e.g. null for a non-null field): our fault.
  if (!cause) return 'INTERNAL_SERVER_ERROR';
  if (cause instanceof BridgeCallError) return causeCode(fromBridgeError(cause) as ApiError);
  if (cause instanceof ApiError) return causeCode(cause);
  if (cause instanceof KeyspaceNotFoundError || cause instanceof SchemaMovedError) return 'NOT_FOUND';
  // A value the operation gave that does not fit (translation, codecs).
  if (cause instanceof ValueError || cause instanceof JsonValueError) return 'BAD_USER_INPUT';
  return 'INTERNAL_SERVER_ERROR';
}

function causeCode(err: ApiError): GraphqlErrorCode {
  if (err.loadRejection) return err.loadRejection.reason;
  return byGrpcStatus[err.grpcStatus as GrpcStatus] ?? 'INTERNAL_SERVER_ERROR';
}
