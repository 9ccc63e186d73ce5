// A plain @grpc/grpc-js client of the public stargate.Stargate API (proto/stargate.proto), as an
// application would use it: one channel, unary ExecuteQuery, the token in x-cassandra-token.
import * as grpc from '@grpc/grpc-js';
import type { Query } from '../../services/common/src/proto/generated/stargate/Query.js';
import type { Response__Output } from '../../services/common/src/proto/generated/stargate/Response.js';
import type { StargateClient } from '../../services/common/src/proto/generated/stargate/Stargate.js';
import { loadStargateProto } from '../../services/common/src/proto/load-protos.js';

export class StargateGrpc {
  private readonly client: StargateClient;
  private readonly metadata = new grpc.Metadata();

  constructor(address: string, token: string) {
    const { Stargate } = loadStargateProto().stargate;
    this.client = new Stargate(address, grpc.credentials.createInsecure());
    this.metadata.set('x-cassandra-token', token);
  }

  execute(query: Query, deadlineMs = 10_000): Promise<Response__Output> {
    return new Promise((resolve, reject) => {
      this.client.ExecuteQuery(query, this.metadata, { deadline: Date.now() + deadlineMs }, (err, res) =>
        err || !res ? reject(err ?? new Error('no response')) : resolve(res),
      );
    });
  }

  close(): void {
    this.client.close();
  }
}
