// Errors of the Document API routes as the shared HTTP error handler expects them: bridge failures
// get their HTTP status (common/src/errors/from-bridge-status.ts); everything else passes through.
import type { FastifyInstance } from 'fastify';
import { fromBridgeError } from '../../../common/src/errors/from-bridge-status.js';

export function installDocsErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((err) => {
    throw fromBridgeError(err);
  });
}
