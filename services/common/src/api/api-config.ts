// Settings every API service reads (schemas/config/common.json + api-common.json).
import type { CorsSettings } from '../http/cors.js';
import type { TenantSettings } from '../tenancy/tenant-resolver.js';
import type { TracingConfig } from '../tracing/tracing-config.js';

export interface ApiCommonConfig extends CorsSettings, TracingConfig, TenantSettings {
  logLevel: string;
  bindHost: string;
  shutdownDeadlineMs: number;
  bridgeAddress: string;
  bridgeDeadlineMs: number;
  bridgeKeepaliveMs: number;
  bridgeTlsCaFile: string;
  bridgeTlsCertFile: string;
  bridgeTlsKeyFile: string;
  bridgeTlsServerName: string;
  schemaCacheTtlMs: number;
  rejectedTokenCacheMs: number;
  maxInFlightRequests: number;
  maxInFlightBodyBytes: number;
  httpRequestTimeoutMs: number;
  shedRetryAfterSeconds: number;
  shedEventLoopDelayMs: number;
  shedEventLoopUtilization: number;
  shedHeapUsedBytes: number;
  shedRssBytes: number;
  rateLimitRequestsPerSecond: number;
  rateLimitBurstRequests: number;
}
