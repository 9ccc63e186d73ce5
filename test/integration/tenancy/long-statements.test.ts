// Long CQL statements from a tenant (BRIDGE_TENANT_KEYSPACES=true, the gRPC API with a fixed
// tenant), with the bridge as it ships (its own process, the production heap cap of 160 MiB). The
// bridge keeps each statement's rewrite for the tenant's keyspaces in a cache that counted entries,
// not characters: 40 distinct statements of ~4 MB (the gRPC API's largest message; a long comment
// stands for a long literal or an inline vector) killed it with "JavaScript heap out of memory".
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { expectBridgeStillAnswers, useGrpcApiClient } from '../../support/grpc-api-client.js';
import { useServiceProcesses } from '../../support/service-processes.js';
import { executeQuery, tokenMetadata } from '../grpc/support/proto-client.js';

const tenant = `hc${randomBytes(4).toString('hex')}`;
const processes = useServiceProcesses('grpc', {
  bridge: { BRIDGE_TENANT_KEYSPACES: 'true' },
  api: { TENANT_SOURCE: 'fixed', TENANT_FIXED_ID: tenant },
});
const grpcApi = useGrpcApiClient(processes);

it('40 distinct ~4 MB statements of a tenant are answered; the bridge stays up', async () => {
  // Just under the gRPC API's 4 MiB message limit (GRPC_MAX_MESSAGE_BYTES).
  const padding = 'x'.repeat(4_100_000);
  const metadata = tokenMetadata(processes.bridge.token);
  for (let i = 0; i < 40; i++) {
    const { err, res } = await executeQuery(
      grpcApi.client,
      { cql: `SELECT release_version FROM system.local WHERE key = 'local' /* ${i} ${padding} */` },
      metadata,
    );
    expect(err, `statement ${i}`).toBeNull();
    expect(res?.resultSet?.rows).toHaveLength(1);
  }
  await expectBridgeStillAnswers(processes, grpcApi.client);
}, 120_000);
