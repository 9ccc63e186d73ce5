// A generated stargate.Stargate client of the gRPC API process started by useServiceProcesses,
// connected before the file's tests and closed after them.
import { afterAll, beforeAll } from 'vitest';
import type { StargateClient } from '../../services/common/src/proto/generated/stargate/Stargate.js';
import { connectProto } from '../integration/grpc/support/proto-client.js';
import type { ProcessPair } from './service-processes.js';

export function useGrpcApiClient(processes: ProcessPair): { client: StargateClient } {
  const holder = {} as { client: StargateClient };
  beforeAll(() => {
    holder.client = connectProto(`127.0.0.1:${processes.api.port}`);
  });
  afterAll(() => holder.client?.close());
  return holder;
}
