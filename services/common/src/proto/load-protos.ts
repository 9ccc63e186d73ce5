// The gRPC services of our .proto files, loaded once per process. Message shapes are those the
// generated types assume: 64-bit integers as strings (exact bigint/counter/timestamp values),
// oneof names present, no default values filled in (so a oneof member is set only when it was sent).

import * as grpc from '@grpc/grpc-js';
import type { ProtoGrpcType as BridgeProto } from './generated/bridge.js';
import type { ProtoGrpcType as StargateProto } from './generated/stargate.js';
import { grpcServiceDefinition } from './grpc-service-definition.js';
import { protoDir, protoRoot } from './proto-root.js';

export { protoDir };

let bridge: BridgeProto | undefined;
let stargate: StargateProto | undefined;

function loadService<T>(name: string): T {
  const service = protoRoot().lookupService(name);
  return grpc.loadPackageDefinition({ [name]: grpcServiceDefinition(service) }) as unknown as T;
}

export function loadBridgeProto(): BridgeProto {
  bridge ??= loadService<BridgeProto>('stargate.StargateBridge');
  return bridge;
}

export function loadStargateProto(): StargateProto {
  stargate ??= loadService<StargateProto>('stargate.Stargate');
  return stargate;
}
