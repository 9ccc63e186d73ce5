// Builds a bridge from its settings: the Cassandra session, the query executor, the schema cache,
// the gRPC server and the HTTP app. main.ts starts it; tests start it on ephemeral ports.

import type * as grpc from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Authenticator } from './auth/authenticator.js';
import { credentialsAreValid } from './auth/credential-checker.js';
import { LoginRateLimiter } from './auth/login-rate-limiter.js';
import { RolePermissions } from './auth/role-permissions.js';
import { parseRoleRateLimits, RoleRateLimitedAuthenticator } from './auth/role-rate-limits.js';
import { StatementAuthorizer } from './auth/statement-authorizer.js';
import { TokenAuthenticator } from './auth/token-authenticator.js';
import { TokenStore } from './auth/token-store.js';
import { CassandraSession } from './cassandra/cassandra-session.js';
import { parseContactPoints } from './cassandra/create-client.js';
import type { BridgeConfig } from './config.js';
import { buildBridgeHttpApp } from './http/bridge-http-app.js';
import { createBridgeMetrics } from './metrics/bridge-metrics.js';
import { PagingStateSigner } from './query/paging-state-signer.js';
import { QueryExecutor } from './query/query-executor.js';
import { bindServer, createBridgeGrpcServer } from './rpc/bridge-grpc-server.js';
import { BridgeOperations } from './rpc/bridge-operations.js';
import { createLoadLimits } from './rpc/load-limits.js';
import { KeyspaceSchemaCache } from './schema/keyspace-schema-cache.js';

export interface Bridge {
  session: CassandraSession;
  grpcServer: grpc.Server;
  httpApp: FastifyInstance;
  grpcPort: number;
  httpPort: number;
  close(): Promise<void>;
}

export async function startBridge(config: BridgeConfig, logger: Logger, registry: Registry): Promise<Bridge> {
  const contactPoints = parseContactPoints(config.contactPoints);
  const session = new CassandraSession(
    {
      contactPoints,
      localDatacenter: config.localDatacenter,
      username: config.username,
      password: config.password,
      requestTimeoutMs: config.requestTimeoutMs,
      maxPreparedStatements: config.maxPreparedStatements,
    },
    logger,
  );
  const metrics = createBridgeMetrics(registry, () => session);
  const schemaCache = new KeyspaceSchemaCache(() => session.main(), logger, metrics.schemaCache);
  let lastStaleAt = 0;
  const executor = new QueryExecutor({
    session,
    signer: new PagingStateSigner(config.pagingStateSecret),
    defaultPageSize: config.defaultPageSize,
    requestTimeoutMs: config.requestTimeoutMs,
    onSchemaChange: (change) => schemaCache.invalidate(change.keyspace),
    // At most once a second: a client sending statements on missing tables must not be able to
    // make the bridge re-read every keyspace description on each request.
    onSchemaStale: () => {
      if (Date.now() - lastStaleAt < 1000) return;
      lastStaleAt = Date.now();
      schemaCache.invalidate(undefined);
    },
  });
  const tokens = new TokenStore(() => session.main(), config.tokenTtlSeconds, config.authKeyspaceReplication);
  const authorizer = new StatementAuthorizer(
    new RolePermissions(() => session.main(), config.permissionsCacheMs),
  );
  const operations = new BridgeOperations({ session, executor, schemaCache, authorizer });
  const tokenAuthenticator = new TokenAuthenticator(tokens, config.tokenCacheMs, config.tokenTtlSeconds);
  const roleLimits = parseRoleRateLimits(config.roleRateLimits);
  // Wrapped only when a role is limited: otherwise the hot path keeps one await less.
  const authenticator: Authenticator =
    roleLimits.size > 0
      ? new RoleRateLimitedAuthenticator(tokenAuthenticator, roleLimits, (role) => metrics.rateLimited(role))
      : tokenAuthenticator;
  const load = createLoadLimits({
    maxInFlightPerStream: config.maxInFlightPerStream,
    maxInFlightUnary: config.maxInFlightUnary,
    retryAfterMs: config.shedRetryAfterMs,
  });

  void session
    .start()
    .then(() =>
      tokens
        .ensureSchema()
        .catch((err: Error) => logger.warn({ err: err.message }, 'token table not created yet')),
    );
  schemaCache.startPolling();

  const grpcServer = createBridgeGrpcServer({ authenticator, metrics, logger, load }, operations, {
    maxMessageBytes: config.maxMessageBytes,
  });
  const grpcPort = await bindServer(grpcServer, `${config.bindHost}:${config.grpcPort}`);
  const httpApp = buildBridgeHttpApp({
    logger,
    registry,
    session,
    tokens,
    limiter: new LoginRateLimiter(config.loginFailuresPerMinute),
    checkCredentials: (username, password) =>
      credentialsAreValid(
        { contactPoints, localDatacenter: config.localDatacenter, connectTimeoutMs: config.requestTimeoutMs },
        username,
        password,
      ),
  });
  await httpApp.listen({ host: config.bindHost, port: config.httpPort });
  const address = httpApp.server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.httpPort;
  logger.info({ grpcPort, httpPort }, 'bridge listening');

  return {
    session,
    grpcServer,
    httpApp,
    grpcPort,
    httpPort,
    async close() {
      await httpApp.close();
      await new Promise<void>((resolve) => grpcServer.tryShutdown(() => resolve()));
      schemaCache.stop();
      await session.close();
    },
  };
}
