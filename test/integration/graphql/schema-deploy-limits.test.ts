// What one deploySchema may ask, against the GraphQL API as it ships (its own process, the
// production heap cap of 160 MiB). An SDL fits in a 1 MiB request body, and building a deployed
// schema costs ~150 bytes of heap per SDL character: a dry run of 1,150 types of 30 fields with
// five operations each (a 1 MB request) killed the process ("JavaScript heap out of memory"); one of
// many one-field types planned a CREATE TABLE each, thousands of them; and 8 dry runs at once of a
// schema of 20 entities of 280 fields killed it too (32 at once in this test). Now a deploy is bounded in tokens, types,
// fields and tables, and refused with an error naming the limit; deploys run one at a time;
// realistic schemas deploy and are served; at most 8 more wait their turn (more are refused at once).
import { randomBytes } from 'node:crypto';
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCassandraClient } from '../../support/cassandra-client.js';
import { apiCaller, isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('graphql');
const call = apiCaller(processes);
const keyspace = `sdlc_limits_${randomBytes(3).toString('hex')}`;
let driver: cassandra.Client;

beforeAll(async () => {
  driver = createCassandraClient({ socketOptions: { readTimeout: 120_000 } });
  await driver.execute(
    `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
}, 120_000);

afterAll(async () => {
  await driver?.execute('DELETE FROM stargate_graphql.schema_source WHERE keyspace_name = ?', [keyspace]);
  await driver?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await driver?.shutdown();
}, 120_000);

/** `entities` tables of `fields` fields, each with a get, a list, an insert, an update and a delete. */
function entitiesSdl(entities: number, fields: number): string {
  const kinds = ['String', 'Int', 'Float', 'Boolean', 'BigInt', '[String]'];
  const lines: string[] = [];
  for (let e = 0; e < entities; e++) {
    lines.push(`type Entity${e} @cql_input {`, '  id: ID! @cql_column(partitionKey: true)');
    for (let f = 0; f < fields; f++) lines.push(`  field${f}: ${kinds[f % kinds.length]}`);
    lines.push('}');
  }
  const each = (op: (e: number) => string) => Array.from({ length: entities }, (_, e) => op(e));
  lines.push('type Query {');
  lines.push(...each((e) => `  entity${e}(id: ID!): Entity${e}`));
  lines.push(...each((e) => `  entities${e}(id: ID!, field0: String): [Entity${e}]`));
  lines.push('}', 'type Mutation {');
  lines.push(...each((e) => `  insertEntity${e}(value: Entity${e}Input!): Entity${e}`));
  lines.push(...each((e) => `  updateEntity${e}(value: Entity${e}Input!): Boolean`));
  lines.push(...each((e) => `  deleteEntity${e}(id: ID!): Boolean`));
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function deploy(schema: string, dryRun: boolean) {
  return call('POST', '/graphql-admin', {
    query: `mutation($ks: String!, $s: String!, $dry: Boolean!) {
      deploySchema(keyspace: $ks, schema: $s, dryRun: $dry) { version cqlChanges }
    }`,
    variables: { ks: keyspace, s: schema, dry: dryRun },
  });
}

/** The error a refused deploy answers: its message and the one mapping error naming the limit. */
// biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it receives.
const refusal = (body: any) => ({
  data: body.data?.deploySchema ?? null,
  code: body.errors?.[0]?.extensions?.code,
  limit: body.errors?.[0]?.extensions?.mappingErrors?.map((m: { message: string }) => m.message),
});

it('a dry run of 1,150 types of 30 fields (a 1 MB request, within the body limit) is refused, naming the token limit; the process stays up', async () => {
  const schema = entitiesSdl(1_150, 30);
  expect(JSON.stringify(schema).length).toBeLessThan(1024 * 1024 - 1_000);
  const { status, body } = await deploy(schema, true);
  expect([status, refusal(body)]).toEqual([
    200,
    {
      data: null,
      code: 'BAD_USER_INPUT',
      limit: ['The schema has more than 100,000 GraphQL tokens: deploySchema accepts at most 100,000.'],
    },
  ]);
  expect(isRunning(processes.api.service)).toBe(true);
}, 120_000);

it('a schema of 201 one-field types is refused before any table is planned, naming the table limit', async () => {
  const types = Array.from({ length: 201 }, (_, t) => `type T${t} { id: ID! }`).join('\n');
  const { status, body } = await deploy(`${types}\ntype Query { t0(id: ID!): T0 }\n`, true);
  expect([status, refusal(body)]).toEqual([
    200,
    {
      data: null,
      code: 'BAD_USER_INPUT',
      limit: ['The schema maps to 201 tables and UDTs: deploySchema creates at most 200.'],
    },
  ]);
}, 60_000);

it('32 dry runs at once of a schema within the limits (20 entities of 280 fields): one runs and 8 wait (GRAPHQL_DEPLOY_MAX_WAITING), the others are refused at once with 503 OVERLOADED; the process stays up', async () => {
  const schema = entitiesSdl(20, 280);
  const answers = await Promise.all(Array.from({ length: 32 }, () => deploy(schema, true)));
  const kinds = answers.map(({ status, body }) =>
    status === 200
      ? [200, body.data?.deploySchema?.cqlChanges.length]
      : [status, body.errors?.[0]?.extensions?.code],
  );
  // Those sent after the first ones were done may run too: at least 9 answer, each refusal is 503.
  expect(kinds.filter(([status]) => status === 200).length).toBeGreaterThanOrEqual(9);
  expect(kinds.filter(([status]) => status !== 200)).toEqual(
    kinds.filter(([status]) => status !== 200).map(() => [503, 'OVERLOADED']),
  );
  expect(kinds.filter(([status]) => status === 200)).toEqual(
    kinds.filter(([status]) => status === 200).map(() => [200, 20]),
  );
  expect(isRunning(processes.api.service)).toBe(true);
}, 120_000);

it('100 entities of 30 fields with five operations each: the dry run plans their 100 tables', async () => {
  const { status, body } = await deploy(entitiesSdl(100, 30), true);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.deploySchema.cqlChanges).toHaveLength(100);
}, 60_000);

it('a schema near the field limit (20 entities of 280 fields) deploys and is served; the process stays up', async () => {
  const { status, body } = await deploy(entitiesSdl(20, 280), false);
  expect([status, body.errors]).toEqual([200, undefined]);
  expect(body.data.deploySchema.cqlChanges).toHaveLength(20);
  const read = await call('POST', `/graphql/${keyspace}`, {
    query: '{ entity7(id: "5d1c0c7e-4a6f-4d59-9c53-0d1b1f2a3b4c") { id field0 } }',
  });
  expect([read.status, read.body]).toEqual([200, { data: { entity7: null } }]);
  expect(isRunning(processes.api.service)).toBe(true);
}, 300_000);
