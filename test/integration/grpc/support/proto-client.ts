// A stargate.Stargate client built from this repository's proto (proto-loader), for what the
// published Node client cannot express: Duration values, exact 64-bit integers, raw bytes.
import * as grpc from '@grpc/grpc-js';
import type { Batch } from '../../../../services/common/src/proto/generated/stargate/Batch.js';
import type { Query } from '../../../../services/common/src/proto/generated/stargate/Query.js';
import type { Response__Output } from '../../../../services/common/src/proto/generated/stargate/Response.js';
import type { StargateClient } from '../../../../services/common/src/proto/generated/stargate/Stargate.js';
import { loadStargateProto } from '../../../../services/common/src/proto/load-protos.js';

export function connectProto(address: string, options: grpc.ChannelOptions = {}): StargateClient {
  const { Stargate } = loadStargateProto().stargate;
  return new Stargate(address, grpc.credentials.createInsecure(), options);
}

export function tokenMetadata(token: string): grpc.Metadata {
  const md = new grpc.Metadata();
  md.set('x-cassandra-token', token);
  return md;
}

export interface UnaryResult {
  err: grpc.ServiceError | null;
  res: Response__Output | undefined;
}

export function executeQuery(
  client: StargateClient,
  query: Query,
  metadata: grpc.Metadata,
  options: grpc.CallOptions = {},
): Promise<UnaryResult> {
  return new Promise((resolve) =>
    client.ExecuteQuery(query, metadata, options, (err, res) => resolve({ err, res })),
  );
}

export function executeBatch(
  client: StargateClient,
  batch: Batch,
  metadata: grpc.Metadata,
): Promise<UnaryResult> {
  return new Promise((resolve) => client.ExecuteBatch(batch, metadata, (err, res) => resolve({ err, res })));
}

/** The response, or the test fails with the call's status. */
export async function ok(result: Promise<UnaryResult>): Promise<Response__Output> {
  const { err, res } = await result;
  if (err) throw new Error(`call failed: ${grpc.status[err.code]} ${err.details}`);
  return res!;
}
