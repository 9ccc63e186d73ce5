// The one place where GraphQL results and failures become HTTP responses, in the GraphQL shape
// {"data": …, "errors": [{"message": …, "extensions": {"code": …}}]} (codes: graphql-error-code.ts).
// Sent as application/graphql-response+json when the client's Accept asks for it, else as
// application/json (response-media-type.ts). Status codes follow GraphQL over HTTP for both: 200
// once execution started (field errors ride along with the data), 400 without data for a request
// that could not be executed (malformed, syntax, validation, variables, limits), 401/403/404/405/
// 413/415/429/503 for their usual reasons (429 and 503 with Retry-After).
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { FastifyError, FastifyReply } from 'fastify';
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { fromBridgeError } from '../../../common/src/errors/from-bridge-status.js';
import { KeyspaceNotFoundError } from '../../../common/src/schema/schema-cache.js';
import { OperationRejectedError } from '../execution/graphql-executor.js';
import { type ExecutionResult, GraphQLError } from '../graphql-js.js';
import {
  type GraphqlErrorCode,
  rejectionErrorCode,
  requestErrorCode,
  resultErrorCode,
} from './graphql-error-code.js';
import { responseMediaType } from './response-media-type.js';

interface ErrorJson {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
  extensions: { code: GraphqlErrorCode; mappingErrors?: unknown };
}

const CONTENT_TYPES = {
  'application/json': 'application/json; charset=utf-8',
  'application/graphql-response+json': 'application/graphql-response+json; charset=utf-8',
} as const;

function send(reply: FastifyReply, body: string): FastifyReply {
  const type = CONTENT_TYPES[responseMediaType(reply.request.headers.accept)];
  return reply.header('content-type', type).send(body);
}

export function sendResult(reply: FastifyReply, result: ExecutionResult): FastifyReply {
  const executed = result.data !== undefined;
  const errors = result.errors?.map((e) => errorJson(e, resultErrorCode(e, executed)));
  if (!executed) {
    // Execution never started (e.g. variables that do not match their types).
    return sendErrors(
      reply,
      400,
      errors ?? [{ message: 'Invalid GraphQL request', extensions: { code: 'BAD_USER_INPUT' } }],
    );
  }
  // 200 is the reply's own status: nothing before this point sets another one.
  if (!errors?.length) return send(reply, JSON.stringify({ data: result.data }));
  const causes = result.errors!.map((e) => e.originalError);
  if (causes.some((c) => c instanceof BridgeCallError && c.code === GrpcStatus.UNAUTHENTICATED)) {
    return sendErrors(reply, 401, errors);
  }
  // Refused for load by the bridge, or by this process (a full deploy queue): overloaded (503) or
  // rate limited (429), with Retry-After, see errors/load-rejection.ts.
  const refusedForLoad = causes
    .map((c) =>
      c instanceof BridgeCallError && c.code === GrpcStatus.RESOURCE_EXHAUSTED ? fromBridgeError(c) : c,
    )
    .find((c): c is ApiError => c instanceof ApiError && c.loadRejection !== undefined);
  if (refusedForLoad) {
    reply.headers(refusedForLoad.headers ?? {});
    return sendErrors(reply, refusedForLoad.httpStatus, errors);
  }
  // Nothing could be served because the bridge or Cassandra is unavailable (no quorum, no bridge):
  // 503 as on the other APIs, so clients and load balancers see an outage, not a 200.
  const nothingServed = Object.values(result.data ?? {}).every((v) => v === null);
  if (
    nothingServed &&
    causes.every((c) => c instanceof BridgeCallError && c.code === GrpcStatus.UNAVAILABLE)
  ) {
    reply.headers({ 'retry-after': '1' });
    return sendErrors(reply, 503, errors);
  }
  return send(reply, JSON.stringify({ data: result.data, errors }));
}

function sendErrors(reply: FastifyReply, status: number, errors: ErrorJson[]): FastifyReply {
  return send(reply.status(status), JSON.stringify({ errors }));
}

/** Any failure outside execution (ApiErrors of the catalogue included) → status and GraphQL-shaped body. */
export function sendFailure(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof OperationRejectedError) {
    return sendErrors(
      reply,
      err.statusCode,
      err.errors.map((e) => errorJson(e, rejectionErrorCode(err, e))),
    );
  }
  const mapped =
    err instanceof KeyspaceNotFoundError
      ? new ApiError('GRAPHQL_KEYSPACE_UNKNOWN', { keyspace: err.keyspace })
      : fromBridgeError(err);
  if (mapped instanceof ApiError) {
    if (mapped.httpStatus >= 500 && !mapped.loadRejection) reply.log.error({ err }, 'GraphQL request failed');
    if (mapped.headers) reply.headers(mapped.headers);
    const code = requestErrorCode(mapped.httpStatus, mapped);
    return sendErrors(reply, mapped.httpStatus, [{ message: mapped.message, extensions: { code } }]);
  }
  const fastifyError = err as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = requestErrorCode(status);
    return sendErrors(reply, status, [{ message: clientErrorMessage(fastifyError), extensions: { code } }]);
  }
  reply.log.error({ err }, 'GraphQL request failed');
  return sendErrors(reply, 500, [
    { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ]);
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

function errorJson(error: Error, code: GraphqlErrorCode): ErrorJson {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const message =
    original instanceof BridgeCallError ? (fromBridgeError(original) as Error).message : error.message;
  const json: ErrorJson = { message } as ErrorJson;
  if (error instanceof GraphQLError) {
    if (error.locations?.length) json.locations = error.locations;
    if (error.path?.length) json.path = error.path;
  }
  // Last, as graphql-js orders a formatted error: message, locations, path, extensions.
  json.extensions = { code };
  // A schema-first deploy lists each problem of the schema with its line and column.
  const mappingErrors = error instanceof GraphQLError ? error.extensions?.mappingErrors : undefined;
  if (mappingErrors) json.extensions.mappingErrors = mappingErrors;
  return json;
}
