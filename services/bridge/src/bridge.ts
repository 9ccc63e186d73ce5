// Builds a bridge from its settings: the Cassandra session, the query executor, the schema cache,
// the gRPC server and the HTTP app. main.ts starts it; tests start it on ephemeral ports. close()
// drains: readiness turns 503 "draining", the gRPC listener closes and every connection gets a
// GOAWAY, multiplexed streams finish what they started and end, then Cassandra is let go.

import type * as grpc from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { AUTH_KEYSPACE } from '../../common/src/auth/private-keyspaces.js';
import { bindGrpc, listenHttp } from '../../common/src/lifecycle/listen.js';
import { ReadinessGate } from '../../common/src/lifecycle/readiness-gate.js';
import { shutdownGrpcServer } from '../../common/src/lifecycle/shutdown-grpc-server.js';
import { checkKeyspaceReplication } from './auth/auth-keyspace-replication.js';
import type { Authenticator } from './auth/authenticator.js';
import { credentialsAreValid } from './auth/credential-checker.js';
import { JwtAuthenticator, jwtSettingsOf } from './auth/jwt-authenticator.js';
import { LoginRateLimiter } from './auth/login-rate-limiter.js';
import { RolePermissions } from './auth/role-permissions.js';
import { parseRoleRateLimits, RoleRateLimitedAuthenticator } from './auth/role-rate-limits.js';
import { CassandraSchemaFacts } from './auth/schema-facts.js';
import { StatementAuthorizer } from './auth/statement-authorizer.js';
import { TokenAuthenticator } from './auth/token-authenticator.js';
import { type Guard, TokenStore } from './auth/token-store.js';
import { CassandraSession } from './cassandra/cassandra-session.js';
import { cassandraTls } from './cassandra/cassandra-tls.js';
import { parseContactPoints } from './cassandra/create-client.js';
import type { BridgeConfig } from './config.js';
import { buildBridgeHttpApp } from './http/bridge-http-app.js';
import { createBridgeMetrics } from './metrics/bridge-metrics.js';
import { PagingStateSigner } from './query/paging-state-signer.js';
import { QueryExecutor } from './query/query-executor.js';
import { VectorWriteLimiter } from './query/vector-write-limiter.js';
import { createBridgeGrpcServer } from './rpc/bridge-grpc-server.js';
import { BridgeOperations } from './rpc/bridge-operations.js';
import { grpcListenerSecurity } from './rpc/grpc-server-credentials.js';
import { createLoadLimits } from './rpc/load-limits.js';
import { StreamDrain } from './rpc/stream-drain.js';
import { KeyspaceSchemaCache } from './schema/keyspace-schema-cache.js';
import { TenantOperations } from './tenancy/tenant-operations.js';

export interface Bridge {
  session: CassandraSession;
  grpcServer: grpc.Server;
  httpApp: FastifyInstance;
  grpcPort: number;
  httpPort: number;
  /** Multiplexed streams of this bridge (drained by close). */
  streams: StreamDrain;
  /**
   * Drains and stops: calls in flight get up to graceMs to finish (default: the shutdown deadline
   * less 1 s for the rest), then whatever is left is cut.
   */
  close(graceMs?: number): Promise<void>;
}

export async function startBridge(config: BridgeConfig, logger: Logger, registry: Registry): Promise<Bridge> {
  const contactPoints = parseContactPoints(config.contactPoints);
  // TLS files first: one that cannot be read stops the start before anything listens (ConfigError).
  const tls = cassandraTls(config);
  const listener = grpcListenerSecurity(config);
  const jwt = jwtSettingsOf(config);
  const session = new CassandraSession(
    {
      contactPoints,
      localDatacenter: config.localDatacenter,
      username: config.username,
      password: config.password,
      requestTimeoutMs: config.requestTimeoutMs,
      speculativeDelayMs: config.speculativeDelayMs,
      maxPreparedStatements: config.maxPreparedStatements,
      tls,
    },
    logger,
  );
  const metrics = createBridgeMetrics(registry, () => session);
  const schemaCache = new KeyspaceSchemaCache(() => session.main(), logger, metrics.schemaCache);
  const guard: Guard = (keyspace, consistency, run) => session.guarded(keyspace, consistency, run);
  const schemaFacts = new CassandraSchemaFacts(() => session.main(), config.permissionsCacheMs, guard);
  let lastStaleAt = 0;
  const executor = new QueryExecutor({
    session,
    signer: new PagingStateSigner(config.pagingStateSecret),
    defaultPageSize: config.defaultPageSize,
    maxPageBytes: config.maxPageBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    vectorWrites: new VectorWriteLimiter(
      {
        writesPerTable: config.vectorWritesPerTable,
        queuePerTable: config.vectorWriteQueuePerTable,
        maxWaitMs: config.requestTimeoutMs,
        retryAfterMs: config.shedRetryAfterMs,
      },
      (keyspace) => schemaCache.get(keyspace),
    ),
    onSchemaChange: (change) => {
      schemaCache.invalidate(change.keyspace);
      schemaFacts.invalidate(change.keyspace);
      if (change.target === 'KEYSPACE') void session.refreshReplication();
    },
    // At most once a second: a client sending statements on missing tables must not be able to
    // make the bridge re-read every keyspace description on each request.
    onSchemaStale: () => {
      if (Date.now() - lastStaleAt < 1000) return;
      lastStaleAt = Date.now();
      schemaCache.invalidate(undefined);
    },
  });
  const tokens = new TokenStore({
    client: () => session.main(),
    ttlSeconds: config.tokenTtlSeconds,
    replication: config.authKeyspaceReplication,
    guard,
    onSchemaReady: (client) =>
      checkKeyspaceReplication(client, {
        keyspace: AUTH_KEYSPACE,
        configured: config.authKeyspaceReplication,
        alter: config.authKeyspaceAlter,
        logger,
        onAltered: () => void session.refreshReplication(),
      }).then(
        () => undefined,
        (err: Error) => logger.warn({ err: err.message }, `replication of ${AUTH_KEYSPACE} not checked`),
      ),
  });
  const authorizer = new StatementAuthorizer(
    new RolePermissions(() => session.main(), config.permissionsCacheMs, guard),
    schemaFacts,
  );
  const operationDeps = { session, executor, schemaCache, authorizer };
  // Tenants' requests on their own keyspaces (tenancy/tenant-operations.ts); others as before.
  const operations = config.tenantKeyspaces
    ? new TenantOperations(operationDeps)
    : new BridgeOperations(operationDeps);
  const tableTokens = new TokenAuthenticator(tokens, config.tokenCacheMs, config.tokenTtlSeconds);
  const tokenAuthenticator: Authenticator = jwt ? new JwtAuthenticator(jwt, tableTokens) : tableTokens;
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

  const streams = new StreamDrain();
  const grpcServer = createBridgeGrpcServer({ authenticator, metrics, logger, load }, operations, {
    maxMessageBytes: config.maxMessageBytes,
    drain: streams,
    connectionAge: { maxAgeMs: config.maxConnectionAgeMs, graceMs: config.maxConnectionAgeGraceMs },
  });
  const grpcPort = await bindGrpc(grpcServer, config.bindHost, config.grpcPort, listener.credentials);
  const readiness = new ReadinessGate(() => session.isReady());
  const httpApp = buildBridgeHttpApp({
    logger,
    registry,
    readiness: readiness.readiness,
    tokens,
    limiter: new LoginRateLimiter(config.loginFailuresPerMinute),
    checkCredentials: (username, password) =>
      credentialsAreValid(
        {
          contactPoints,
          localDatacenter: config.localDatacenter,
          connectTimeoutMs: config.requestTimeoutMs,
          sslOptions: tls?.sslOptions,
        },
        username,
        password,
      ),
  });
  const httpPort = await listenHttp(httpApp, config.bindHost, config.httpPort);
  logger.info(
    { grpcPort, httpPort, grpcTls: listener.mode, cassandraTls: tls !== undefined },
    'bridge listening',
  );

  return {
    session,
    grpcServer,
    httpApp,
    grpcPort,
    httpPort,
    streams,
    async close(graceMs = Math.max(0, config.shutdownDeadlineMs - 1000)) {
      // Order matters: not ready first, then no new calls (GOAWAY), then the streams drain.
      readiness.close('draining');
      logger.info({ streams: streams.openStreams, graceMs }, 'bridge draining');
      const stopped = shutdownGrpcServer(grpcServer, graceMs);
      streams.drain();
      if (!(await stopped)) logger.warn({ graceMs }, 'calls still open after the grace period were cut');
      // The HTTP listener (readiness, /v1/auth) closes last: it answered "draining" meanwhile.
      await httpApp.close();
      schemaCache.stop();
      await session.close();
    },
  };
}
