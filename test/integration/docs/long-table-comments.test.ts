// Table comments of any length, against the bridge and the Docs API as they ship (their own
// processes, the production heap cap of 160 MiB). A comment is free text up to Cassandra's mutation
// size: a role allowed to ALTER tables set 8 MB comments on 20 tables, and the next description of
// that keyspace — here the Docs API listing its collections — killed the bridge ("JavaScript heap out
// of memory"). Now such comments are left out of descriptions, and a collection whose comment (where
// its JSON schema lives) was left out refuses writes instead of taking them unchecked.
import { randomBytes } from 'node:crypto';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContactPoints } from '../../support/bridge-harness.js';
import { apiCaller, isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('docs');
const namespace = `hc_comments_${randomBytes(3).toString('hex')}`;
let driver: cassandra.Client;

const call = apiCaller(processes);

beforeAll(async () => {
  expect((await call('POST', '/v2/schemas/namespaces', { name: namespace, replicas: 1 })).status).toBe(201);
  expect((await call('POST', `/v2/namespaces/${namespace}/collections`, { name: 'books' })).status).toBe(201);
  driver = new cassandra.Client({
    contactPoints: testContactPoints().split(','),
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
  });
  const comment = 'c'.repeat(8_000_000);
  for (let i = 0; i < 20; i++) {
    await driver.execute(`CREATE TABLE ${namespace}.notes${i} (k int PRIMARY KEY, v text)`);
    await driver.execute(`ALTER TABLE ${namespace}.notes${i} WITH comment = '${comment}'`);
  }
  // The collection's JSON schema, set through CQL: 300,000 characters of description.
  const schema = JSON.stringify({ schema: { type: 'object', description: 'd'.repeat(300_000) } });
  await driver.execute(`ALTER TABLE ${namespace}.books WITH comment = '${schema}'`);
}, 180_000);

afterAll(async () => {
  await driver?.execute(`DROP KEYSPACE IF EXISTS ${namespace}`);
  await driver?.shutdown();
});

describe('table comments longer than a description keeps', () => {
  it('20 tables with 8 MB comments: the namespace is described and listed, the bridge stays up', async () => {
    const listed = await call('GET', `/v2/namespaces/${namespace}/collections`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((c: { name: string }) => c.name)).toEqual(['books']);
    expect(isRunning(processes.bridge.service)).toBe(true);
  }, 60_000);

  it('a collection whose JSON schema was left out refuses writes, naming why', async () => {
    const write = await call('POST', `/v2/namespaces/${namespace}/collections/books`, { title: 'Dune' });
    expect(write.status).toBe(400);
    expect(write.body.description).toMatch(
      /the collection's table comment, where its JSON schema is kept, is 300\d{3} characters, more than the 131072 the gateway reads/,
    );
  }, 60_000);
});
