// Long CQL statements through the gRPC API, with the bridge as it ships (its own process, the
// production heap cap of 160 MiB and young generation). 146 distinct statements of ~900 KB (a long
// comment stands for a long literal or an inline vector) once killed the bridge — and with it every
// API — with "JavaScript heap out of memory": the statement-classification cache and the driver's
// prepared-statement cache count entries, not bytes, and each kept its statement's text.
import { expect, it } from 'vitest';
import { expectBridgeStillAnswers, useGrpcApiClient } from '../../support/grpc-api-client.js';
import { useServiceProcesses } from '../../support/service-processes.js';
import { executeQuery, tokenMetadata } from './support/proto-client.js';

const processes = useServiceProcesses('grpc');
const grpcApi = useGrpcApiClient(processes);

it('400 distinct ~900 KB statements, half of them prepared (a bind value), are answered; the bridge stays up', async () => {
  const padding = 'x'.repeat(900_000);
  const metadata = tokenMetadata(processes.bridge.token);
  for (let i = 0; i < 400; i++) {
    const prepared = i % 2 === 1;
    const { err, res } = await executeQuery(
      grpcApi.client,
      {
        cql: `SELECT release_version FROM system.local WHERE key = ${prepared ? '?' : "'local'"} /* ${i} ${padding} */`,
        ...(prepared ? { values: { values: [{ string: 'local' }] } } : {}),
      },
      metadata,
    );
    expect(err, `statement ${i}`).toBeNull();
    expect(res?.resultSet?.rows).toHaveLength(1);
  }
  await expectBridgeStillAnswers(processes, grpcApi.client);
}, 240_000);
