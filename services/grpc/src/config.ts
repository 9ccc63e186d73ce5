// The gRPC API's settings (schemas/config/common.json + api-common.json + grpc.json), loaded once in
// main.ts and passed down.
import type { ApiCommonConfig } from '../../common/src/api/api-config.js';

export interface GrpcConfig extends ApiCommonConfig {
  /** stargate.Stargate, grpc.health.v1.Health and reflection. */
  port: number;
  /** HTTP: /health/live, /health/ready, /metrics. */
  adminPort: number;
  maxMessageBytes: number;
  /** GOAWAY after this long (0: never), so connections are spread again over the replicas. */
  maxConnectionAgeMs: number;
  maxConnectionAgeGraceMs: number;
}

export const grpcConfigSchemas = ['common', 'api-common', 'grpc'] as const;
