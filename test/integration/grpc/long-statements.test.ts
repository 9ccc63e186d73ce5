// Long CQL statements through the gRPC API, with the bridge as it ships (its own process, the
// production heap cap of 160 MiB and young generation). 146 distinct statements of ~900 KB (a long
// comment stands for a long literal or an inline vector) once killed the bridge — and with it every
// API — with "JavaScript heap out of memory": the statement-classification cache and the driver's
// prepared-statement cache count entries, not bytes, and each kept its statement's text.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SpawnedService, spawnService } from '../../../bench/lib/spawn-service.js';
import type { StargateClient } from '../../../services/common/src/proto/generated/stargate/Stargate.js';
import { productionNodeArgs, productionNodeOptions } from '../../../tools/build/node-options.js';
import { loginAt, testContactPoints } from '../../support/bridge-harness.js';
import { freePort } from '../build/support/compiled-process.js';
import { connectProto, executeQuery, tokenMetadata } from './support/proto-client.js';

let bridge: SpawnedService;
let api: SpawnedService;
let client: StargateClient;
let token: string;

beforeAll(async () => {
  const ports = {
    grpc: await freePort(),
    http: await freePort(),
    api: await freePort(),
    admin: await freePort(),
  };
  bridge = await spawnService(
    'services/bridge/src/main.ts',
    {
      BIND_HOST: '127.0.0.1',
      BRIDGE_GRPC_PORT: String(ports.grpc),
      BRIDGE_HTTP_PORT: String(ports.http),
      CASSANDRA_CONTACT_POINTS: testContactPoints(),
      NODE_OPTIONS: productionNodeOptions('bridge'),
      LOG_LEVEL: 'error',
    },
    `http://127.0.0.1:${ports.http}/health/ready`,
    60_000,
    { nodeArgs: [...productionNodeArgs('bridge')] },
  );
  token = await loginAt(`http://127.0.0.1:${ports.http}`, 'cassandra', 'cassandra');
  api = await spawnService(
    'services/grpc/src/main.ts',
    {
      BIND_HOST: '127.0.0.1',
      BRIDGE_ADDRESS: `127.0.0.1:${ports.grpc}`,
      GRPC_PORT: String(ports.api),
      GRPC_ADMIN_PORT: String(ports.admin),
      LOG_LEVEL: 'error',
    },
    `http://127.0.0.1:${ports.admin}/health/ready`,
    60_000,
  );
  client = connectProto(`127.0.0.1:${ports.api}`);
}, 180_000);

afterAll(async () => {
  client?.close();
  await api?.stop();
  await bridge?.stop();
});

it('400 distinct ~900 KB statements, half of them prepared (a bind value), are answered; the bridge stays up', async () => {
  const padding = 'x'.repeat(900_000);
  const metadata = tokenMetadata(token);
  for (let i = 0; i < 400; i++) {
    const prepared = i % 2 === 1;
    const { err, res } = await executeQuery(
      client,
      {
        cql: `SELECT release_version FROM system.local WHERE key = ${prepared ? '?' : "'local'"} /* ${i} ${padding} */`,
        ...(prepared ? { values: { values: [{ string: 'local' }] } } : {}),
      },
      metadata,
    );
    expect(err, `statement ${i}`).toBeNull();
    expect(res?.resultSet?.rows).toHaveLength(1);
  }
  expect(bridge.child.exitCode).toBeNull();
  expect(bridge.child.signalCode).toBeNull();
  const { err } = await executeQuery(client, { cql: 'SELECT key FROM system.local' }, metadata);
  expect(err).toBeNull();
}, 240_000);
