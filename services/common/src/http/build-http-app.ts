// Builds a Fastify app with what every HTTP listener of ours serves: the error body, bodiless JSON
// requests, health, metrics, and a graceful close. Routes are added by the caller; nothing here listens.
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { lazyChildLogger } from '../logging/lazy-child-logger.js';
import { registerHttpMetrics } from '../metrics/http-metrics.js';
import { answerClientError } from './client-errors.js';
import { acceptEmptyJsonBodies } from './empty-json-body.js';
import { answerFrameworkError, installErrorHandler } from './error-handler.js';
import { type ReadinessCheck, registerHealthRoutes } from './health-routes.js';
import { closeConnectionsOnClose } from './keep-alive-on-close.js';
import { lazySerializerFactory } from './lazy-serializers.js';
import { lazyValidatorFactory } from './lazy-validators.js';
import { recordRoutes } from './route-list.js';

export interface HttpAppOptions {
  logger: Logger;
  registry: Registry;
  readiness: ReadinessCheck;
  bodyLimitBytes?: number;
  /** Time for a client to send a whole request, headers and body (0: none). */
  requestTimeoutMs?: number;
  fastify?: Omit<FastifyServerOptions, 'loggerInstance' | 'logger'>;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export function buildHttpApp(options: HttpAppOptions): FastifyInstance {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // Per-request log lines cost more than the request on the hot path; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Fastify sets no limit by default: a client that sends its body slowly (or stops) kept its
    // place in the in-flight limit and its body in memory for as long as it kept the connection.
    requestTimeout: requestTimeoutMs,
    // Node enforces it only with a headers timeout no longer than it (its default is 60 s), and
    // looks for requests past their time every 30 s: a shorter timeout is checked more often.
    http:
      requestTimeoutMs > 0
        ? {
            requestTimeout: requestTimeoutMs,
            headersTimeout: Math.min(60_000, requestTimeoutMs),
            connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeoutMs / 2))),
          }
        : {},
    clientErrorHandler: answerClientError(requestTimeoutMs),
    // While closing, a request that still reaches us on an open connection is served (with
    // Connection: close): nothing accepted is failed. New connections are refused by then.
    return503OnClosing: false,
    // Response serializers are compiled on first use, not at start (cold start).
    schemaController: {
      compilersFactory: { buildSerializer: lazySerializerFactory, buildValidator: lazyValidatorFactory },
    },
    routerOptions: {
      // Node's header size limit (431) already bounds a URL; the router's own cap (100 characters a
      // parameter) would refuse valid table and column names with a body and status of its own.
      maxParamLength: 1 << 20,
    },
    // A URL the router cannot decode gets our error body too.
    frameworkErrors: answerFrameworkError,
    ...options.fastify,
  });
  recordRoutes(app);
  installErrorHandler(app);
  acceptEmptyJsonBodies(app);
  closeConnectionsOnClose(app);
  registerHealthRoutes(app, options.readiness);
  registerHttpMetrics(app, options.registry);
  return app;
}
