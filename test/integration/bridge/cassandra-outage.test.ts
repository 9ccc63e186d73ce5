// A dedicated Cassandra node is stopped under a running bridge: requests fail fast with
// UNAVAILABLE (no hang), readiness reports it, and the bridge serves again once Cassandra is back.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import {
  type ClusterOptions,
  DEFAULT_CASSANDRA_VERSION,
  defaultDataDir,
  startCluster,
  startNode,
  stopCluster,
  stopNode,
} from '../../../tools/cassandra-local/index.js';
import { classpathCacheFile } from '../../../tools/cassandra-local/resolve-classpath.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';

const root = mkdtempSync(join(tmpdir(), 'bridge-outage-it-'));
const cluster: ClusterOptions = {
  dataDir: join(root, 'cluster'),
  baseAddress: '127.0.0.30',
  heapMb: 512,
  log: () => undefined,
};
const ks = 'it_outage';
let t: TestBridge;

async function readReady(): Promise<number> {
  return (await fetch(`${t.httpUrl}/health/ready`)).status;
}

beforeAll(async () => {
  // Reuse the jars the shared folder already resolved (saves a Maven run).
  const shared = classpathCacheFile(defaultDataDir, DEFAULT_CASSANDRA_VERSION);
  mkdirSync(cluster.dataDir!, { recursive: true });
  if (existsSync(shared))
    copyFileSync(shared, classpathCacheFile(cluster.dataDir!, DEFAULT_CASSANDRA_VERSION));
  await startCluster(cluster);
  t = await startTestBridge({
    CASSANDRA_CONTACT_POINTS: '127.0.0.30:9042',
    CASSANDRA_REQUEST_TIMEOUT_MS: '10000',
  });
  const su = (cql: string) => t.client.executeQuery({ cql }, { token: t.token });
  await su(`CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await su(`CREATE TABLE ${ks}.kv (k int PRIMARY KEY, v text)`);
  await su(`INSERT INTO ${ks}.kv (k, v) VALUES (1, 'kept')`);
}, 300_000);

afterAll(async () => {
  await t?.close();
  await stopCluster(cluster).catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
}, 120_000);

describe('Cassandra outage', () => {
  it('answers UNAVAILABLE quickly while Cassandra is down, and serves again after it restarts', async () => {
    expect(await readReady()).toBe(200);
    await stopNode(1, cluster);

    const started = Date.now();
    const err = (await t.client
      .executeQuery({ cql: `SELECT v FROM ${ks}.kv WHERE k = 1` }, { token: t.token })
      .catch((e) => e)) as BridgeCallError;
    expect(err.code).toBe(status.UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await readReady()).toBe(503);

    await startNode(1, cluster);

    await expect
      .poll(
        () =>
          t.client
            .executeQuery({ cql: `SELECT v FROM ${ks}.kv WHERE k = 1` }, { token: t.token })
            .then((r) => r.resultSet?.rows?.[0]?.values?.[0]?.string)
            .catch(() => undefined),
        { timeout: 60_000, interval: 1000 },
      )
      .toBe('kept');
    expect(await readReady()).toBe(200);
  }, 240_000);
});
