// Two bridge replicas and one API-side client that lists both (BRIDGE_ADDRESS): a replica that
// drains finishes what it started, answers later requests NotExecuted so they run on the other
// replica (exactly once, even a counter increment), says "draining" on readiness, and stops at once
// when nothing is in flight; with no replica reachable a request fails at once.
import { status } from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import { BridgeClient } from '../../../services/common/src/bridge/bridge-client.js';
import { createLogger } from '../../../services/common/src/logging/logger.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { freePort } from '../build/support/compiled-process.js';

const ks = uniqueKeyspaceName('bridge_drain');
const ROWS = 3000;
let a: TestBridge;
let b: TestBridge;
const logger = createLogger('rest', 'silent');

/** A client as an API process has one: its address lists both replicas. */
function clientOfBoth(addresses = `${a.address},${b.address}`): BridgeClient {
  return new BridgeClient({
    address: addresses,
    sourceApi: 'rest',
    deadlineMs: 30_000,
    keepaliveMs: 60_000,
    logger,
  });
}

/** The replica a test drained: restarted after the test however it ended, so the next test again has two. */
let drained: TestBridge | undefined;
afterEach(async () => {
  if (drained === a) a = await restart(a);
  else if (drained === b) b = await restart(b);
  drained = undefined;
});

/** Restarts a drained replica on its ports. */
async function restart(old: TestBridge): Promise<TestBridge> {
  const [, grpcPort] = old.address.split(':');
  const httpPort = new URL(old.httpUrl).port;
  old.client.close();
  return startTestBridge({ BRIDGE_GRPC_PORT: grpcPort!, BRIDGE_HTTP_PORT: httpPort });
}

/** Queries a replica ran on multiplexed streams, from its metrics. */
async function queriesRun(bridge: TestBridge): Promise<number> {
  const metric = await bridge.registry.getSingleMetric('bridge_rpc_duration_seconds')?.get();
  // Histogram values carry their series name (…_count) at run time; prom-client's type omits it.
  return ((metric?.values ?? []) as Array<{ metricName?: string; labels: { rpc?: string }; value: number }>)
    .filter(
      (v) => v.metricName === 'bridge_rpc_duration_seconds_count' && v.labels.rpc === 'multiplexed.query',
    )
    .reduce((sum, v) => sum + v.value, 0);
}

/** [the replica that holds the client's stream, the other one], found by who ran its request. */
async function replicaOf(client: BridgeClient, token: string): Promise<[TestBridge, TestBridge]> {
  const before = await queriesRun(a);
  await client.executeQuery({ cql: `SELECT k FROM ${ks}.kv WHERE k = 1` }, { token });
  return (await queriesRun(a)) > before ? [a, b] : [b, a];
}

async function notExecutedCount(bridge: TestBridge): Promise<number> {
  const metric = await bridge.registry.getSingleMetric('bridge_multiplexed_not_executed_total')?.get();
  return metric?.values[0]?.value ?? 0;
}

async function hits(client: BridgeClient, key: string): Promise<string | undefined> {
  const res = await client.executeQuery(
    { cql: `SELECT n FROM ${ks}.hits WHERE k = ?`, values: { values: [{ string: key }] } },
    { token: a.token },
  );
  return res.resultSet?.rows?.[0]?.values?.[0]?.int;
}

const increment = (client: BridgeClient, key: string) =>
  client.executeQuery(
    { cql: `UPDATE ${ks}.hits SET n = n + 1 WHERE k = ?`, values: { values: [{ string: key }] } },
    { token: a.token },
  );

beforeAll(async () => {
  const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
  a = await startTestBridge({ BRIDGE_GRPC_PORT: String(ports[0]), BRIDGE_HTTP_PORT: String(ports[1]) });
  b = await startTestBridge({ BRIDGE_GRPC_PORT: String(ports[2]), BRIDGE_HTTP_PORT: String(ports[3]) });
  await a.createKeyspace(ks);
  await a.su(`CREATE TABLE ${ks}.kv (k int PRIMARY KEY, v text)`);
  await a.su(`CREATE TABLE ${ks}.hits (k text PRIMARY KEY, n counter)`);
  // Enough data that reading it all keeps a request in flight while the bridge begins to drain.
  const text = 'x'.repeat(1000);
  for (let i = 0; i < ROWS; i += 200) {
    const writes = [];
    for (let k = i; k < i + 200; k++) {
      writes.push(
        a.client.executeQuery(
          {
            cql: `INSERT INTO ${ks}.kv (k, v) VALUES (?, ?)`,
            values: { values: [{ int: k }, { string: text }] },
          },
          { token: a.token },
        ),
      );
    }
    await Promise.all(writes);
  }
});

afterAll(async () => {
  await a?.dropKeyspace(ks);
  await a?.close();
  await b?.close();
});

describe('bridge drain', () => {
  it('finishes the requests in flight and sends one that arrives during the drain to the other replica', async () => {
    const client = clientOfBoth();
    try {
      const [draining] = await replicaOf(client, a.token);
      drained = draining;
      // Four full reads keep the replica busy long enough for the probe to arrive meanwhile.
      const big = Array.from({ length: 4 }, () =>
        client.executeQuery(
          { cql: `SELECT * FROM ${ks}.kv`, parameters: { pageSize: { value: ROWS } } },
          { token: a.token },
        ),
      );
      // The drain begins while they run in Cassandra.
      await expect
        .poll(() => draining.bridge.session.state().reduce((n, h) => n + h.inFlightQueries, 0), {
          interval: 1,
          timeout: 5000,
        })
        .toBeGreaterThan(0);
      const startedAt = Date.now();
      const closing = draining.bridge.close();
      const probe = increment(client, 'probe');

      const ready = await fetch(`${draining.httpUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'NOT READY', detail: 'draining' });

      await expect(probe).resolves.toBeDefined();
      for (const read of await Promise.all(big)) expect(read.resultSet?.rows?.length).toBe(ROWS);
      await closing;
      // It stopped as soon as its stream was idle, not at the end of the grace period (9 s); the
      // margin is for a busy machine (3.3 s seen at load average 30).
      expect(Date.now() - startedAt).toBeLessThan(6000);
      // The probe was answered NotExecuted and sent again.
      expect({ notExecuted: await notExecutedCount(draining), resent: client.resent }).toEqual({
        notExecuted: 1,
        resent: 1,
      });
      expect(await hits(client, 'probe')).toBe('1');

      // The client goes on with the other replica; the drained one is restarted for the next test.
      await increment(client, 'probe');
      expect(await hits(client, 'probe')).toBe('2');
    } finally {
      client.close();
    }
  });

  it('ends an idle stream at once, and the next request goes to the other replica', async () => {
    const client = clientOfBoth();
    try {
      const [draining] = await replicaOf(client, a.token);
      drained = draining;
      const startedAt = Date.now();
      await draining.bridge.close();
      expect(Date.now() - startedAt).toBeLessThan(1000);
      await increment(client, 'idle');
      expect(await hits(client, 'idle')).toBe('1');
      expect(await notExecutedCount(draining)).toBe(0);
    } finally {
      client.close();
    }
  });

  it('sends a request again when the bridge ended the stream before reading it', async () => {
    const client = clientOfBoth();
    try {
      const [draining] = await replicaOf(client, a.token);
      drained = draining;
      const resentBefore = client.resent;
      // The request leaves on the next turn; the idle stream ends now, before it arrives.
      const request = increment(client, 'unread');
      const closing = draining.bridge.close();
      await expect(request).resolves.toBeDefined();
      await closing;
      expect(client.resent - resentBefore).toBe(1);
      expect(await notExecutedCount(draining)).toBe(0);
      expect(await hits(client, 'unread')).toBe('1');
    } finally {
      client.close();
    }
  });

  it('fails at once with UNAVAILABLE when no replica is reachable, even an idempotent request', async () => {
    const nothing = `127.0.0.1:${await freePort()},127.0.0.1:${await freePort()}`;
    const client = clientOfBoth(nothing);
    try {
      const tookMs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const startedAt = Date.now();
        const err = (await client
          .describeKeyspace({ keyspaceName: ks }, { token: a.token })
          .catch((e: unknown) => e)) as BridgeCallError;
        expect(err.code).toBe(status.UNAVAILABLE);
        tookMs.push(Date.now() - startedAt);
      }
      // Its two retries alone would wait 300 ms (the fastest of three, for a busy machine).
      expect(Math.min(...tookMs)).toBeLessThan(300);
    } finally {
      client.close();
    }
  });
});
