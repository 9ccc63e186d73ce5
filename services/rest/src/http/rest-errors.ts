// Errors of the REST routes as the shared HTTP error handler expects them: bridge failures get
// their HTTP status, Cassandra's refusal to filter becomes a 400 that says what to do instead.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { fromBridgeError } from '../../../common/src/errors/from-bridge-status.js';
import { KeyspaceNotFoundError } from '../../../common/src/schema/schema-cache.js';

export function toRestError(err: unknown): unknown {
  if (err instanceof KeyspaceNotFoundError)
    return new ApiError('REST_KEYSPACE_NOT_FOUND', { keyspace: err.keyspace });
  if (err instanceof BridgeCallError) {
    if (err.code === GrpcStatus.INVALID_ARGUMENT && /ALLOW FILTERING/.test(err.message)) {
      return new ApiError('REST_WHERE_NEEDS_FILTERING', {
        detail: 'no index or primary key restriction can serve these conditions',
      });
    }
    return fromBridgeError(err);
  }
  return err;
}

/** Maps, then hands over to the app's error handler (which writes {"description","code"}). */
export function installRestErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((err) => {
    throw toRestError(err);
  });
}
