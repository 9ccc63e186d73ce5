// Loads the .proto files once per process with the options the generated types assume:
// 64-bit integers as strings (exact bigint/counter/timestamp values), oneof names present,
// no default values filled in (so a oneof member is set only when it was sent).

import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as BridgeProto } from './generated/bridge.js';
import type { ProtoGrpcType as StargateProto } from './generated/stargate.js';

export const protoDir = fileURLToPath(new URL('../../../../proto/', import.meta.url));

export const protoLoadOptions: protoLoader.Options = {
  keepCase: false,
  longs: String,
  defaults: false,
  oneofs: true,
  includeDirs: [protoDir],
};

let bridge: BridgeProto | undefined;
let stargate: StargateProto | undefined;

export function loadBridgeProto(): BridgeProto {
  bridge ??= grpc.loadPackageDefinition(
    protoLoader.loadSync('bridge.proto', protoLoadOptions),
  ) as unknown as BridgeProto;
  return bridge;
}

export function loadStargateProto(): StargateProto {
  stargate ??= grpc.loadPackageDefinition(
    protoLoader.loadSync('stargate.proto', protoLoadOptions),
  ) as unknown as StargateProto;
  return stargate;
}

export function loadPackageDefinition(
  file: 'bridge.proto' | 'stargate.proto',
): protoLoader.PackageDefinition {
  return protoLoader.loadSync(file, protoLoadOptions);
}
