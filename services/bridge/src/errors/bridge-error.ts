// An error the bridge answers with a specific gRPC status (and optional binary detail trailers,
// named after the proto message as Stargate sends them, e.g. "stargate.unavailable-bin").
import { status as GrpcStatus } from '@grpc/grpc-js';

export interface ErrorDetail {
  /** Fully qualified proto message name, e.g. "stargate.Unavailable". */
  typeName: string;
  /** The encoded message. */
  bytes: Buffer;
}

export class BridgeError extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'BridgeError';
  }

  static invalid(message: string): BridgeError {
    return new BridgeError(GrpcStatus.INVALID_ARGUMENT, message);
  }
}
