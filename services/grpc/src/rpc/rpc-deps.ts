// What the stargate.Stargate handlers are built from.
import type { Logger } from 'pino';
import type { TokenValidator } from '../../../common/src/auth/token-validator.js';
import type { GrpcMetrics } from '../metrics/grpc-metrics.js';
import type { Admission } from './admission.js';
import type { CallTenancy } from './call-tenant.js';
import type { BridgeCalls } from './operations.js';

export interface RpcDeps {
  bridge: BridgeCalls;
  metrics: GrpcMetrics;
  logger: Logger;
  /** Upper bound of every bridge request (and its deadline when the client set none). */
  bridgeDeadlineMs: number;
  /** Largest message the server sends; a larger streaming reply becomes a RESOURCE_EXHAUSTED status. */
  maxMessageBytes: number;
  /** Whether a call's token is valid (checked before anything else; see authenticate-call.ts). */
  tokens: TokenValidator;
  /** In-flight and per-token rate limits of every message. */
  admission: Admission;
  /** Multi-tenancy (TENANT_SOURCE); undefined: off. */
  tenancy?: CallTenancy;
}
