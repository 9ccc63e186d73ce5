// The GraphQL schemas of large keyspaces, against the GraphQL API as it ships (its own process, the
// production heap cap of 160 MiB). A keyspace's schema is built once and kept, up to 200 of them:
// a keyspace of 4 tables of 1,500 columns (~10 MB of schema objects) is within what any role allowed
// to create tables can make, and 16 of them read in turn killed the process ("JavaScript heap out of
// memory"). Now the schemas kept are bounded by their approximate size as well.
import { randomBytes } from 'node:crypto';
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCassandraClient } from '../../support/cassandra-client.js';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('graphql');
const KEYSPACES = 16;
const TABLES = 4;
const COLUMNS = 1_500;
const keyspaces = Array.from(
  { length: KEYSPACES },
  (_, i) => `ddlc_wide_${randomBytes(3).toString('hex')}_${i}`,
);
const TYPES = [
  'text',
  'int',
  'bigint',
  'boolean',
  'double',
  'timestamp',
  'uuid',
  'decimal',
  'list<text>',
  'map<text,int>',
];
let driver: cassandra.Client;

beforeAll(async () => {
  driver = createCassandraClient({ socketOptions: { readTimeout: 120_000 } });
  const columns = Array.from(
    { length: COLUMNS },
    (_, c) => `col_${c}_${TYPES[c % TYPES.length]!.replace(/\W/g, '')} ${TYPES[c % TYPES.length]}`,
  ).join(', ');
  for (const keyspace of keyspaces) {
    await driver.execute(
      `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    for (let t = 0; t < TABLES; t++)
      await driver.execute(`CREATE TABLE ${keyspace}.t_${t} (id uuid PRIMARY KEY, ${columns})`);
  }
}, 300_000);

afterAll(async () => {
  for (const keyspace of keyspaces) await driver?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await driver?.shutdown();
}, 300_000);

async function readFirstTable(keyspace: string) {
  const res = await fetch(`http://127.0.0.1:${processes.api.port}/graphql/${keyspace}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cassandra-token': processes.bridge.token },
    body: JSON.stringify({ query: '{ t_0(options: { limit: 1 }) { values { id } } }' }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it receives.
  return { status: res.status, body: (await res.json()) as any };
}

it(`${KEYSPACES} keyspaces of ${TABLES} tables of ${COLUMNS} columns, read in turn twice: answered, and the process stays up`, async () => {
  for (let round = 0; round < 2; round++) {
    for (const keyspace of keyspaces) {
      const { status, body } = await readFirstTable(keyspace);
      expect([status, body], `${keyspace}, round ${round}`).toEqual([200, { data: { t_0: { values: [] } } }]);
    }
  }
  expect(isRunning(processes.api.service)).toBe(true);
}, 600_000);
