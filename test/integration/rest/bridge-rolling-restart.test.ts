// A rolling restart of two bridge replicas under load through the REST API, whose BRIDGE_ADDRESS
// lists both: one replica drains and comes back, then the other; no request fails, and every
// counter increment accepted is applied exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { freePort } from '../build/support/compiled-process.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

const ks = uniqueKeyspaceName('rest_rolling');
const WORKERS = 6;
const COUNTERS = 4;
const LOAD_CAP_MS = 60_000;
let a: TestBridge;
let b: TestBridge;
let api: RestApi;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drains a replica (what SIGTERM does) and starts it again on the same ports. */
async function rollingRestart(
  old: TestBridge,
): Promise<{ bridge: TestBridge; drainMs: number; notExecuted: number }> {
  const startedAt = Date.now();
  await old.bridge.close();
  const drainMs = Date.now() - startedAt;
  const metric = await old.registry.getSingleMetric('bridge_multiplexed_not_executed_total')?.get();
  old.client.close();
  const [, grpcPort] = old.address.split(':');
  const bridge = await startTestBridge({
    BRIDGE_GRPC_PORT: grpcPort!,
    BRIDGE_HTTP_PORT: new URL(old.httpUrl).port,
  });
  return { bridge, drainMs, notExecuted: metric?.values[0]?.value ?? 0 };
}

interface Load {
  ok: number;
  increments: number;
  failures: string[];
  stop(): Promise<void>;
}

/** WORKERS loops of insert, counter increment and read, until stopped (bounded by LOAD_CAP_MS). */
function startLoad(): Load {
  const load: Load = { ok: 0, increments: 0, failures: [], stop: async () => undefined };
  let stopped = false;
  let next = 0;
  const startedAt = Date.now();
  const worker = async () => {
    while (!stopped && Date.now() - startedAt < LOAD_CAP_MS) {
      const i = next++;
      const kind = i % 3;
      const res =
        kind === 0
          ? await api.post(`/v2/keyspaces/${ks}/items`, { id: i, v: `value ${i}` })
          : kind === 1
            ? await api.request('PATCH', `/v2/keyspaces/${ks}/hits/c${i % COUNTERS}`, { n: '+1' })
            : await api.get(`/v2/keyspaces/${ks}/items/${Math.max(0, i - 2)}`);
      if (res.status === (kind === 0 ? 201 : 200)) {
        load.ok++;
        if (kind === 1) load.increments++;
      } else {
        load.failures.push(
          `${kind === 0 ? 'insert' : kind === 1 ? 'increment' : 'read'}: ${res.status} ${res.text}`,
        );
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  load.stop = async () => {
    stopped = true;
    await Promise.all(workers);
  };
  return load;
}

beforeAll(async () => {
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  a = await startTestBridge({ BRIDGE_GRPC_PORT: String(ports[0]), BRIDGE_HTTP_PORT: String(ports[1]) });
  b = await startTestBridge({ BRIDGE_GRPC_PORT: String(ports[2]), BRIDGE_HTTP_PORT: String(ports[3]) });
  api = await startRestApi({ BRIDGE_ADDRESS: `${a.address},${b.address}` }, { bridge: a });
  expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  for (const table of [
    {
      name: 'items',
      columnDefinitions: [
        { name: 'id', typeDefinition: 'int' },
        { name: 'v', typeDefinition: 'text' },
      ],
      primaryKey: { partitionKey: ['id'] },
    },
    {
      name: 'hits',
      columnDefinitions: [
        { name: 'k', typeDefinition: 'text' },
        { name: 'n', typeDefinition: 'counter' },
      ],
      primaryKey: { partitionKey: ['k'] },
    },
  ]) {
    const res = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, table);
    expect(res.status, res.text).toBe(201);
  }
});

afterAll(async () => {
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.close();
  await a?.close();
  await b?.close();
});

describe('rolling restart of the bridge replicas', () => {
  it('fails no request while one replica, then the other, drains and comes back', async () => {
    const load = startLoad();
    const drains: Array<{ drainMs: number; notExecuted: number; resent: number }> = [];
    try {
      await sleep(500);
      // First the replica that holds the API's multiplexed stream, then the one it moved to.
      for (let round = 0; round < 2; round++) {
        const holder = a.bridge.streams.openStreams > 0 ? 'a' : 'b';
        const old = holder === 'a' ? a : b;
        expect(old.bridge.streams.openStreams).toBe(1);
        const resentBefore = api.running.context.bridge.resent;
        const okBefore = load.ok;
        const { bridge, drainMs, notExecuted } = await rollingRestart(old);
        if (holder === 'a') a = bridge;
        else b = bridge;
        drains.push({ drainMs, notExecuted, resent: api.running.context.bridge.resent - resentBefore });
        // The API reconnects to a replica that is back within a second (its reconnect back-off).
        await sleep(1500);
        expect(load.ok).toBeGreaterThan(okBefore);
      }
    } finally {
      await load.stop();
    }
    console.log(
      `rolling restart: ${load.ok} requests, ${load.failures.length} failed; drains: ${JSON.stringify(drains)}`,
    );
    expect(load.failures).toEqual([]);
    expect(load.ok).toBeGreaterThan(50);
    // Each drain ended as soon as the requests it had started were answered; the requests that
    // reached it meanwhile or were on their way (how many depends on timing) ran on the other.
    for (const drain of drains) expect(drain.drainMs).toBeLessThan(3000);

    const counters = await api.get(`/v2/keyspaces/${ks}/hits/rows`);
    expect(counters.status).toBe(200);
    const total = (counters.body.data as Array<{ n: string }>).reduce((sum, row) => sum + Number(row.n), 0);
    expect(total).toBe(load.increments);
  });
});
