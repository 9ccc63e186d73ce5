// The one protobufjs Root of our .proto files (parsed once per process): the gRPC services are
// built from it (load-protos.ts), and messages we encode by hand use it, e.g. error details sent as
// binary trailers ("stargate.unavailable-bin") and google.rpc.Status inside stream replies.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { useDecimalLongs } from './decimal-long.js';
import { plainEncoder } from './plain-encoder.js';

export const protoDir = fileURLToPath(new URL('../../../../proto/', import.meta.url));

let root: protobuf.Root | undefined;

export function protoRoot(): protobuf.Root {
  if (!root) {
    useDecimalLongs();
    const r = new protobuf.Root();
    r.resolvePath = (_origin, target) =>
      target.startsWith('google/protobuf/') ? target : path.join(protoDir, target);
    r.loadSync(['bridge.proto', 'stargate.proto', 'google/rpc/error_details.proto'], { keepCase: false });
    r.resolveAll();
    root = r;
  }
  return root;
}

/** For rare messages (error details): the same plain encoding as the services' messages. */
export function encodeMessage(typeName: string, value: Record<string, unknown>): Buffer {
  return plainEncoder(protoRoot().lookupType(typeName))(value);
}

export function decodeMessage<T>(typeName: string, bytes: Uint8Array): T {
  const type = protoRoot().lookupType(typeName);
  return type.toObject(type.decode(bytes), { longs: String, defaults: true }) as T;
}
