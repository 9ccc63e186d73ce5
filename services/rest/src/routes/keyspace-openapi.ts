// GET /v2/keyspaces/{ks}/openapi.json: the keyspace's typed OpenAPI document (openapi/
// keyspace-document.ts), from its live description, rebuilt when the schema hash changes.

import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { SchemaDocumentCache } from '../../../common/src/openapi/schema-document-cache.js';
import { registerSchemaDocumentRoute } from '../../../common/src/openapi/schema-document-route.js';
import { keyspaceDocument } from '../openapi/keyspace-document.js';
import type { RestDeps } from './rest-deps.js';
import { errorResponses, keyspaceParams, TAG_SCHEMA } from './route-schemas.js';

export function keyspaceOpenApiRoutes(app: FastifyInstance, deps: RestDeps): void {
  const documents = new SchemaDocumentCache();
  registerSchemaDocumentRoute<{ keyspace: string }>(app, documents, {
    url: '/v2/keyspaces/:keyspace/openapi.json',
    params: keyspaceParams,
    tags: [TAG_SCHEMA],
    summary: "The keyspace's typed OpenAPI document",
    responses: errorResponses,
    async describe(req) {
      const { keyspace } = req.params;
      // One round trip: the bridge answers "unchanged" when the cached hash is current.
      const description = await deps.schemaCache.refresh(keyspace, { token: req.token });
      if (!description) throw new ApiError('REST_KEYSPACE_NOT_DESCRIBED', { keyspace });
      return {
        keyspace,
        hash: description.hash?.value ?? 0,
        build: () => keyspaceDocument(description, deps.config),
      };
    },
  });
}
