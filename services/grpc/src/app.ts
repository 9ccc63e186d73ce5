// Builds and starts the gRPC API from its settings: the bridge client (one multiplexed stream to the
// bridge), stargate.Stargate with grpc.health.v1.Health and server reflection on the public port, and
// the admin HTTP listener (/health/live, /health/ready, /metrics). main.ts and tests call this.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import type { FastifyInstance } from 'fastify';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { TokenValidator } from '../../common/src/auth/token-validator.js';
import { BridgeClient } from '../../common/src/bridge/bridge-client.js';
import { bridgeChannelSecurity } from '../../common/src/bridge/bridge-credentials.js';
import { BridgeReadiness } from '../../common/src/bridge/bridge-readiness.js';
import { explainBridgeFailure } from '../../common/src/bridge/explain-bridge-failure.js';
import { buildHttpApp } from '../../common/src/http/build-http-app.js';
import { bindGrpc, listenHttp } from '../../common/src/lifecycle/listen.js';
import { ReadinessGate } from '../../common/src/lifecycle/readiness-gate.js';
import { shutdownGrpcServer } from '../../common/src/lifecycle/shutdown-grpc-server.js';
import { createLogger } from '../../common/src/logging/logger.js';
import { createLoadMetrics } from '../../common/src/metrics/load-metrics.js';
import { createMetricsRegistry } from '../../common/src/metrics/registry.js';

import type { GrpcConfig } from './config.js';
import { HealthReporter } from './health/health-reporter.js';
import { createGrpcMetrics } from './metrics/grpc-metrics.js';
import { type Admission, createAdmission } from './rpc/admission.js';
import { authenticateFirst } from './rpc/authenticate-first.js';
import { createCallTenancy } from './rpc/call-tenant.js';
import { stargateHandlers } from './rpc/stargate-handlers.js';
import { publicStargateService } from './server/public-service.js';
import { stargateReflectionDefinition } from './server/reflection-definition.js';
import { grpcServerOptions } from './server/server-options.js';

export interface GrpcApiOptions {
  config: GrpcConfig;
  logger?: Logger;
  registry?: Registry;
}

export interface RunningGrpcApi {
  grpcPort: number;
  adminPort: number;
  bridge: BridgeClient;
  admission: Admission;
  server: grpc.Server;
  admin: FastifyInstance;
  /** Stops serving: health NOT_SERVING, calls in flight finish (up to graceMs), then listeners and the bridge. */
  close(graceMs?: number): Promise<void>;
}

export async function startGrpcApi(options: GrpcApiOptions): Promise<RunningGrpcApi> {
  const { config } = options;
  const logger = options.logger ?? createLogger('grpc', config.logLevel);
  const registry = options.registry ?? createMetricsRegistry('grpc');
  const security = bridgeChannelSecurity(config);
  const bridge = new BridgeClient({
    address: config.bridgeAddress,
    sourceApi: 'cql',
    deadlineMs: config.bridgeDeadlineMs,
    keepaliveMs: config.bridgeKeepaliveMs,
    // Whatever a client may send must fit on the way to the bridge; replies are checked on the way out.
    maxMessageBytes: Math.max(config.maxMessageBytes, 16 * 1024 * 1024),
    logger,
    security,
  });
  const readiness = new BridgeReadiness(bridge, config.bridgeAddress, logger, (message) =>
    explainBridgeFailure(message, config.bridgeAddress, security),
  );
  const health = new HealthReporter(readiness, logger);
  const gate = new ReadinessGate(() => readiness.check());

  const tokens = new TokenValidator(bridge, { rejectedCacheMs: config.rejectedTokenCacheMs });
  const metrics = createGrpcMetrics(registry);
  const server = new grpc.Server({
    ...grpcServerOptions(config),
    // A call's message is read only once its token is valid (rpc/authenticate-first.ts).
    interceptors: [authenticateFirst({ tokens, metrics, receiveTimeoutMs: config.httpRequestTimeoutMs })],
  });
  const service = publicStargateService();
  const admission = createAdmission({
    maxInFlight: config.maxInFlightRequests,
    retryAfterSeconds: config.shedRetryAfterSeconds,
    rateLimit: { ratePerSecond: config.rateLimitRequestsPerSecond, burst: config.rateLimitBurstRequests },
    metrics: createLoadMetrics(registry),
  });
  const deps = {
    bridge,
    metrics,
    logger,
    bridgeDeadlineMs: config.bridgeDeadlineMs,
    maxMessageBytes: config.maxMessageBytes,
    tokens,
    admission,
    tenancy: createCallTenancy(config, registry),
  };
  server.addService(service.definition, stargateHandlers(deps, service.encodeStreamingResponse));
  health.addToServer(server);
  new ReflectionService({
    ...stargateReflectionDefinition(),
    ...protoLoader.loadSync(healthProtoPath),
  }).addToServer(server);

  const grpcPort = await bindGrpc(server, config.bindHost, config.port);
  const admin = buildHttpApp({ logger, registry, readiness: gate.readiness });
  const adminPort = await listenHttp(admin, config.bindHost, config.adminPort);
  logger.info({ grpcPort, adminPort }, 'gRPC API listening');
  health.start();
  void readiness.waitUntilReady();

  return {
    grpcPort,
    adminPort,
    bridge,
    admission,
    server,
    admin,
    async close(graceMs = Math.max(0, config.shutdownDeadlineMs - 1000)) {
      // Not serving first (gRPC health and the admin readiness), then GOAWAY and no new
      // connections while calls in flight finish, then the bridge they needed.
      health.shutdown();
      gate.close('draining');
      readiness.stop();
      if (!(await shutdownGrpcServer(server, graceMs))) {
        logger.warn({ graceMs }, 'calls still open after the grace period were cut');
      }
      await admin.close();
      bridge.close();
    },
  };
}
