// The REST API and one bridge as their own processes, stopped the way an orchestrator does: the
// bridge on SIGTERM drains and exits 0 at once although the API holds a stream to it; while the
// bridge is gone (stopped or killed) the API answers 503 at once and serves again within 1 s of its
// return; the API on SIGTERM refuses new connections, finishes the requests in flight and exits 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedService, spawnService } from '../../../bench/lib/spawn-service.js';
import { loginAt, testContactPoints } from '../../support/bridge-harness.js';
import { createCassandraClient } from '../../support/cassandra-client.js';
import { connectionRefused } from '../../support/connection-refused.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { freePort } from '../build/support/compiled-process.js';

const ks = uniqueKeyspaceName('rest_process');
const SHUTDOWN_DEADLINE_MS = 10_000;
let ports: { grpc: number; http: number; rest: number };
let bridge: SpawnedService;
let rest: SpawnedService;
let token: string;
let nextId = 0;

const restUrl = () => `http://127.0.0.1:${ports.rest}`;
const bridgeHttpUrl = () => `http://127.0.0.1:${ports.http}`;

function startBridge(): Promise<SpawnedService> {
  return spawnService(
    'services/bridge/src/main.ts',
    {
      BIND_HOST: '127.0.0.1',
      BRIDGE_GRPC_PORT: String(ports.grpc),
      BRIDGE_HTTP_PORT: String(ports.http),
      CASSANDRA_CONTACT_POINTS: testContactPoints(),
      SHUTDOWN_DEADLINE_MS: String(SHUTDOWN_DEADLINE_MS),
      LOG_LEVEL: 'error',
    },
    `${bridgeHttpUrl()}/health/ready`,
    60_000,
  );
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${restUrl()}${path}`, {
    method,
    headers: { 'x-cassandra-token': token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const insert = () => call('POST', `/v2/keyspaces/${ks}/items`, { id: nextId++, v: 'x' });
const read = () => call('GET', `/v2/keyspaces/${ks}/items/0`);

function exited(service: SpawnedService): Promise<{ code: number | null; afterMs: number }> {
  const from = Date.now();
  return new Promise((resolve) =>
    service.child.once('exit', (code) => resolve({ code, afterMs: Date.now() - from })),
  );
}

/** Requests fail at once (503 with the error body) while no bridge is up; the slowest's ms. */
async function expectFastUnavailable(): Promise<number> {
  let slowestMs = 0;
  for (const request of [insert, read, insert]) {
    const startedAt = Date.now();
    const res = await request();
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 503 });
    slowestMs = Math.max(slowestMs, Date.now() - startedAt);
  }
  expect(slowestMs).toBeLessThan(500);
  return slowestMs;
}

/**
 * Starts the bridge again; the API serves within 1 s of the bridge being ready. Returns the ms from
 * its readiness, and from its gRPC port accepting connections (before Cassandra is connected).
 */
async function expectServedWithinASecondOfReturn(): Promise<{ fromReadyMs: number; fromPortMs: number }> {
  let portOpenAt = 0;
  let watching = true;
  const watchPort = (async () => {
    while (watching && portOpenAt === 0) {
      if (!(await connectionRefused(ports.grpc))) portOpenAt = Date.now();
      else await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    bridge = await startBridge();
  } finally {
    watching = false;
    await watchPort;
  }
  const readyAt = Date.now();
  while ((await read()).status !== 200) {
    expect(Date.now() - readyAt).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
  }
  const servedAt = Date.now();
  expect(servedAt - readyAt).toBeLessThan(1000);
  expect((await insert()).status).toBe(201);
  return { fromReadyMs: servedAt - readyAt, fromPortMs: servedAt - portOpenAt };
}

beforeAll(async () => {
  ports = { grpc: await freePort(), http: await freePort(), rest: await freePort() };
  bridge = await startBridge();
  rest = await spawnService(
    'services/rest/src/main.ts',
    {
      BIND_HOST: '127.0.0.1',
      REST_PORT: String(ports.rest),
      BRIDGE_ADDRESS: `127.0.0.1:${ports.grpc}`,
      SHUTDOWN_DEADLINE_MS: String(SHUTDOWN_DEADLINE_MS),
      // The 503s this test provokes are logged at error level.
      LOG_LEVEL: 'fatal',
    },
    `${restUrl()}/health/ready`,
    60_000,
  );
  token = await loginAt(bridgeHttpUrl(), 'cassandra', 'cassandra');
  expect((await call('POST', '/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  const table = await call('POST', `/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'items',
    columnDefinitions: [
      { name: 'id', typeDefinition: 'int' },
      { name: 'v', typeDefinition: 'text' },
    ],
    primaryKey: { partitionKey: ['id'] },
  });
  expect(table.status).toBe(201);
  expect((await insert()).status).toBe(201);
}, 180_000);

afterAll(async () => {
  bridge?.child.kill('SIGCONT');
  await rest?.stop();
  await bridge?.stop();
  const cassandra = createCassandraClient();
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${ks}`).finally(() => cassandra.shutdown());
});

describe('bridge and REST API processes', () => {
  it('a bridge stopped with SIGTERM exits 0 at once although the API holds a stream to it', async () => {
    expect((await read()).status).toBe(200);
    const exit = exited(bridge);
    bridge.child.kill('SIGTERM');
    const { code, afterMs } = await exit;
    expect(code).toBe(0);
    // Its stream to the API was idle: nothing to wait for (before the drain, it waited the deadline).
    expect(afterMs).toBeLessThan(3000);
    const unavailableMs = await expectFastUnavailable();
    const served = await expectServedWithinASecondOfReturn();
    console.log(
      `bridge SIGTERM: exit 0 after ${afterMs} ms; 503 within ${unavailableMs} ms; served again ${served.fromReadyMs} ms after it was ready (${served.fromPortMs} ms after its port opened)`,
    );
  }, 120_000);

  it('a bridge killed while the API is idle: 503 at once, served again within 1 s of its return', async () => {
    expect((await read()).status).toBe(200);
    const exit = exited(bridge);
    bridge.child.kill('SIGKILL');
    await exit;
    await new Promise((r) => setTimeout(r, 200));
    const unavailableMs = await expectFastUnavailable();
    const served = await expectServedWithinASecondOfReturn();
    console.log(
      `bridge SIGKILL: 503 within ${unavailableMs} ms; served again ${served.fromReadyMs} ms after it was ready (${served.fromPortMs} ms after its port opened)`,
    );
  }, 120_000);

  it('an API stopped with SIGTERM refuses new connections, finishes the requests in flight and exits 0', async () => {
    // A stopped (not dead) bridge holds the requests in flight inside the API.
    bridge.child.kill('SIGSTOP');
    let settled = 0;
    const inFlight = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? insert() : read())).map((p) =>
      p.finally(() => settled++),
    );
    await new Promise((r) => setTimeout(r, 300));
    const exit = exited(rest);
    rest.child.kill('SIGTERM');
    const refusedFrom = Date.now();
    while (!(await connectionRefused(ports.rest))) {
      expect(Date.now() - refusedFrom).toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(settled).toBe(0);
    bridge.child.kill('SIGCONT');
    const results = await Promise.all(inFlight);
    expect(results.map((r) => r.status)).toEqual([201, 200, 201, 200, 201, 200, 201, 200, 201, 200]);
    const { code, afterMs } = await exit;
    expect(code).toBe(0);
    expect(afterMs).toBeLessThan(SHUTDOWN_DEADLINE_MS);
    console.log(`REST SIGTERM: 10 requests in flight answered; exit 0 after ${afterMs} ms`);
  }, 120_000);
});
