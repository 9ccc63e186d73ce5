// A generated stargate.Stargate client of the gRPC API process started by useServiceProcesses,
// connected before the file's tests and closed after them.
import { afterAll, beforeAll, expect } from 'vitest';
import type { StargateClient } from '../../services/common/src/proto/generated/stargate/Stargate.js';
import { connectProto, executeQuery, tokenMetadata } from '../integration/grpc/support/proto-client.js';
import { isRunning, type ProcessPair } from './service-processes.js';

export function useGrpcApiClient(processes: ProcessPair): { client: StargateClient } {
  const holder = {} as { client: StargateClient };
  beforeAll(() => {
    holder.client = connectProto(`127.0.0.1:${processes.api.port}`);
  });
  afterAll(() => holder.client?.close());
  return holder;
}

/** After a flood: the bridge process is still running and answers a query through the API. */
export async function expectBridgeStillAnswers(
  processes: ProcessPair,
  client: StargateClient,
): Promise<void> {
  expect(isRunning(processes.bridge.service)).toBe(true);
  const { err } = await executeQuery(
    client,
    { cql: 'SELECT key FROM system.local' },
    tokenMetadata(processes.bridge.token),
  );
  expect(err).toBeNull();
}
