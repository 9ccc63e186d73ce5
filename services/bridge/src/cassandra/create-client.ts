// One cassandra-driver Client per process (plus, on demand, one per keyspace: see
// keyspace-clients.ts): token-aware over DC-aware balancing, prepared statements cached up to a
// bound, maps decoded as Map so non-string keys survive.
import cassandra from 'cassandra-driver';
import type { CassandraTls } from './cassandra-tls.js';
import { patchDriver } from './driver-internals.js';

export interface ClientSettings {
  contactPoints: string[];
  localDatacenter: string;
  username: string;
  password: string;
  requestTimeoutMs: number;
  /** CASSANDRA_SPECULATIVE_DELAY_MS; 0: no speculative execution. */
  speculativeDelayMs: number;
  maxPreparedStatements: number;
  /** Set for a secondary client whose connections run USE <keyspace>. */
  keyspace?: string;
  /** Client-to-node TLS (BRIDGE_CASSANDRA_TLS_*); undefined: plaintext. */
  tls?: CassandraTls;
}

export function createClient(settings: ClientSettings): cassandra.Client {
  patchDriver();
  const { policies } = cassandra;
  return new cassandra.Client({
    contactPoints: settings.contactPoints,
    localDataCenter: settings.localDatacenter,
    keyspace: settings.keyspace,
    credentials: { username: settings.username, password: settings.password },
    ...(settings.tls ? { sslOptions: settings.tls.sslOptions } : {}),
    policies: {
      loadBalancing: new policies.loadBalancing.TokenAwarePolicy(
        new policies.loadBalancing.DCAwareRoundRobinPolicy(settings.localDatacenter),
      ),
      // An idempotent statement stuck on a node that died (before the driver or the cluster notices)
      // or hangs gets a second try on another node after this delay, not after the read timeout.
      speculativeExecution:
        settings.speculativeDelayMs > 0
          ? new policies.speculativeExecution.ConstantSpeculativeExecutionPolicy(
              settings.speculativeDelayMs,
              1,
            )
          : new policies.speculativeExecution.NoSpeculativeExecutionPolicy(),
      reconnection: new policies.reconnection.ExponentialReconnectionPolicy(200, 5000, false),
    },
    socketOptions: {
      readTimeout: settings.requestTimeoutMs,
      connectTimeout: Math.min(5000, settings.requestTimeoutMs),
    },
    maxPrepared: settings.maxPreparedStatements,
    encoding: { map: Map },
    queryOptions: { consistency: cassandra.types.consistencies.localQuorum, fetchSize: 100 },
    // Secondary per-keyspace clients don't need their own schema tracking.
    isMetadataSyncEnabled: settings.keyspace === undefined,
  });
}

export function parseContactPoints(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
