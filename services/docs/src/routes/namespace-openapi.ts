// GET /v2/namespaces/{ns}/openapi.json: the namespace's typed OpenAPI document (openapi/
// namespace-document.ts), from its live schema, rebuilt when the schema hash changes.
import type { FastifyInstance } from 'fastify';
import { SchemaDocumentCache } from '../../../common/src/openapi/schema-document-cache.js';
import { registerSchemaDocumentRoute } from '../../../common/src/openapi/schema-document-route.js';
import { namespaceDocument } from '../openapi/namespace-document.js';
import type { DocsDeps } from './docs-deps.js';
import { requestContext } from './request-helpers.js';
import { errorResponses, pathParams } from './route-schemas.js';

export function namespaceOpenApiRoutes(app: FastifyInstance, deps: DocsDeps): void {
  const documents = new SchemaDocumentCache();
  registerSchemaDocumentRoute<{ namespace: string }>(app, documents, {
    url: '/v2/namespaces/:namespace/openapi.json',
    params: pathParams(['namespace']),
    tags: ['collections'],
    summary: "The namespace's typed OpenAPI document (collections with their JSON schemas)",
    responses: errorResponses,
    async describe(req) {
      const { namespace } = req.params;
      const { hash, collections } = await deps.collections.withSchemas(requestContext(req), namespace);
      return {
        keyspace: namespace,
        hash,
        build: () => namespaceDocument(namespace, hash, collections, deps.config),
      };
    },
  });
}
