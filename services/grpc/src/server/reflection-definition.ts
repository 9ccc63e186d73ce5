// proto-loader's full package definition of stargate.proto (with its file descriptors): what gRPC
// reflection serves. Only the gRPC API loads proto-loader; the services' own message handling uses
// the protobufjs Root (services/common/src/proto). Each file declares the files it imports, so
// clients like grpcurl can resolve every type (see reflection-dependencies.ts).
import * as protoLoader from '@grpc/proto-loader';
import { decodeOptions } from '../../../common/src/proto/grpc-service-definition.js';
import { protoDir } from '../../../common/src/proto/proto-root.js';
import { withDeclaredDependencies } from './reflection-dependencies.js';

export function stargateReflectionDefinition(): protoLoader.PackageDefinition {
  return withDeclaredDependencies(
    protoLoader.loadSync('stargate.proto', {
      ...decodeOptions,
      keepCase: false,
      includeDirs: [protoDir],
    }),
  );
}
