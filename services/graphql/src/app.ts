// Builds the GraphQL API on the common HTTP app: the DDL executor, per-keyspace executors, the
// default keyspace finder, the routes and the playground. Tests start it on port 0.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { type ApiContext, type RunningHttpApi, startHttpApi } from '../../common/src/api/start-http-api.js';
import { markRoutesPublic } from '../../common/src/http/authentication.js';
import type { GraphqlConfig } from './config.js';
import { DefaultKeyspace } from './execution/default-keyspace.js';
import { type ExecutorLimits, GraphqlExecutor } from './execution/graphql-executor.js';
import { KeptTextBudget } from './execution/kept-text-budget.js';
import { KeyspaceExecutors } from './execution/keyspace-executors.js';
import type { ResolverDeps } from './resolvers/graphql-context.js';
import { registerGraphqlRoutes } from './routes/graphql-routes.js';
import { registerPlayground } from './routes/playground.js';
import { buildDdlSchema } from './schema/ddl-schema.js';
import { buildDmlSchema } from './schema/dml-schema.js';
import { registerAdminRoutes } from './schema-first/admin-routes.js';
import { buildAdminSchema } from './schema-first/admin-schema.js';
import { DeployedSchemas, type DeployedSchemasBounds } from './schema-first/deployed-executors.js';
import { SchemaDeployer } from './schema-first/schema-deployer.js';
import { parseSchemaSourceReplication } from './schema-first/schema-source-replication.js';
import { SchemaSourceStore } from './schema-first/schema-source-store.js';

/** Keyspace schemas kept at once; each costs a Fastify instance and a compiled schema. */
const MAX_KEYSPACE_SCHEMAS = 200;
/**
 * Approximate heap of the keyspace schemas kept (keyspace-schema-bytes.ts): one of 120 tables of
 * 20–40 columns holds ~9.4 MiB, so the count alone bounded nothing; 16 keyspaces of 4 tables of
 * 1,500 columns read in turn filled the 160 MiB heap and killed the process. With the deployed
 * schemas' 16 MiB, the API's descriptions (24 MiB) and the kept query texts, within the heap.
 */
const MAX_KEYSPACE_SCHEMA_BYTES = 40 * 1024 * 1024;
/** The same for deployed schemas (deployed-schema-bytes.ts): 100 entities of 30 fields hold ~10 MB. */
const DEPLOYED_SCHEMA_BOUNDS: DeployedSchemasBounds = {
  maxExecutors: MAX_KEYSPACE_SCHEMAS,
  maxExecutorBytes: 16 * 1024 * 1024,
  // The SDL of each keyspace checked, up to the request body limit (1 MiB by default) each.
  maxCheckedChars: 8 * 1024 * 1024,
};
/** Characters of query text all executors together keep parsed (kept-text-budget.ts). */
const KEPT_TEXT_CHARS = 600_000;

async function registerGraphqlApi(
  app: FastifyInstance,
  context: ApiContext,
  config: GraphqlConfig,
): Promise<void> {
  const deps: ResolverDeps = {
    bridge: context.bridge,
    schemaCache: context.schemaCache,
    logger: context.logger,
    deadlineMs: config.bridgeDeadlineMs,
  };
  const limits: ExecutorLimits = {
    maxDepth: config.maxDepth,
    maxCost: config.maxComplexity,
    jitAfter: 2,
    cacheSize: 256,
    maxTokens: config.maxTokens,
  };
  const budget = new KeptTextBudget(KEPT_TEXT_CHARS);
  const keyspaces = new KeyspaceExecutors({
    schemaCache: context.schemaCache,
    buildSchema: (description, keyspace) => buildDmlSchema(description, keyspace, deps),
    createExecutor: (schema) => GraphqlExecutor.create(schema, limits, budget),
    ttlMs: config.schemaCacheTtlMs,
    maxEntries: MAX_KEYSPACE_SCHEMAS,
    maxBytes: MAX_KEYSPACE_SCHEMA_BYTES,
  });
  const ddl = await GraphqlExecutor.create(buildDdlSchema(deps), limits, budget);
  const store = new SchemaSourceStore(
    context.bridge,
    parseSchemaSourceReplication(config.schemaSourceReplication),
  );
  const deployed = new DeployedSchemas(
    store,
    deps,
    (schema) => GraphqlExecutor.create(schema, limits, budget),
    config.deployedSchemaCheckMs,
    DEPLOYED_SCHEMA_BOUNDS,
  );
  const admin = await GraphqlExecutor.create(
    buildAdminSchema(
      new SchemaDeployer(deps, store, (keyspace, built) => deployed.changed(keyspace, built), {
        limits: {
          maxTokens: config.deployMaxTokens,
          maxTypes: config.deployMaxTypes,
          maxFields: config.deployMaxFields,
          maxEntities: config.deployMaxTables,
        },
        maxKeyspaceEntities: config.deployMaxKeyspaceTables,
        queue: {
          maxWaiting: config.deployMaxWaiting,
          retryAfterSeconds: config.shedRetryAfterSeconds,
          onRefused: () => context.loadMetrics.shed('deploy_queue'),
        },
      }),
      store,
      config.bridgeDeadlineMs,
    ),
    { ...limits, cacheSize: 64 },
    budget,
  );
  app.addHook('onClose', async () => {
    await Promise.all([ddl.close(), admin.close(), keyspaces.clear(), deployed.clear()]);
  });
  await registerGraphqlRoutes(app, {
    ddl,
    keyspaces,
    deployed,
    defaultKeyspace: config.defaultKeyspaceEnabled ? new DefaultKeyspace(deps) : undefined,
  });
  await registerAdminRoutes(app, { admin, store, deadlineMs: config.bridgeDeadlineMs });
  // The playground page (and whatever it serves) is public; the queries it sends are not.
  if (config.playgroundEnabled)
    await app.register(async (page) => {
      markRoutesPublic(page);
      registerPlayground(page);
    });
}

export function startGraphqlApi(options: {
  config: GraphqlConfig;
  logger?: Logger;
}): Promise<RunningHttpApi> {
  const { config } = options;
  return startHttpApi({
    service: 'graphql',
    sourceApi: 'graphql',
    config,
    port: config.port,
    bodyLimitBytes: config.bodyLimitBytes,
    logger: options.logger,
    register: (app, context) => registerGraphqlApi(app, context, config),
  });
}
