// What a gRPC service definition's request deserializer returns for bytes that are not a valid
// encoding of the request message, instead of throwing: grpc-js would end the call with INTERNAL
// ("Error deserializing request"), where the caller's mistake deserves INVALID_ARGUMENT naming it.
// The handler refuses it (the gRPC API inside a stream too, which then goes on).
export class InvalidMessage {
  constructor(
    /** The proto message the bytes should have been, e.g. Query or Batch. */
    readonly typeName: string,
    readonly reason: string,
  ) {}

  /** A deserializer that answers an InvalidMessage where `decode` throws. */
  static guard<T>(typeName: string, decode: (bytes: Buffer) => T): (bytes: Buffer) => T | InvalidMessage {
    return (bytes) => {
      try {
        return decode(bytes);
      } catch (err) {
        return new InvalidMessage(typeName, (err as Error).message);
      }
    };
  }
}
