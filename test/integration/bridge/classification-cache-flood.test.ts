// Many-token statements against the bridge as it ships (its own process, the production heap cap of
// 160 MiB), through the gRPC API. The bridge keeps each statement's classification (kind and
// tokens, for authorization) per statement text of up to 4 KB, and counted entries only: a 4 KB
// statement of short tokens (`k IN (1,1,…)`) kept ~2,000 token objects, ~185 KB, so 5,000 entries
// could hold ~900 MB. Ten batches of 100 such statements (each refused: the keyspace does not
// exist) killed the bridge.
import { expect, it } from 'vitest';
import { expectBridgeStillAnswers, useGrpcApiClient } from '../../support/grpc-api-client.js';
import { useServiceProcesses } from '../../support/service-processes.js';
import { executeBatch, tokenMetadata } from '../grpc/support/proto-client.js';

const processes = useServiceProcesses('grpc');
const grpcApi = useGrpcApiClient(processes);

it('twenty batches of 100 distinct 4 KB statements of ~2,000 tokens each: refused, and the bridge stays up', async () => {
  // 1,990 ones: each statement ~4,040 characters, just under the 4 KB the bridge's caches keep.
  const list = Array.from({ length: 1_990 }, () => '1').join(',');
  const metadata = tokenMetadata(processes.bridge.token);
  for (let b = 0; b < 20; b++) {
    // Distinct texts (the comment).
    const queries = Array.from({ length: 100 }, (_, i) => ({
      cql: `UPDATE hk_nosuch.t SET v = 1 WHERE k IN (${list}) /* ${b}.${i} */`,
    }));
    expect(queries[99]!.cql.length).toBeLessThanOrEqual(4_096);
    const { err } = await executeBatch(grpcApi.client, { queries }, metadata);
    // The keyspace does not exist: refused by Cassandra or the bridge's authorization, not a crash.
    expect(err?.code, `batch ${b}: ${err?.message}`).toBe(3);
  }
  await expectBridgeStillAnswers(processes, grpcApi.client);
}, 120_000);
