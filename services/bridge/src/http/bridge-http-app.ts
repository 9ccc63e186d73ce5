// The bridge's HTTP listener: POST /v1/auth, health (ready = Cassandra answers) and metrics.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { buildHttpApp } from '../../../common/src/http/build-http-app.js';
import type { CassandraSession } from '../cassandra/cassandra-session.js';
import { type AuthRouteDeps, registerAuthRoutes } from './auth-routes.js';

export interface BridgeHttpDeps extends AuthRouteDeps {
  logger: Logger;
  registry: Registry;
  session: CassandraSession;
}

export function buildBridgeHttpApp(deps: BridgeHttpDeps): FastifyInstance {
  const app = buildHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    readiness: () => deps.session.isReady(),
    bodyLimitBytes: 16 * 1024,
  });
  registerAuthRoutes(app, deps);
  return app;
}
