// The one place where GraphQL results and failures become HTTP responses, in the GraphQL shape
// {"data": …, "errors": [{"message": …}]}. Status codes follow the GraphQL-over-HTTP convention:
// 200 once execution started (field errors ride along with the data), 400 for a request that
// could not be executed (malformed, syntax, validation, variables, limits), 401/403/404/405/413/
// 415/429/503 for their usual reasons (429 and 503 with Retry-After).
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { FastifyError, FastifyReply } from 'fastify';
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { fromBridgeError } from '../../../common/src/errors/from-bridge-status.js';
import { KeyspaceNotFoundError } from '../../../common/src/schema/schema-cache.js';
import { OperationRejectedError } from '../execution/graphql-executor.js';
import { type ExecutionResult, GraphQLError } from '../graphql-js.js';

interface ErrorJson {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function sendResult(reply: FastifyReply, result: ExecutionResult): FastifyReply {
  const errors = result.errors?.map(errorJson);
  if (result.data === undefined) {
    // Execution never started (e.g. variables that do not match their types).
    return sendErrors(reply, 400, errors ?? [{ message: 'Invalid GraphQL request' }]);
  }
  // 200 is the reply's own status: nothing before this point sets another one.
  if (!errors?.length)
    return reply.header('content-type', JSON_TYPE).send(JSON.stringify({ data: result.data }));
  const causes = result.errors!.map((e) => e.originalError);
  if (causes.some((c) => c instanceof BridgeCallError && c.code === GrpcStatus.UNAUTHENTICATED)) {
    return sendErrors(reply, 401, errors);
  }
  const exhausted = causes.find(
    (c): c is BridgeCallError => c instanceof BridgeCallError && c.code === GrpcStatus.RESOURCE_EXHAUSTED,
  );
  if (exhausted) {
    // Overloaded (503) or rate limited (429), with Retry-After: see errors/load-rejection.ts.
    const mapped = fromBridgeError(exhausted) as ApiError;
    reply.headers(mapped.headers ?? {});
    return sendErrors(reply, mapped.httpStatus, errors);
  }
  return reply.header('content-type', JSON_TYPE).send(JSON.stringify({ data: result.data, errors }));
}

export function sendErrors(reply: FastifyReply, status: number, errors: ErrorJson[]): FastifyReply {
  return reply.status(status).header('content-type', JSON_TYPE).send(JSON.stringify({ errors }));
}

/** Any failure outside execution (ApiErrors of the catalogue included) → status and GraphQL-shaped body. */
export function sendFailure(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof OperationRejectedError)
    return sendErrors(reply, err.statusCode, err.errors.map(errorJson));
  const mapped =
    err instanceof KeyspaceNotFoundError
      ? new ApiError('GRAPHQL_KEYSPACE_UNKNOWN', { keyspace: err.keyspace })
      : fromBridgeError(err);
  if (mapped instanceof ApiError) {
    if (mapped.httpStatus >= 500 && !mapped.loadRejection) reply.log.error({ err }, 'GraphQL request failed');
    if (mapped.headers) reply.headers(mapped.headers);
    return sendErrors(reply, mapped.httpStatus, [{ message: mapped.message }]);
  }
  const fastifyError = err as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return sendErrors(reply, status, [{ message: clientErrorMessage(fastifyError) }]);
  }
  reply.log.error({ err }, 'GraphQL request failed');
  return sendErrors(reply, 500, [{ message: 'Internal server error' }]);
}

function clientErrorMessage(err: Partial<FastifyError>): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `Request body is not valid JSON: ${err.message}`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is larger than the configured limit';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Unsupported content type: use application/json or application/graphql (${err.message})`;
    default:
      return err.message ?? 'Bad request';
  }
}

export function errorJson(error: Error): ErrorJson {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const message =
    original instanceof BridgeCallError ? (fromBridgeError(original) as Error).message : error.message;
  if (!(error instanceof GraphQLError)) return { message };
  const json: ErrorJson = { message };
  if (error.locations?.length) json.locations = error.locations;
  if (error.path?.length) json.path = error.path;
  return json;
}
