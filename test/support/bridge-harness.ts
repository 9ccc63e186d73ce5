// Starts a real bridge in this test process (ephemeral ports, the run's Cassandra) and a
// BridgeClient to it, as an API service would use it.

import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { inject } from 'vitest';
import { type Bridge, startBridge } from '../../services/bridge/src/bridge.js';
import { type BridgeConfig, bridgeConfigSchemas } from '../../services/bridge/src/config.js';
import { BridgeClient } from '../../services/common/src/bridge/bridge-client.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import { createLogger } from '../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../services/common/src/metrics/registry.js';
import type { Response__Output } from '../../services/common/src/proto/generated/stargate/Response.js';

export function testContactPoints(): string {
  const provided = inject('cassandraContactPoints');
  if (!provided)
    throw new Error('no Cassandra contact points: run through vitest with the integration project');
  return provided;
}

export interface TestBridge {
  bridge: Bridge;
  /** The bridge's metrics. */
  registry: Registry;
  client: BridgeClient;
  /** host:port of the bridge's gRPC listener */
  address: string;
  /** http://127.0.0.1:<port> of the bridge's HTTP listener (/v1/auth, health, metrics) */
  httpUrl: string;
  /** A token of the superuser cassandra/cassandra, from POST /v1/auth. */
  token: string;
  /** Issues a token for other credentials (throws if they are refused). */
  login(username: string, password: string): Promise<string>;
  /** Runs CQL as the superuser. */
  su(cql: string): Promise<Response__Output>;
  /** Creates a SimpleStrategy keyspace with one replica. */
  createKeyspace(name: string): Promise<void>;
  /** Drops a keyspace if it exists, ignoring errors (for afterAll). */
  dropKeyspace(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function loginAt(httpUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${httpUrl}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { authToken: string }).authToken;
}

export async function startTestBridge(
  env: Record<string, string> = {},
  options: {
    /** Instead of a logger at TEST_LOG_LEVEL (e.g. one that keeps its lines). */ logger?: Logger;
  } = {},
): Promise<TestBridge> {
  const config = loadConfig<BridgeConfig>(bridgeConfigSchemas, {
    BIND_HOST: '127.0.0.1',
    BRIDGE_GRPC_PORT: '0',
    BRIDGE_HTTP_PORT: '0',
    CASSANDRA_CONTACT_POINTS: testContactPoints(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const logger = options.logger ?? createLogger('bridge', config.logLevel);
  const registry = createMetricsRegistry('bridge');
  const bridge = await startBridge(config, logger, registry);
  await bridge.session.start();
  const address = `127.0.0.1:${bridge.grpcPort}`;
  const httpUrl = `http://127.0.0.1:${bridge.httpPort}`;
  const client = new BridgeClient({
    address,
    sourceApi: 'rest',
    deadlineMs: 60_000,
    keepaliveMs: 60_000,
    logger,
  });
  const token = await loginAt(httpUrl, 'cassandra', 'cassandra');
  return {
    bridge,
    registry,
    client,
    address,
    httpUrl,
    token,
    login: (username, password) => loginAt(httpUrl, username, password),
    su: (cql) => client.executeQuery({ cql }, { token }),
    async createKeyspace(name) {
      await client.executeQuery(
        {
          cql: `CREATE KEYSPACE ${name} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
        },
        { token },
      );
    },
    async dropKeyspace(name) {
      await client.executeQuery({ cql: `DROP KEYSPACE IF EXISTS ${name}` }, { token }).catch(() => undefined);
    },
    async close() {
      client.close();
      await bridge.close();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    cassandraContactPoints: string;
  }
}
