// Errors of the Document API routes as the shared HTTP error handler expects them: bridge failures
// get their HTTP status (common/src/errors/from-bridge-status.ts); a namespace or collection name
// refused by its path pattern (routes/route-schemas.ts) is Stargate's 404; everything else
// passes through.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { fromBridgeError } from '../../../common/src/errors/from-bridge-status.js';

export function installDocsErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((err, req) => {
    throw invalidName(err as FastifyError, req.params as Record<string, string>) ?? fromBridgeError(err);
  });
}

function invalidName(err: FastifyError, params: Record<string, string>): ApiError | undefined {
  if (err.validationContext !== 'params') return undefined;
  const field = err.validation?.[0]?.instancePath;
  if (field === '/namespace')
    return new ApiError('DATASTORE_KEYSPACE_DOES_NOT_EXIST', { namespace: params.namespace ?? '' });
  if (field === '/collection')
    return new ApiError('DATASTORE_TABLE_DOES_NOT_EXIST', { collection: params.collection ?? '' });
  return undefined;
}
