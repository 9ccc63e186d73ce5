// A deployed (schema-first) schema served at /graphql/{keyspace} in place of the CQL-first one:
// queries (@cql_select, @cql_where, @cql_pagingState, @cql_payload) and mutations (@cql_insert,
// @cql_update with @cql_if, @cql_increment and @cql_timestamp, @cql_delete) run against the real
// tables; undeploying brings the CQL-first schema back.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_schema_first_serving');

const SCHEMA = `
type Address @cql_entity(target: UDT) @cql_input {
  city: String
  zip: Int
}
type Reading @cql_input {
  sensor: ID! @cql_column(partitionKey: true)
  day: Int! @cql_column(clusteringOrder: DESC)
  value: Float @cql_column(name: "reading_value")
  tags: [String] @cql_column(typeHint: "set<text>")
  site: Address
  big: BigInt
}
type Views { page: String! @cql_column(partitionKey: true), hits: Counter }
type ReadingsPage @cql_payload { data: [Reading], pagingState: String }
type ChangeResult @cql_payload { applied: Boolean, reading: Reading }
type Query {
  reading(sensor: ID!, day: Int!): Reading
  readingsSince(sensor: ID!, day: Int @cql_where(predicate: GTE), after: String @cql_pagingState): ReadingsPage
    @cql_select(pageSize: 2, consistencyLevel: LOCAL_ONE)
  readingsOn(sensor: ID!, days: [Int] @cql_where(field: "day", predicate: IN)): [Reading] @cql_select(limit: 10)
  views(page: String!): Views
}
type Mutation {
  insertReading(reading: ReadingInput!): Reading
  insertReadingIfNotExists(reading: ReadingInput!): ChangeResult @cql_insert(ttl: "PT1H")
  updateReading(reading: ReadingInput!, expected: Float @cql_if(field: "value", predicate: EQ), at: String @cql_timestamp): ChangeResult
    @cql_update
  tag(sensor: ID!, day: Int!, tags: [String] @cql_increment): Boolean @cql_update(targetEntity: "Reading")
  view(page: String!, hits: Counter @cql_increment): Boolean @cql_update(targetEntity: "Views")
  deleteReading(sensor: ID!, day: Int!): Boolean @cql_delete(targetEntity: "Reading", ifExists: true)
}
`;

const SENSOR = '5b0a8f2e-6f5e-4c1e-9d3a-0b6c1f2a3b4c';

async function ok(query: string, variables?: Record<string, unknown>) {
  const r = await fx.dml(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data!;
}

beforeAll(async () => {
  const r = await fx.api.post(
    '/graphql-admin',
    'mutation($ks: String!, $s: String!) { deploySchema(keyspace: $ks, schema: $s) { version } }',
    { ks: fx.keyspace, s: SCHEMA },
  );
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
});

afterAll(async () => {
  await fx.client.execute('DELETE FROM stargate_graphql.schema_source WHERE keyspace_name = ?', [
    fx.keyspace,
  ]);
});

describe('a deployed schema at /graphql/{keyspace}', () => {
  test('insert, then read it back by key; the column names and types are the mapped ones', async () => {
    const inserted = await ok(
      `mutation { insertReading(reading: {sensor: "${SENSOR}", day: 1, value: 20.5, tags: ["a"],
        site: {city: "Lyon", zip: 69000}, big: "9007199254740993"}) { sensor day value } }`,
    );
    expect(inserted).toEqual({ insertReading: { sensor: SENSOR, day: 1, value: 20.5 } });
    const read = await ok(
      `{ reading(sensor: "${SENSOR}", day: 1) { sensor day value tags site { city zip } big } }`,
    );
    expect(read).toEqual({
      reading: {
        sensor: SENSOR,
        day: 1,
        value: 20.5,
        tags: ['a'],
        site: { city: 'Lyon', zip: 69000 },
        big: '9007199254740993',
      },
    });
    const row = await fx.client.execute(
      `SELECT reading_value FROM ${fx.keyspace}."Reading" WHERE sensor = ? AND day = 1`,
      [SENSOR],
      {
        prepare: true,
      },
    );
    expect(row.rows[0]?.reading_value).toBe(20.5);
  });

  test('@cql_where GTE with @cql_select pageSize, and the paging state through the payload', async () => {
    for (const day of [2, 3, 4]) {
      await ok(
        `mutation { insertReading(reading: {sensor: "${SENSOR}", day: ${day}, value: ${day}.5}) { day } }`,
      );
    }
    const first = await ok(`{ readingsSince(sensor: "${SENSOR}", day: 2) { data { day } pagingState } }`);
    expect(first.readingsSince.data).toEqual([{ day: 4 }, { day: 3 }]);
    expect(first.readingsSince.pagingState).toEqual(expect.any(String));
    const second = await ok(
      `query($after: String) { readingsSince(sensor: "${SENSOR}", day: 2, after: $after) { data { day } pagingState } }`,
      { after: first.readingsSince.pagingState },
    );
    expect(second.readingsSince).toEqual({ data: [{ day: 2 }], pagingState: null });
    const some = await ok(`{ readingsOn(sensor: "${SENSOR}", days: [1, 3]) { day } }`);
    expect(some.readingsOn).toEqual([{ day: 3 }, { day: 1 }]);
  });

  test('insert IfNotExists (by name) shows the existing row when not applied', async () => {
    const again = await ok(
      `mutation { insertReadingIfNotExists(reading: {sensor: "${SENSOR}", day: 1, value: 99}) { applied reading { value } } }`,
    );
    expect(again).toEqual({ insertReadingIfNotExists: { applied: false, reading: { value: 20.5 } } });
    const fresh = await ok(
      `mutation { insertReadingIfNotExists(reading: {sensor: "${SENSOR}", day: 9, value: 9}) { applied reading { day } } }`,
    );
    expect(fresh).toEqual({ insertReadingIfNotExists: { applied: true, reading: { day: 9 } } });
    const ttl = await fx.client.execute(
      `SELECT TTL(reading_value) AS t FROM ${fx.keyspace}."Reading" WHERE sensor = ? AND day = 9`,
      [SENSOR],
      {
        prepare: true,
      },
    );
    expect(ttl.rows[0]?.t).toBeGreaterThan(3500);
  });

  test('update with @cql_if and @cql_timestamp; @cql_increment on a set and a counter', async () => {
    const refused = await ok(
      `mutation { updateReading(reading: {sensor: "${SENSOR}", day: 1, value: 30}, expected: 1) { applied reading { value } } }`,
    );
    expect(refused).toEqual({ updateReading: { applied: false, reading: { value: 20.5 } } });
    const applied = await ok(
      `mutation { updateReading(reading: {sensor: "${SENSOR}", day: 2, value: 30}, at: "2030-01-01T00:00:00Z") { applied } }`,
    );
    expect(applied).toEqual({ updateReading: { applied: true } });
    const written = await fx.client.execute(
      `SELECT WRITETIME(reading_value) AS w FROM ${fx.keyspace}."Reading" WHERE sensor = ? AND day = 2`,
      [SENSOR],
      { prepare: true },
    );
    expect(String(written.rows[0]?.w)).toBe('1893456000000000');
    expect(await ok(`mutation { tag(sensor: "${SENSOR}", day: 1, tags: ["b", "c"]) }`)).toEqual({
      tag: true,
    });
    expect((await ok(`{ reading(sensor: "${SENSOR}", day: 1) { tags } }`)).reading.tags).toEqual([
      'a',
      'b',
      'c',
    ]);
    await ok('mutation { view(page: "home", hits: "2") }');
    await ok('mutation { view(page: "home", hits: "3") }');
    expect(await ok('{ views(page: "home") { hits } }')).toEqual({ views: { hits: '5' } });
  });

  test('delete with ifExists answers whether a row was there', async () => {
    expect(await ok(`mutation { deleteReading(sensor: "${SENSOR}", day: 4) }`)).toEqual({
      deleteReading: true,
    });
    expect(await ok(`mutation { deleteReading(sensor: "${SENSOR}", day: 4) }`)).toEqual({
      deleteReading: false,
    });
    expect(await ok(`{ reading(sensor: "${SENSOR}", day: 4) { day } }`)).toEqual({ reading: null });
  });

  test('undeploying brings the CQL-first schema back', async () => {
    const version = (
      await fx.api.post('/graphql-admin', 'query($ks: String!) { schema(keyspace: $ks) { version } }', {
        ks: fx.keyspace,
      })
    ).body.data!.schema.version;
    const undeployed = await fx.api.post(
      '/graphql-admin',
      'mutation($ks: String!, $v: String!) { undeploySchema(keyspace: $ks, expectedVersion: $v) }',
      { ks: fx.keyspace, v: version },
    );
    expect(undeployed.body.data).toEqual({ undeploySchema: true });
    const cqlFirst = await ok(
      `{ Reading(value: {sensor: "${SENSOR}", day: 1}) { values { reading_value } } }`,
    );
    expect(cqlFirst.Reading.values).toEqual([{ reading_value: 20.5 }]);
  });
});
