// The migration talks to Cassandra directly, as an operator tool (like tools/cassandra-local): it
// scans whole tables by token range and writes at the driver's pace, which needs no running
// bridge or token, and it logs in with the bridge's settings — the same variables
// (CASSANDRA_CONTACT_POINTS, CASSANDRA_LOCAL_DC, CASSANDRA_USERNAME, CASSANDRA_PASSWORD,
// CASSANDRA_REQUEST_TIMEOUT_MS), read and checked through the bridge's schema (schemas/config/bridge.json).
import cassandra from 'cassandra-driver';
import type { BridgeConfig } from '../../services/bridge/src/config.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';

export type ConnectionSettings = Pick<
  BridgeConfig,
  'contactPoints' | 'localDatacenter' | 'username' | 'password' | 'requestTimeoutMs'
>;

export function loadConnectionSettings(env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const config = loadConfig<BridgeConfig>(['bridge'], env);
  const { contactPoints, localDatacenter, username, password, requestTimeoutMs } = config;
  return { contactPoints, localDatacenter, username, password, requestTimeoutMs };
}

export function createMigrationClient(settings: ConnectionSettings): cassandra.Client {
  const { policies } = cassandra;
  return new cassandra.Client({
    contactPoints: settings.contactPoints.split(',').map((point) => point.trim()),
    localDataCenter: settings.localDatacenter,
    credentials: { username: settings.username, password: settings.password },
    policies: {
      loadBalancing: new policies.loadBalancing.TokenAwarePolicy(
        new policies.loadBalancing.DCAwareRoundRobinPolicy(settings.localDatacenter),
      ),
    },
    socketOptions: { readTimeout: settings.requestTimeoutMs },
    // Stargate's consistency for reads and writes (facts §6), and pages large enough for a scan.
    queryOptions: { consistency: cassandra.types.consistencies.localQuorum, fetchSize: 1000, prepare: true },
  });
}
