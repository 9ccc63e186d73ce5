// Settings every API service reads (schemas/config/common.json + api-common.json).
export interface ApiCommonConfig {
  logLevel: string;
  bindHost: string;
  shutdownDeadlineMs: number;
  bridgeAddress: string;
  bridgeDeadlineMs: number;
  bridgeKeepaliveMs: number;
  schemaCacheTtlMs: number;
  rejectedTokenCacheMs: number;
  maxInFlightRequests: number;
  shedRetryAfterSeconds: number;
  shedEventLoopDelayMs: number;
  shedEventLoopUtilization: number;
  shedHeapUsedBytes: number;
  shedRssBytes: number;
  rateLimitRequestsPerSecond: number;
  rateLimitBurstRequests: number;
}
