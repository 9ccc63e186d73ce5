// The DDL schema at /graphql-schema: keyspaces, tables, types and indexes, created, read, altered
// and dropped through GraphQL.
import { afterAll, describe, expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_ddl');
const extra = `${`gql_ddl_${Date.now().toString(36)}`}_ks`;

afterAll(async () => {
  await fx.client.execute(`DROP KEYSPACE IF EXISTS ${extra}`);
  await fx.client.execute(`DROP KEYSPACE IF EXISTS ${extra}_nts`);
});

async function ok(query: string, variables?: Record<string, unknown>) {
  const r = await fx.ddl(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  expect(r.status).toBe(200);
  return r.body.data!;
}

async function fails(query: string): Promise<string> {
  const r = await fx.ddl(query);
  expect(r.status).toBe(200);
  expect(r.body.errors).toHaveLength(1);
  return r.body.errors![0]!.message;
}

describe('keyspaces', () => {
  test('create with SimpleStrategy, read, create again, drop', async () => {
    expect(await ok(`mutation { createKeyspace(name: "${extra}", replicas: 1) }`)).toEqual({
      createKeyspace: true,
    });
    expect(await ok(`{ keyspace(name: "${extra}") { name dcs { name replicas } tables { name } } }`)).toEqual(
      {
        keyspace: { name: extra, dcs: [], tables: [] },
      },
    );
    expect(await fails(`mutation { createKeyspace(name: "${extra}", replicas: 1) }`)).toMatch(
      /Cannot add existing keyspace/,
    );
    expect(await ok(`mutation { createKeyspace(name: "${extra}", replicas: 1, ifNotExists: true) }`)).toEqual(
      {
        createKeyspace: true,
      },
    );
    const all = await ok('{ keyspaces { name } }');
    const names = all.keyspaces.map((k: { name: string }) => k.name);
    expect(names).toEqual(expect.arrayContaining([extra, fx.keyspace, 'system', 'system_schema']));
    expect(await ok(`mutation { dropKeyspace(name: "${extra}") }`)).toEqual({ dropKeyspace: true });
    expect(await ok(`{ keyspace(name: "${extra}") { name } }`)).toEqual({ keyspace: null });
    expect(await ok(`mutation { dropKeyspace(name: "${extra}", ifExists: true) }`)).toEqual({
      dropKeyspace: true,
    });
    expect(await fails(`mutation { dropKeyspace(name: "${extra}") }`)).toMatch(
      /doesn't exist|does not exist|non existing/i,
    );
  });

  test('NetworkTopologyStrategy with datacenters; the replicas of each are listed', async () => {
    await ok(
      `mutation { createKeyspace(name: "${extra}_nts", datacenters: [{name: "datacenter1", replicas: 1}]) }`,
    );
    expect(await ok(`{ keyspace(name: "${extra}_nts") { dcs { name replicas } } }`)).toEqual({
      keyspace: { dcs: [{ name: 'datacenter1', replicas: 1 }] },
    });
    await ok(`mutation { dropKeyspace(name: "${extra}_nts") }`);
  });

  test('replicas or datacenters, exactly one of them', async () => {
    expect(await fails(`mutation { createKeyspace(name: "${extra}_x") }`)).toBe(
      'You must specify either replicas or datacenters',
    );
    expect(
      await fails(
        `mutation { createKeyspace(name: "${extra}_x", replicas: 1, datacenters: [{name: "dc1"}]) }`,
      ),
    ).toBe("You can't specify both replicas and datacenters");
  });
});

describe('types, tables, columns and indexes', () => {
  test('a type and a table using every kind of column type', async () => {
    await ok(`mutation {
      createType(keyspaceName: "${fx.keyspace}", typeName: "address",
        fields: [{name: "street", type: {basic: TEXT}}, {name: "zip", type: {basic: INT}}])
    }`);
    await ok(`mutation {
      createTable(keyspaceName: "${fx.keyspace}", tableName: "people",
        partitionKeys: [{name: "country", type: {basic: TEXT}}],
        clusteringKeys: [{name: "born", type: {basic: DATE}, order: "DESC"}, {name: "id", type: {basic: UUID}}],
        values: [
          {name: "tags", type: {basic: SET, info: {subTypes: [{basic: TEXT}]}}},
          {name: "scores", type: {basic: LIST, info: {subTypes: [{basic: INT}], frozen: true}}},
          {name: "attrs", type: {basic: MAP, info: {subTypes: [{basic: TEXT}, {basic: BIGINT}]}}},
          {name: "pair", type: {basic: TUPLE, info: {subTypes: [{basic: INT}, {basic: VARCHAR}]}}},
          {name: "home", type: {basic: UDT, info: {name: "address", frozen: true}}},
          {name: "note", type: {basic: TEXT}}
        ])
    }`);
    const data = await ok(`{
      keyspace(name: "${fx.keyspace}") {
        table(name: "people") { name columns { name kind type { basic info { name frozen subTypes { basic } } } } }
        types { name fields { name type { basic } } }
        type(name: "address") { name }
        missing: table(name: "nope") { name }
      }
    }`);
    expect(data.keyspace.table).toEqual({
      name: 'people',
      columns: [
        { name: 'country', kind: 'PARTITION', type: { basic: 'TEXT', info: null } },
        { name: 'born', kind: 'CLUSTERING', type: { basic: 'DATE', info: null } },
        { name: 'id', kind: 'CLUSTERING', type: { basic: 'UUID', info: null } },
        {
          name: 'attrs',
          kind: 'REGULAR',
          type: {
            basic: 'MAP',
            info: { name: null, frozen: false, subTypes: [{ basic: 'TEXT' }, { basic: 'BIGINT' }] },
          },
        },
        {
          name: 'home',
          kind: 'REGULAR',
          type: { basic: 'UDT', info: { name: 'address', frozen: true, subTypes: null } },
        },
        { name: 'note', kind: 'REGULAR', type: { basic: 'TEXT', info: null } },
        {
          name: 'pair',
          kind: 'REGULAR',
          type: {
            basic: 'TUPLE',
            info: { name: null, frozen: true, subTypes: [{ basic: 'INT' }, { basic: 'TEXT' }] },
          },
        },
        {
          name: 'scores',
          kind: 'REGULAR',
          type: { basic: 'LIST', info: { name: null, frozen: true, subTypes: [{ basic: 'INT' }] } },
        },
        {
          name: 'tags',
          kind: 'REGULAR',
          type: { basic: 'SET', info: { name: null, frozen: false, subTypes: [{ basic: 'TEXT' }] } },
        },
      ],
    });
    expect(data.keyspace.types).toEqual([
      {
        name: 'address',
        fields: [
          { name: 'street', type: { basic: 'TEXT' } },
          { name: 'zip', type: { basic: 'INT' } },
        ],
      },
    ]);
    expect(data.keyspace.type).toEqual({ name: 'address' });
    expect(data.keyspace.missing).toBeNull();

    // The new table is in the keyspace's CQL-first schema at once.
    const insert = await fx.dml(`mutation {
      insertpeople(value: {country: "FR", born: "1990-01-02", id: "fe86cad0-1965-11eb-84e6-ab660d2e8c9e",
        home: {street: "Rue", zip: 75001}, pair: {item0: 1, item1: "x"}}) { applied }
    }`);
    expect(insert.body).toEqual({ data: { insertpeople: { applied: true } } });
  });

  test('alterTableAdd and alterTableDrop', async () => {
    await ok(`mutation {
      alterTableAdd(keyspaceName: "${fx.keyspace}", tableName: "people",
        toAdd: [{name: "age", type: {basic: INT}}, {name: "email", type: {basic: TEXT}}])
    }`);
    await ok(
      `mutation { alterTableDrop(keyspaceName: "${fx.keyspace}", tableName: "people", toDrop: ["note"]) }`,
    );
    const data = await ok(
      `{ keyspace(name: "${fx.keyspace}") { table(name: "people") { columns { name } } } }`,
    );
    const names = data.keyspace.table.columns.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['age', 'email']));
    expect(names).not.toContain('note');
    const write = await fx.dml(
      'mutation { insertpeople(value: {country: "FR", born: "2000-01-01", id: "uuid()", age: 24}) { applied } }',
    );
    expect(write.body).toEqual({ data: { insertpeople: { applied: true } } });
  });

  test('createIndex (SAI and a map KEYS index), used by a query, then dropIndex', async () => {
    await ok(`mutation {
      createIndex(keyspaceName: "${fx.keyspace}", tableName: "people", columnName: "age", indexName: "people_age",
        indexType: "StorageAttachedIndex")
    }`);
    await ok(`mutation {
      createIndex(keyspaceName: "${fx.keyspace}", tableName: "people", columnName: "attrs", indexName: "people_attr_keys",
        indexKind: KEYS, indexType: "StorageAttachedIndex", ifNotExists: true)
    }`);
    const found = await fx.dml('{ people(filter: {age: {eq: 24}}) { values { country age } } }');
    expect(found.body).toEqual({ data: { people: { values: [{ country: 'FR', age: 24 }] } } });
    await ok(`mutation { dropIndex(keyspaceName: "${fx.keyspace}", indexName: "people_age") }`);
    await ok(
      `mutation { dropIndex(keyspaceName: "${fx.keyspace}", indexName: "people_age", ifExists: true) }`,
    );
  });

  test('an incomplete type definition is refused with a clear message', async () => {
    expect(
      await fails(`mutation {
        alterTableAdd(keyspaceName: "${fx.keyspace}", tableName: "people", toAdd: [{name: "x", type: {basic: LIST}}])
      }`),
    ).toBe("List type should contain an 'info' field specifying the sub type");
    expect(
      await fails(`mutation {
        createTable(keyspaceName: "${fx.keyspace}", tableName: "t", partitionKeys: [])
      }`),
    ).toBe('partitionKeys must contain at least one element');
  });

  test('dropTable and dropType', async () => {
    await ok(`mutation { dropTable(keyspaceName: "${fx.keyspace}", tableName: "people") }`);
    await ok(`mutation { dropTable(keyspaceName: "${fx.keyspace}", tableName: "people", ifExists: true) }`);
    await ok(`mutation { dropType(keyspaceName: "${fx.keyspace}", typeName: "address") }`);
    expect(await ok(`{ keyspace(name: "${fx.keyspace}") { tables { name } types { name } } }`)).toEqual({
      keyspace: { tables: [], types: [] },
    });
    expect(
      await fails(`mutation { dropTable(keyspaceName: "${fx.keyspace}", tableName: "people") }`),
    ).toMatch(/people/);
  });
});
