// The bridge's settings (schemas/config/common.json + bridge.json), loaded once in main.ts.
import type { TracingConfig } from '../../common/src/tracing/tracing-config.js';

export interface BridgeConfig extends TracingConfig {
  logLevel: string;
  bindHost: string;
  shutdownDeadlineMs: number;
  grpcPort: number;
  httpPort: number;
  contactPoints: string;
  localDatacenter: string;
  username: string;
  password: string;
  requestTimeoutMs: number;
  defaultPageSize: number;
  maxPreparedStatements: number;
  pagingStateSecret: string;
  maxMessageBytes: number;
  tokenTtlSeconds: number;
  tokenCacheMs: number;
  permissionsCacheMs: number;
  authKeyspaceReplication: string;
  loginFailuresPerMinute: number;
  maxInFlightPerStream: number;
  maxInFlightUnary: number;
  shedRetryAfterMs: number;
  roleRateLimits: string;
}

export const bridgeConfigSchemas = ['common', 'bridge'] as const;
