// Schemas follow the keyspace: a column or table added (or dropped) through another path shows up
// without a restart, while the steady state costs one bridge round trip per data access.
import { describe, expect, test } from 'vitest';
import { bridgeCalls, callsBetween } from './support/bridge-calls.js';
import { useGraphqlFixture } from './support/graphql-fixture.js';

// Which schema-first schema is deployed is read once (then trusted for an hour), so the round
// trips counted here are the data accesses alone.
const fx = useGraphqlFixture(
  'gql_refresh',
  (ks) => [
    `CREATE TABLE ${ks}.items (id int PRIMARY KEY, name text)`,
    `INSERT INTO ${ks}.items (id, name) VALUES (1, 'one')`,
  ],
  { GRAPHQL_DEPLOYED_SCHEMA_CHECK_MS: '3600000' },
);

/** A schema change as another API would make it: straight through the bridge. */
async function viaBridge(cql: string): Promise<void> {
  await fx.bridge.client.executeQuery({ cql }, { token: fx.bridge.token });
}

async function calls<T>(run: () => Promise<T>): Promise<Record<string, number>> {
  const before = await bridgeCalls(fx.bridge.httpUrl);
  await run();
  return callsBetween(before, await bridgeCalls(fx.bridge.httpUrl));
}

describe('steady state', () => {
  test('a query costs one bridge round trip, with no schema lookups', async () => {
    await fx.dml('{ items(value: {id: 1}) { values { id name } } }');
    const used = await calls(async () => {
      for (let i = 0; i < 5; i++) {
        const r = await fx.dml('{ items(value: {id: 1}) { values { id name } } }');
        expect(r.body.data!.items.values).toEqual([{ id: 1, name: 'one' }]);
      }
    });
    expect(used).toEqual({ 'multiplexed.queryWithSchema': 5 });
  });

  test('a bulk insert into one partition is one batch; @atomic mutations are one batch', async () => {
    const bulk = await calls(() =>
      fx.dml('mutation { bulkInsertitems(values: [{id: 10, name: "a"}, {id: 10, name: "b"}]) { applied } }'),
    );
    expect(bulk).toEqual({ 'multiplexed.batch': 1 });
    const atomic = await calls(() =>
      fx.dml(
        'mutation @atomic { a: insertitems(value: {id: 11, name: "x"}) { applied } b: insertitems(value: {id: 12}) { applied } }',
      ),
    );
    expect(atomic).toEqual({ 'multiplexed.batch': 1 });
  });
});

describe('changes made elsewhere', () => {
  test('a column added through the bridge can be written and read at once', async () => {
    await viaBridge(`ALTER TABLE ${fx.keyspace}.items ADD price decimal`);
    const write = await fx.dml(
      'mutation { insertitems(value: {id: 2, name: "two", price: "9.99"}) { applied } }',
    );
    expect(write.body).toEqual({ data: { insertitems: { applied: true } } });
    const read = await fx.dml('{ items(value: {id: 2}) { values { id price } } }');
    expect(read.body).toEqual({ data: { items: { values: [{ id: 2, price: '9.99' }] } } });
  });

  test('introspection shows a column added since the last request', async () => {
    await viaBridge(`ALTER TABLE ${fx.keyspace}.items ADD stock int`);
    const r = await fx.dml('{ __type(name: "items") { fields { name } } }');
    expect(r.body.data!.__type.fields.map((f: { name: string }) => f.name)).toContain('stock');
  });

  test('a table created with cqlsh-style CQL gets its query and mutations', async () => {
    await fx.client.execute(`CREATE TABLE ${fx.keyspace}.later (k text PRIMARY KEY, v int)`);
    // The bridge learns of schema changes it did not make by polling the schema version (1 s).
    let write = await fx.dml('mutation { insertlater(value: {k: "a", v: 1}) { applied } }');
    for (let i = 0; i < 30 && write.status === 400; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      write = await fx.dml('mutation { insertlater(value: {k: "a", v: 1}) { applied } }');
    }
    expect(write.body).toEqual({ data: { insertlater: { applied: true } } });
    const read = await fx.dml('{ later { values { k v } } }');
    expect(read.body).toEqual({ data: { later: { values: [{ k: 'a', v: 1 }] } } });
  });

  test('a dropped column is no longer in the schema', async () => {
    await fx.dml('{ items(value: {id: 1}) { values { id name stock } } }');
    await viaBridge(`ALTER TABLE ${fx.keyspace}.items DROP stock`);
    // The request still validates against the cached schema; its data access learns the new one.
    const first = await fx.dml('{ items(value: {id: 1}) { values { id stock } } }');
    expect(first.body).toEqual({
      data: { items: null },
      errors: [
        {
          message: "Column 'stock' no longer exists in table 'items'",
          locations: [{ line: 1, column: 3 }],
          path: ['items'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
    const r = await fx.dml('{ items(value: {id: 1}) { values { id stock } } }');
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.message).toBe('Cannot query field "stock" on type "items".');
  });

  test('a dropped keyspace answers 404', async () => {
    const name = `${fx.keyspace}_gone`;
    await fx.client.execute(
      `CREATE KEYSPACE ${name} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    await fx.client.execute(`CREATE TABLE ${name}.t (k int PRIMARY KEY)`);
    expect((await fx.api.post(`/graphql/${name}`, '{ t { values { k } } }')).status).toBe(200);
    await fx.client.execute(`DROP KEYSPACE ${name}`);
    const r = await fx.api.post(`/graphql/${name}`, 'mutation { insertt(value: {k: 1}) { applied } }');
    // Within the bridge's 1 s schema poll the statement may still reach Cassandra, which says so itself.
    expect(r.body.errors![0]!.message).toMatch(/not found|Unknown keyspace|does not exist/);

    // The keyspace's schema is gone as soon as the bridge has seen the drop (at most its 1 s poll).
    let again = await fx.api.post(`/graphql/${name}`, '{ t { values { k } } }');
    for (let i = 0; i < 20 && again.status !== 404; i++) {
      await new Promise((r) => setTimeout(r, 250));
      again = await fx.api.post(`/graphql/${name}`, '{ t { values { k } } }');
    }
    expect(again.status).toBe(404);

    expect(again.body).toEqual({
      errors: [{ message: `Unknown keyspace '${name}'`, extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
