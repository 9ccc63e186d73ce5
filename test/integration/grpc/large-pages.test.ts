// Pages of large rows through the gRPC API, with the bridge as it ships (its own process, the
// production heap cap of 160 MiB). The page size counts rows: `SELECT` of 700 rows of 400 KB in one
// page (280 MB) killed the bridge, and with it every API, with "JavaScript heap out of memory". Now
// a page holds at most BRIDGE_MAX_PAGE_BYTES (4 MiB) of values: the client gets the rows that fit
// and a paging state, and paging on reads every row once.
import { randomBytes } from 'node:crypto';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testContactPoints } from '../../support/bridge-harness.js';
import { useGrpcApiClient } from '../../support/grpc-api-client.js';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';
import { executeQuery, tokenMetadata } from './support/proto-client.js';

const processes = useServiceProcesses('grpc');
const grpcApi = useGrpcApiClient(processes);
const keyspace = `hc_pages_${randomBytes(3).toString('hex')}`;
const ROWS = 700;
const VALUE = 400_000;
let driver: cassandra.Client;

beforeAll(async () => {
  // Loaded with the driver directly: 280 MB through two hops would only slow the test down.
  driver = new cassandra.Client({
    contactPoints: testContactPoints().split(','),
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
  });
  await driver.execute(
    `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  await driver.execute(`CREATE TABLE ${keyspace}.files (k int PRIMARY KEY, body text)`);
  for (let k = 0; k < ROWS; k += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        driver.execute(
          `INSERT INTO ${keyspace}.files (k, body) VALUES (?, ?)`,
          [k + i, String(k + i).padEnd(VALUE, '.')],
          { prepare: true },
        ),
      ),
    );
  }
}, 120_000);

afterAll(async () => {
  await driver?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await driver?.shutdown();
});

it('700 rows of 400 KB asked for in one page: pages of at most 4 MiB, every row read once, the bridge stays up', async () => {
  const metadata = tokenMetadata(processes.bridge.token);
  const seen = new Set<number>();
  let pagingState: Buffer | undefined;
  let pages = 0;
  do {
    const { err, res } = await executeQuery(
      grpcApi.client,
      {
        cql: `SELECT k, body FROM ${keyspace}.files`,
        parameters: {
          pageSize: { value: 100_000 },
          ...(pagingState ? { pagingState: { value: pagingState } } : {}),
        },
      },
      metadata,
    );
    expect(err?.details ?? null, `page ${pages}`).toBeNull();
    const rows = res?.resultSet?.rows ?? [];
    // 10 rows of 400,000 characters fit in 4 MiB, 11 do not.
    expect(rows.length, `page ${pages}`).toBeLessThanOrEqual(10);
    for (const row of rows) {
      const k = row.values?.[0]?.int;
      expect(row.values?.[1]?.string).toBe(String(k).padEnd(VALUE, '.'));
      expect(seen.has(Number(k))).toBe(false);
      seen.add(Number(k));
    }
    pagingState = res?.resultSet?.pagingState?.value ?? undefined;
    pages++;
  } while (pagingState && pages < ROWS);
  expect(seen.size).toBe(ROWS);
  // 70 full pages, and the empty one Cassandra answers after a page that ended exactly at the end.
  expect(pages).toBeLessThanOrEqual(71);
  expect(isRunning(processes.bridge.service)).toBe(true);
}, 180_000);
