// Builds the REST API on an app from startHttpApi (which already serves health and metrics): the
// shared request/response schemas, OpenAPI + Swagger UI, then every /v2 route with validation
// and error mapping (the token is checked for every route by startHttpApi, before any of it). No listening here: tests start the app on port 0.
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../common/src/api/start-http-api.js';
import type { RestConfig } from './config.js';
import { installLosslessJsonBody } from './http/json-body.js';
import { registerOpenApi } from './http/openapi.js';
import { installRestErrors } from './http/rest-errors.js';
import { restSchemas } from './http/rest-schemas.js';
import { installValidation } from './http/validation.js';
import { bulkInsertRoutes } from './routes/bulk-insert.js';
import { columnRoutes } from './routes/columns.js';
import { countRowsRoutes } from './routes/count-rows.js';
import { cqlRoutes } from './routes/cql.js';
import { indexRoutes } from './routes/indexes.js';
import { keyspaceOpenApiRoutes } from './routes/keyspace-openapi.js';
import { keyspaceRoutes } from './routes/keyspaces.js';
import type { RestDeps } from './routes/rest-deps.js';
import { rowsReadRoutes } from './routes/rows-read.js';
import { rowsWriteRoutes } from './routes/rows-write.js';
import { tableRoutes } from './routes/tables.js';
import { udtRoutes } from './routes/udts.js';

export async function registerRestApi(
  app: FastifyInstance,
  context: ApiContext,
  config: RestConfig,
): Promise<void> {
  const schemas = restSchemas();
  for (const schema of schemas) app.addSchema(schema);
  await registerOpenApi(app);
  const deps: RestDeps = {
    bridge: context.bridge,
    schemaCache: context.schemaCache,
    logger: context.logger,
    config,
  };
  await app.register(async (v2) => {
    installValidation(v2, schemas);
    installRestErrors(v2);
    await v2.register(async (rows) => {
      installLosslessJsonBody(rows);
      rowsReadRoutes(rows, deps);
      rowsWriteRoutes(rows, deps);
      countRowsRoutes(rows, deps);
      bulkInsertRoutes(rows, deps);
    });
    keyspaceRoutes(v2, deps);
    keyspaceOpenApiRoutes(v2, deps);
    tableRoutes(v2, deps);
    columnRoutes(v2, deps);
    indexRoutes(v2, deps);
    udtRoutes(v2, deps);
    await v2.register(async (cql) => cqlRoutes(cql, deps));
  });
}
