// The bridge's HTTP listener: POST /v1/auth, health (ready = Cassandra answers) and metrics.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { buildHttpApp } from '../../../common/src/http/build-http-app.js';
import type { ReadinessCheck } from '../../../common/src/http/health-routes.js';
import { type AuthRouteDeps, registerAuthRoutes } from './auth-routes.js';

export interface BridgeHttpDeps extends AuthRouteDeps {
  logger: Logger;
  registry: Registry;
  /** Ready = Cassandra answers and the bridge is not draining. */
  readiness: ReadinessCheck;
}

export function buildBridgeHttpApp(deps: BridgeHttpDeps): FastifyInstance {
  const app = buildHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    readiness: deps.readiness,
    bodyLimitBytes: 16 * 1024,
  });
  registerAuthRoutes(app, deps);
  return app;
}
