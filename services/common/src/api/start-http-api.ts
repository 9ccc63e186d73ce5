// Starts an HTTP API service (rest, docs, graphql): logger, metrics, bridge client, schema cache,
// the Fastify app with health and metrics, load shedding, rate limits and authentication, then the
// service's own routes. main.ts only calls this. close() drains: readiness turns 503 "draining", the listener
// closes, requests in flight finish.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { TokenValidator } from '../auth/token-validator.js';
import { BridgeClient, type BridgeClientOptions } from '../bridge/bridge-client.js';
import { bridgeChannelSecurity } from '../bridge/bridge-credentials.js';
import { BridgeReadiness } from '../bridge/bridge-readiness.js';
import { explainBridgeFailure } from '../bridge/explain-bridge-failure.js';
import { installAuthentication } from '../http/authentication.js';
import { buildHttpApp, DEFAULT_BODY_LIMIT_BYTES } from '../http/build-http-app.js';
import { installCors } from '../http/cors.js';
import { installLoadShedding } from '../http/load-shedding.js';
import { installRateLimit } from '../http/rate-limit.js';
import { closeHttpApp } from '../lifecycle/close-http-app.js';
import { listenHttp } from '../lifecycle/listen.js';
import { ReadinessGate } from '../lifecycle/readiness-gate.js';
import type { InFlightLimit } from '../load/in-flight-limit.js';
import { createLogger } from '../logging/logger.js';
import { createLoadMetrics, type LoadMetrics } from '../metrics/load-metrics.js';
import { createMetricsRegistry } from '../metrics/registry.js';
import { SchemaCache } from '../schema/schema-cache.js';
import { installTenancy } from '../tenancy/http-tenancy.js';
import { createTenantResolver } from '../tenancy/tenant-resolver.js';
import { installHttpTracing } from '../tracing/http-tracing.js';
import { activeTracing } from '../tracing/tracing.js';
import type { ApiCommonConfig } from './api-config.js';

export interface ApiContext {
  logger: Logger;
  registry: Registry;
  bridge: BridgeClient;
  schemaCache: SchemaCache;
  /** Refusals for load, for a service that refuses some of its own (the GraphQL deploy queue). */
  loadMetrics: LoadMetrics;
}

export interface HttpApiOptions<C extends ApiCommonConfig> {
  service: string;
  sourceApi: BridgeClientOptions['sourceApi'];
  config: C;
  port: number;
  bodyLimitBytes?: number;
  /** Adds the service's routes (and plugins) to the app. */
  register: (app: FastifyInstance, context: ApiContext) => Promise<void> | void;
  logger?: Logger;
  registry?: Registry;
}

export interface RunningHttpApi {
  app: FastifyInstance;
  context: ApiContext;
  port: number;
  /** Requests being worked on (for tests and operations). */
  inFlight: InFlightLimit;
  /** Drains and stops; requests still running after graceMs (default: the shutdown deadline less 1 s) are cut. */
  close(graceMs?: number): Promise<void>;
}

export async function startHttpApi<C extends ApiCommonConfig>(
  options: HttpApiOptions<C>,
): Promise<RunningHttpApi> {
  const { config } = options;
  const logger = options.logger ?? createLogger(options.service, config.logLevel);
  const registry = options.registry ?? createMetricsRegistry(options.service);
  const security = bridgeChannelSecurity(config);
  const bridge = new BridgeClient({
    address: config.bridgeAddress,
    sourceApi: options.sourceApi,
    deadlineMs: config.bridgeDeadlineMs,
    keepaliveMs: config.bridgeKeepaliveMs,
    logger,
    security,
  });
  const readiness = new BridgeReadiness(bridge, config.bridgeAddress, logger, (message) =>
    explainBridgeFailure(message, config.bridgeAddress, security),
  );
  const gate = new ReadinessGate(() => readiness.check());
  const loadMetrics = createLoadMetrics(registry);
  const context: ApiContext = {
    logger,
    registry,
    bridge,
    schemaCache: new SchemaCache(bridge, config.schemaCacheTtlMs),
    loadMetrics,
  };
  const app = buildHttpApp({
    logger,
    registry,
    readiness: gate.readiness,
    bodyLimitBytes: options.bodyLimitBytes,
    requestTimeoutMs: config.httpRequestTimeoutMs,
  });
  // Before every other hook, so that the whole request (its token check too) is inside its span.
  const tracing = activeTracing();
  if (tracing) installHttpTracing(app, tracing);
  // First: a preflight is answered before shedding, rate limits and authentication, and refusals
  // carry the CORS headers a page needs to read them.
  await installCors(app, config);
  // Before the routes: the rate-limit plugin hooks only routes added after it.
  const inFlight = await installLoadShedding(app, {
    maxInFlight: config.maxInFlightRequests,
    maxInFlightBodyBytes: config.maxInFlightBodyBytes,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    retryAfterSeconds: config.shedRetryAfterSeconds,
    maxEventLoopDelayMs: config.shedEventLoopDelayMs,
    maxEventLoopUtilization: config.shedEventLoopUtilization,
    maxHeapUsedBytes: config.shedHeapUsedBytes,
    maxRssBytes: config.shedRssBytes,
    metrics: loadMetrics,
  });
  await installRateLimit(app, {
    ratePerSecond: config.rateLimitRequestsPerSecond,
    burst: config.rateLimitBurstRequests,
    metrics: loadMetrics,
  });
  // Before authentication: the token check and everything after run as the request's tenant.
  const tenants = createTenantResolver(config);
  if (tenants) installTenancy(app, tenants, registry);
  // After the refusals for load (they cost nothing), before every route and its caches.
  installAuthentication(app, new TokenValidator(bridge, { rejectedCacheMs: config.rejectedTokenCacheMs }));
  await options.register(app, context);
  const port = await listenHttp(app, config.bindHost, options.port);
  logger.info({ port }, `${options.service} API listening`);
  void readiness.waitUntilReady();
  return {
    app,
    context,
    port,
    inFlight,
    async close(graceMs = Math.max(0, config.shutdownDeadlineMs - 1000)) {
      gate.close('draining');
      readiness.stop();
      if (!(await closeHttpApp(app, graceMs))) {
        logger.warn({ graceMs }, 'requests still running after the grace period were cut');
      }
      // Last: the requests that finished above needed the bridge.
      bridge.close();
    },
  };
}
