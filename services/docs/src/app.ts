// Builds the Document API on an app from startHttpApi (which already serves health and metrics):
// its schemas, OpenAPI + Swagger UI, then every /v2 route with bridge errors mapped (the token is
// checked for every route by startHttpApi, before any of it). No listening here: tests start the app on port 0.
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../common/src/api/start-http-api.js';
import type { DocsConfig } from './config.js';
import { installDocsErrors } from './http/docs-errors.js';
import { docsSchemas } from './http/docs-schemas.js';
import { registerOpenApi } from './http/openapi.js';
import { collectionRoutes } from './routes/collections.js';
import type { DocsDeps } from './routes/docs-deps.js';
import { documentReadRoutes } from './routes/documents-read.js';
import { documentWriteRoutes } from './routes/documents-write.js';
import { namespaceOpenApiRoutes } from './routes/namespace-openapi.js';
import { namespaceRoutes } from './routes/namespaces.js';
import { Collections } from './schema/collections.js';
import { Namespaces } from './schema/namespaces.js';
import { DocumentStore } from './storage/document-store.js';
import { DocumentWriter } from './write/document-writer.js';

function createDocsDeps(context: Pick<ApiContext, 'bridge' | 'schemaCache'>, config: DocsConfig): DocsDeps {
  const store = new DocumentStore(context.bridge);
  const collections = new Collections(context.bridge, context.schemaCache);
  return {
    config,
    store,
    collections,
    namespaces: new Namespaces(context.bridge, context.schemaCache),
    writer: new DocumentWriter({ store, collections, limits: config }),
  };
}

export async function registerDocsApi(
  app: FastifyInstance,
  context: ApiContext,
  config: DocsConfig,
): Promise<void> {
  for (const schema of docsSchemas()) app.addSchema(schema);
  await registerOpenApi(app);
  const deps = createDocsDeps(context, config);
  await app.register(async (v2) => {
    installDocsErrors(v2);
    namespaceRoutes(v2, deps);
    collectionRoutes(v2, deps);
    namespaceOpenApiRoutes(v2, deps);
    documentReadRoutes(v2, deps);
    documentWriteRoutes(v2, deps);
  });
}
