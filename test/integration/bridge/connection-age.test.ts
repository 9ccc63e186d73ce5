// BRIDGE_MAX_CONNECTION_AGE_MS: scaling the bridge out spreads the load of API processes that are
// already running. One API-side client (as one API process has) lists two bridge replicas, the
// second of which starts only while the client is under load, as a replica added by the HPA would:
// within the configured age its requests reach both replicas, and none fails. The bridge sends
// GOAWAY to connections older than the age, and ends each multiplexed stream at its own age, so
// the client's hot path moves to the replica its round robin picks next without a failed request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeClient } from '../../../services/common/src/bridge/bridge-client.js';
import { createLogger } from '../../../services/common/src/logging/logger.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { watchConnectivity } from '../../support/connectivity-log.js';
import { freePort } from '../build/support/compiled-process.js';

const AGE_MS = 2000;
// Half of it (1 s) is the age of a multiplexed stream (multiplexedStreamMaxAgeMs).
const GRACE_MS = 2000;
const AGE_ENV = {
  BRIDGE_MAX_CONNECTION_AGE_MS: String(AGE_MS),
  BRIDGE_MAX_CONNECTION_AGE_GRACE_MS: String(GRACE_MS),
};
const logger = createLogger('rest', 'silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let a: TestBridge;
let b: TestBridge | undefined;

/** Queries a replica ran on multiplexed streams, from its metrics. */
async function queriesRun(bridge: TestBridge | undefined): Promise<number> {
  const metric = await bridge?.registry.getSingleMetric('bridge_rpc_duration_seconds')?.get();
  // Histogram values carry their series name (…_count) at run time; prom-client's type omits it.
  return ((metric?.values ?? []) as Array<{ metricName?: string; labels: { rpc?: string }; value: number }>)
    .filter(
      (v) => v.metricName === 'bridge_rpc_duration_seconds_count' && v.labels.rpc === 'multiplexed.query',
    )
    .reduce((sum, v) => sum + v.value, 0);
}

async function counter(bridge: TestBridge, name: string): Promise<number> {
  return (await bridge.registry.getSingleMetric(name)?.get())?.values[0]?.value ?? 0;
}

/** Eight callers, one request after the other, until stopped; failures are kept with their message. */
function load(client: BridgeClient, token: string) {
  let running = true;
  let sent = 0;
  const failures: string[] = [];
  const workers = Array.from({ length: 8 }, async () => {
    while (running) {
      sent++;
      await client
        .executeQuery({ cql: 'SELECT release_version FROM system.local' }, { token })
        .catch((err: Error) => failures.push(err.message));
    }
  });
  return {
    failures,
    sent: () => sent,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

beforeAll(async () => {
  a = await startTestBridge(AGE_ENV);
});

afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('bridge connection age', () => {
  it('spreads the requests of one running API-side client over a replica added later, without a failed request', async () => {
    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    const client = new BridgeClient({
      address: `${a.address},127.0.0.1:${grpcPort}`,
      sourceApi: 'rest',
      deadlineMs: 30_000,
      keepaliveMs: 60_000,
      logger,
    });
    const running = load(client, a.token);
    try {
      // Only the first replica exists: it serves everything.
      await sleep(1000);
      expect(await queriesRun(a)).toBeGreaterThan(0);

      b = await startTestBridge({
        ...AGE_ENV,
        BRIDGE_GRPC_PORT: String(grpcPort),
        BRIDGE_HTTP_PORT: String(httpPort),
      });
      const startedAt = Date.now();
      const before = { a: await queriesRun(a), b: await queriesRun(b) };
      let reachedAfterMs: number | undefined;
      // Three ages under load, sampled every 100 ms.
      while (Date.now() - startedAt < 3 * AGE_MS) {
        if (reachedAfterMs === undefined && (await queriesRun(b)) > before.b)
          reachedAfterMs = Date.now() - startedAt;
        await sleep(100);
      }
      await running.stop();
      const spread = { a: (await queriesRun(a)) - before.a, b: (await queriesRun(b)) - before.b };
      const figures = {
        spread,
        reachedAfterMs,
        sent: running.sent(),
        resent: client.resent,
        notExecuted:
          (await counter(a, 'bridge_multiplexed_not_executed_total')) +
          (await counter(b, 'bridge_multiplexed_not_executed_total')),
        streamsAged:
          (await counter(a, 'bridge_multiplexed_streams_aged_total')) +
          (await counter(b, 'bridge_multiplexed_streams_aged_total')),
      };
      expect(running.failures, JSON.stringify(figures)).toEqual([]);
      // The new replica gets requests within the age (plus the client's reconnection back-off, at
      // most 0.6 s, since it found nothing on that port before), and over three ages both get a fair share.
      expect(reachedAfterMs, JSON.stringify(figures)).toBeLessThan(AGE_MS + 600);
      const share = spread.b / (spread.a + spread.b);
      expect(share, JSON.stringify(figures)).toBeGreaterThan(0.2);
      expect(share, JSON.stringify(figures)).toBeLessThan(0.8);
      // The moves came from streams ending by age; the requests they had not started were sent again.
      expect(figures.streamsAged).toBeGreaterThanOrEqual(2);
    } finally {
      await running.stop();
      client.close();
    }
  });

  it('sends GOAWAY to a connection older than BRIDGE_MAX_CONNECTION_AGE_MS; calls on it and after it succeed', async () => {
    const client = new BridgeClient({
      address: a.address,
      sourceApi: 'rest',
      deadlineMs: 30_000,
      keepaliveMs: 60_000,
      logger,
    });
    const log = watchConnectivity(client.grpcClient.getChannel());
    const running = load(client, a.token);
    const unaryFailures: string[] = [];
    try {
      const until = Date.now() + AGE_MS * 2.5;
      // Unary calls too (the APIs' readiness probe): they move to the new connection as well.
      while (Date.now() < until) {
        await client.getSupportedFeatures().catch((err: Error) => unaryFailures.push(err.message));
        await sleep(50);
      }
      await running.stop();
      expect([...running.failures, ...unaryFailures]).toEqual([]);
      expect(running.sent()).toBeGreaterThan(100);
      // Each GOAWAY takes the only connection out of READY; the channel connects again at once.
      expect(log.readyLeft(), log.states.join(' → ')).toBeGreaterThanOrEqual(1);
      expect(log.states.at(-1)).toBe('READY');
    } finally {
      log.stop();
      await running.stop();
      client.close();
    }
  });
});
