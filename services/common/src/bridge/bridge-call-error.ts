// An error answered by the bridge (or by the channel to it): its gRPC status, message and the
// Stargate detail messages it carried, decoded.
import { status as GrpcStatus } from '@grpc/grpc-js';

export class BridgeCallError extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
    /** Detail messages by lower-cased proto type name, e.g. "stargate.unavailable" → encoded bytes. */
    readonly details: Map<string, Buffer> = new Map(),
  ) {
    super(message);
    this.name = 'BridgeCallError';
  }

  static unavailable(message: string): BridgeCallError {
    return new BridgeCallError(GrpcStatus.UNAVAILABLE, message);
  }
}
