// A flood of unauthenticated requests with long random tokens against the REST API as it ships (its
// own process, the production heap cap of 160 MiB, refusals remembered as deployed). Before the
// caches were keyed by tokenKey (services/common/src/auth/token-key.ts), 8,500 such requests with
// 15 KB tokens kept every token in memory and the process died of heap exhaustion in 9 s.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SpawnedService, spawnService } from '../../../bench/lib/spawn-service.js';
import { productionNodeOptions } from '../../../tools/build/node-options.js';
import { loginAt, testContactPoints } from '../../support/bridge-harness.js';
import { freePort } from '../build/support/compiled-process.js';

let bridge: SpawnedService;
let rest: SpawnedService;
let restUrl: string;
let token: string;

beforeAll(async () => {
  const ports = { grpc: await freePort(), http: await freePort(), rest: await freePort() };
  bridge = await spawnService(
    'services/bridge/src/main.ts',
    {
      BIND_HOST: '127.0.0.1',
      BRIDGE_GRPC_PORT: String(ports.grpc),
      BRIDGE_HTTP_PORT: String(ports.http),
      CASSANDRA_CONTACT_POINTS: testContactPoints(),
      LOG_LEVEL: 'error',
    },
    `http://127.0.0.1:${ports.http}/health/ready`,
    60_000,
  );
  token = await loginAt(`http://127.0.0.1:${ports.http}`, 'cassandra', 'cassandra');
  rest = await spawnService(
    'services/rest/src/main.ts',
    {
      BIND_HOST: '127.0.0.1',
      BRIDGE_ADDRESS: `127.0.0.1:${ports.grpc}`,
      REST_PORT: String(ports.rest),
      NODE_OPTIONS: productionNodeOptions('rest'),
      LOG_LEVEL: 'error',
    },
    `http://127.0.0.1:${ports.rest}/health/ready`,
    60_000,
  );
  restUrl = `http://127.0.0.1:${ports.rest}/v2/keyspaces/system/local/local`;
}, 180_000);

afterAll(async () => {
  await rest?.stop();
  await bridge?.stop();
});

it('12,000 requests with distinct 15 KB tokens are all refused with 401, and the API keeps serving', async () => {
  const padding = 'x'.repeat(15_000);
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < 12_000) {
      next++;
      const res = await fetch(restUrl, {
        headers: { 'x-cassandra-token': `${randomBytes(8).toString('hex')}${padding}` },
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  expect(Object.fromEntries(statuses)).toEqual({ 401: 12_000 });
  expect(rest.child.exitCode).toBeNull();
  expect(rest.child.signalCode).toBeNull();
  const ok = await fetch(restUrl, { headers: { 'x-cassandra-token': token } });
  expect(ok.status).toBe(200);
}, 180_000);
