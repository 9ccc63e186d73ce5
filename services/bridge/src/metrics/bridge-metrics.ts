// The bridge's own metrics: latency per RPC and status, driver connections and in-flight requests
// per host, schema cache hits and misses, requests refused unrun while draining, multiplexed streams
// ended by age, requests refused for load (shed, rate limited by role).
import type { status as GrpcStatus } from '@grpc/grpc-js';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { grpcStatusName } from '../../../common/src/grpc/to-grpc-status.js';
import { histogramSeries } from '../../../common/src/metrics/histogram-series.js';
import type { CassandraSession } from '../cassandra/cassandra-session.js';
import type { SchemaCacheStats } from '../schema/keyspace-schema-cache.js';

export type BridgeShedLimit = 'stream_in_flight' | 'unary_in_flight';

export interface BridgeMetrics {
  observeRpc(rpc: string, code: GrpcStatus, seconds: number): void;
  /** A multiplexed request answered NotExecuted because the bridge or its stream drains. */
  notExecuted(): void;
  /** A multiplexed stream began to drain because of its age (multiplexedStreamMaxAgeMs). */
  streamAged(): void;
  schemaCache: SchemaCacheStats;
  shed(limit: BridgeShedLimit): void;
  rateLimited(role: string): void;
}

export function createBridgeMetrics(
  registry: Registry,
  session: () => CassandraSession | undefined,
): BridgeMetrics {
  const duration = new Histogram({
    name: 'bridge_rpc_duration_seconds',
    help: 'Bridge request latency by RPC (or multiplexed operation) and gRPC status',
    labelNames: ['rpc', 'status'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'bridge_driver_open_connections',
    help: 'Open cassandra-driver connections per Cassandra host',
    labelNames: ['host'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const h of session()?.state() ?? []) this.set({ host: h.host }, h.openConnections);
    },
  });
  new Gauge({
    name: 'bridge_driver_in_flight_requests',
    help: 'Requests in flight on cassandra-driver connections per Cassandra host',
    labelNames: ['host'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const h of session()?.state() ?? []) this.set({ host: h.host }, h.inFlightQueries);
    },
  });
  const cache = new Counter({
    name: 'bridge_schema_cache_requests_total',
    help: 'Keyspace description lookups in the bridge cache, by result',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const notExecuted = new Counter({
    name: 'bridge_multiplexed_not_executed_total',
    help: 'Multiplexed requests answered NotExecuted while the bridge or their stream drained (the API sent them again on a new stream)',
    registers: [registry],
  });
  const aged = new Counter({
    name: 'bridge_multiplexed_streams_aged_total',
    help: 'Multiplexed streams ended because of their age (BRIDGE_MAX_CONNECTION_AGE_MS): the API opened a new one, on the replica its round robin picked',
    registers: [registry],
  });
  const shed = new Counter({
    name: 'bridge_requests_shed_total',
    help: 'Requests refused at once with RESOURCE_EXHAUSTED (OVERLOADED), by the in-flight limit that refused them',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  const limited = new Counter({
    name: 'bridge_requests_rate_limited_total',
    help: 'Requests refused with RESOURCE_EXHAUSTED (RATE_LIMITED) by BRIDGE_ROLE_RATE_LIMITS, by role',
    labelNames: ['role'] as const,
    registers: [registry],
  });
  const shedBy = {
    stream_in_flight: shed.labels({ limit: 'stream_in_flight' }),
    unary_in_flight: shed.labels({ limit: 'unary_in_flight' }),
  };
  const series = histogramSeries(duration);
  return {
    shed: (limit) => shedBy[limit].inc(),
    // Only configured roles are limited, so the label's values are bounded by the configuration.
    rateLimited: (role) => limited.inc({ role }),
    observeRpc(rpc, code, seconds) {
      series(`${rpc} ${code}`, () => ({ rpc, status: grpcStatusName(code) })).observe(seconds);
    },
    notExecuted: () => notExecuted.inc(),
    streamAged: () => aged.inc(),
    schemaCache: { hit: () => cache.inc({ result: 'hit' }), miss: () => cache.inc({ result: 'miss' }) },
  };
}
