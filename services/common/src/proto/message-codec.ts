// Encoding and decoding of one message type outside a gRPC method (e.g. the body of a multiplexed
// request), with the same shapes as the gRPC services (see grpc-service-definition.ts).
import { plainDecoder } from './plain-decoder.js';
import { plainEncoder } from './plain-encoder.js';
import { protoRoot } from './proto-root.js';

export interface MessageCodec<In, Out> {
  encode(message: In): Buffer;
  decode(bytes: Buffer): Out;
}

export function messageCodec<In, Out>(typeName: string): MessageCodec<In, Out> {
  const type = protoRoot().lookupType(typeName);
  const encode = plainEncoder(type);
  const decode = plainDecoder(type);
  return { encode: (message) => encode(message as object), decode: (bytes) => decode(bytes) as Out };
}
