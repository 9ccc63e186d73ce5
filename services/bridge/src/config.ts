// The bridge's settings (schemas/config/common.json + bridge.json), loaded once in main.ts.
import type { TracingConfig } from '../../common/src/tracing/tracing-config.js';
import type { CassandraTlsSettings } from './cassandra/cassandra-tls.js';

export interface BridgeConfig extends TracingConfig, CassandraTlsSettings {
  logLevel: string;
  bindHost: string;
  shutdownDeadlineMs: number;
  grpcPort: number;
  httpPort: number;
  grpcTlsCertFile: string;
  grpcTlsKeyFile: string;
  grpcTlsClientCaFile: string;
  contactPoints: string;
  localDatacenter: string;
  username: string;
  password: string;
  requestTimeoutMs: number;
  speculativeDelayMs: number;
  defaultPageSize: number;
  maxPageBytes: number;
  maxPreparedStatements: number;
  pagingStateSecret: string;
  maxMessageBytes: number;
  tokenTtlSeconds: number;
  tokenCacheMs: number;
  permissionsCacheMs: number;
  authKeyspaceReplication: string;
  authKeyspaceAlter: boolean;
  loginFailuresPerMinute: number;
  maxInFlightPerStream: number;
  maxInFlightUnary: number;
  shedRetryAfterMs: number;
  vectorWritesPerTable: number;
  vectorWriteQueuePerTable: number;
  maxConnectionAgeMs: number;
  maxConnectionAgeGraceMs: number;
  roleRateLimits: string;
  jwtJwksUrl: string;
  jwtIssuer: string;
  jwtAudience: string;
  jwtJwksCooldownMs: number;
  jwtJwksMaxAgeMs: number;
  jwtClockToleranceSeconds: number;
  tenantKeyspaces: boolean;
}

export const bridgeConfigSchemas = ['common', 'bridge'] as const;
