// Starts a real bridge in this test process (ephemeral ports, the run's Cassandra) and a
// BridgeClient to it, as an API service would use it.
import { inject } from 'vitest';
import { type Bridge, startBridge } from '../../services/bridge/src/bridge.js';
import { type BridgeConfig, bridgeConfigSchemas } from '../../services/bridge/src/config.js';
import { BridgeClient } from '../../services/common/src/bridge/bridge-client.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import { createLogger } from '../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../services/common/src/metrics/registry.js';

export function testContactPoints(): string {
  const provided = inject('cassandraContactPoints');
  if (!provided)
    throw new Error('no Cassandra contact points: run through vitest with the integration project');
  return provided;
}

export interface TestBridge {
  bridge: Bridge;
  client: BridgeClient;
  address: string;
  close(): Promise<void>;
}

export async function startTestBridge(env: Record<string, string> = {}): Promise<TestBridge> {
  const config = loadConfig<BridgeConfig>(bridgeConfigSchemas, {
    BIND_HOST: '127.0.0.1',
    BRIDGE_GRPC_PORT: '0',
    BRIDGE_HTTP_PORT: '0',
    CASSANDRA_CONTACT_POINTS: testContactPoints(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const logger = createLogger('bridge', config.logLevel);
  const bridge = await startBridge(config, logger, createMetricsRegistry('bridge'));
  await bridge.session.start();
  const address = `127.0.0.1:${bridge.grpcPort}`;
  const client = new BridgeClient({
    address,
    sourceApi: 'rest',
    deadlineMs: 20_000,
    keepaliveMs: 60_000,
    logger,
  });
  return {
    bridge,
    client,
    address,
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
