// What bounds schema-first deploys across requests, against the GraphQL API as it ships (its own
// process, the production heap cap) and Cassandra, with the GRAPHQL_DEPLOY_* settings lowered so
// the bounds are reached in seconds: deploys waiting for their turn are capped (beyond it 503
// OVERLOADED + Retry-After at once, as the API's other refusals for load), a waiting deploy whose
// client went away is skipped, a keyspace cannot be grown past its table bound by deploy after
// deploy, and a bad setting stops the process at start-up naming the variable. Before, the queue
// grew without end (each waiter holding its SDL), an abandoned deploy still created its tables, and
// every deploy could add 200 more tables to the same keyspace.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCassandraClient } from '../../support/cassandra-client.js';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('graphql', {
  api: {
    GRAPHQL_DEPLOY_MAX_WAITING: '2',
    GRAPHQL_DEPLOY_MAX_TABLES: '24',
    GRAPHQL_DEPLOY_MAX_KEYSPACE_TABLES: '30',
  },
});
const suffix = randomBytes(3).toString('hex');
/** Where the slow deploys create their tables (one per test), where the queued ones go, and the grown one. */
const keyspaces = {
  slow1: `h52_slow1_${suffix}`,
  slow2: `h52_slow2_${suffix}`,
  queued: `h52_queued_${suffix}`,
  grown: `h52_grown_${suffix}`,
};
let driver: cassandra.Client;

beforeAll(async () => {
  driver = createCassandraClient({ socketOptions: { readTimeout: 120_000 } });
  for (const keyspace of Object.values(keyspaces))
    await driver.execute(
      `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
}, 120_000);

afterAll(async () => {
  for (const keyspace of Object.values(keyspaces)) {
    await driver?.execute('DELETE FROM stargate_graphql.schema_source WHERE keyspace_name = ?', [keyspace]);
    await driver?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  }
  await driver?.shutdown();
}, 120_000);

/** One table per name, each keyed by its id. */
const tablesSdl = (names: string[]) =>
  `${names.map((n) => `type ${n} { id: ID! @cql_column(partitionKey: true)\n v: String }`).join('\n')}\ntype Query { ${names[0]!.toLowerCase()}(id: ID!): ${names[0]} }\n`;

/** One name per number below `count`. */
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => `${prefix}${n}`);

/** A deploy that creates 24 tables: seconds of schema changes, holding the queue meanwhile. */
const slowSdl = () => tablesSdl(names('Slow', 24));

interface DeployArgs {
  keyspace: string;
  schema: string;
  dryRun?: boolean;
  expectedVersion?: string | null;
  migrationStrategy?: string;
}

function deployBody(args: DeployArgs): string {
  return JSON.stringify({
    query: `mutation($ks: String!, $s: String!, $dry: Boolean!, $v: String, $m: MigrationStrategy!) {
      deploySchema(keyspace: $ks, schema: $s, dryRun: $dry, expectedVersion: $v, migrationStrategy: $m) { version cqlChanges }
    }`,
    variables: {
      ks: args.keyspace,
      s: args.schema,
      dry: args.dryRun ?? false,
      v: args.expectedVersion ?? null,
      m: args.migrationStrategy ?? 'ADD_MISSING_TABLES',
    },
  });
}

/** A deploy as a client sees it: status, Retry-After, body, and when the answer came. */
async function deploy(args: DeployArgs) {
  const res = await fetch(`http://127.0.0.1:${processes.api.port}/graphql-admin`, {
    method: 'POST',
    headers: { 'x-cassandra-token': processes.bridge.token, 'content-type': 'application/json' },
    body: deployBody(args),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it receives.
  const body = (await res.json()) as any;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body, at: Date.now() };
}

/** A deploy sent by a client that closes its connection `afterMs` later, before any answer. */
function abandonedDeploy(args: DeployArgs, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port: processes.api.port,
      path: '/graphql-admin',
      method: 'POST',
      headers: { 'x-cassandra-token': processes.bridge.token, 'content-type': 'application/json' },
    });
    req.on('error', () => resolve());
    req.on('response', () => {
      throw new Error('the abandoned deploy was answered before its client went away');
    });
    req.end(deployBody(args));
    setTimeout(() => {
      req.destroy();
      resolve();
    }, afterMs);
  });
}

async function tableNames(keyspace: string): Promise<string[]> {
  const rows = await driver.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [
    keyspace,
  ]);
  return rows.rows.map((r) => String(r.table_name)).sort();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('beyond 2 deploys waiting (GRAPHQL_DEPLOY_MAX_WAITING), a deploy is refused at once with 503 OVERLOADED and Retry-After; the waiting ones still run', async () => {
  const slow = deploy({ keyspace: keyspaces.slow1, schema: slowSdl() });
  await sleep(150);
  const small = tablesSdl(['Waiting']);
  const queued = await Promise.all(
    Array.from({ length: 4 }, () => deploy({ keyspace: keyspaces.queued, schema: small, dryRun: true })),
  );
  const slowAnswer = await slow;
  expect([slowAnswer.status, slowAnswer.body.errors]).toEqual([200, undefined]);
  const refused = queued.filter((q) => q.status !== 200);
  expect(refused.map(({ status, retryAfter, body }) => ({ status, retryAfter, body }))).toEqual(
    Array.from({ length: 2 }, () => ({
      status: 503,
      retryAfter: '1',
      body: {
        errors: [
          {
            message:
              'Server is overloaded (2 schema deploys waiting, the limit of this API process); retry later',
            path: ['deploySchema'],
            locations: expect.any(Array),
            extensions: { code: 'OVERLOADED' },
          },
        ],
      },
    })),
  );
  // At once: answered while the slow deploy was still running, not after their turn.
  for (const r of refused) expect(r.at).toBeLessThan(slowAnswer.at);
  const ran = queued.filter((q) => q.status === 200);
  expect(ran.map((q) => q.body.data.deploySchema.cqlChanges.length)).toEqual([1, 1]);
  expect(isRunning(processes.api.service)).toBe(true);
}, 120_000);

it('a waiting deploy whose client went away is skipped at its turn (its tables never created); the next one runs', async () => {
  const slow = deploy({ keyspace: keyspaces.slow2, schema: slowSdl() });
  await sleep(150);
  await abandonedDeploy({ keyspace: keyspaces.queued, schema: tablesSdl(['Abandoned']) }, 150);
  const abandonedAt = Date.now();
  const later = deploy({ keyspace: keyspaces.queued, schema: tablesSdl(['Later']) });
  const [slowAnswer, laterAnswer] = await Promise.all([slow, later]);
  expect([slowAnswer.status, slowAnswer.body.errors]).toEqual([200, undefined]);
  // The abandoned one was still waiting when its client left.
  expect(slowAnswer.at).toBeGreaterThan(abandonedAt);
  // Had the abandoned deploy run, this one (expectedVersion null) would be refused as stale.
  expect([
    laterAnswer.status,
    laterAnswer.body.errors,
    laterAnswer.body.data.deploySchema.cqlChanges,
  ]).toEqual([200, undefined, [expect.stringContaining('CREATE TABLE')]]);
  expect(await tableNames(keyspaces.queued)).toEqual(['Later']);
  const versions = await driver.execute(
    'SELECT contents FROM stargate_graphql.schema_source WHERE keyspace_name = ?',
    [keyspaces.queued],
  );
  expect(versions.rows.map((r) => String(r.contents))).toEqual([tablesSdl(['Later'])]);
}, 120_000);

it('deploys with new type names cannot grow a keyspace past 30 tables (GRAPHQL_DEPLOY_MAX_KEYSPACE_TABLES): dry run and deploy are refused naming the count and the limit', async () => {
  const first = await deploy({
    keyspace: keyspaces.grown,
    schema: tablesSdl(names('A', 20)),
  });
  expect([first.status, first.body.errors]).toEqual([200, undefined]);
  const version = first.body.data.deploySchema.version as string;
  const more = tablesSdl(names('B', 11));
  const limit =
    'The keyspace would hold 31 tables and UDTs after this deploy (20 now, 11 created): deploySchema allows at most 30 per keyspace.';
  const refusal = {
    status: 200,
    data: null,
    code: 'BAD_USER_INPUT',
    message: `The keyspace holds too many tables and UDTs to deploy this schema. ${limit}`,
    mappingErrors: [limit],
  };
  for (const migrationStrategy of ['ADD_MISSING_TABLES', 'ADD_MISSING_TABLES_AND_COLUMNS'])
    for (const dryRun of [true, false]) {
      const { status, body } = await deploy({
        keyspace: keyspaces.grown,
        schema: more,
        expectedVersion: version,
        migrationStrategy,
        dryRun,
      });
      expect({
        status,
        data: body.data?.deploySchema ?? null,
        code: body.errors?.[0]?.extensions?.code,
        message: body.errors?.[0]?.message,
        mappingErrors: body.errors?.[0]?.extensions?.mappingErrors?.map(
          (m: { message: string }) => m.message,
        ),
      }).toEqual(refusal);
    }
  expect(await tableNames(keyspaces.grown)).toEqual(names('A', 20).sort());
  // Up to the bound is fine.
  const fits = await deploy({
    keyspace: keyspaces.grown,
    schema: tablesSdl(names('B', 10)),
    expectedVersion: version,
  });
  expect([fits.status, fits.body.errors, fits.body.data.deploySchema.cqlChanges.length]).toEqual([
    200,
    undefined,
    10,
  ]);
  expect(await tableNames(keyspaces.grown)).toHaveLength(30);
}, 120_000);

it('the per-deploy table limit is read from GRAPHQL_DEPLOY_MAX_TABLES', async () => {
  const { status, body } = await deploy({
    keyspace: keyspaces.queued,
    schema: tablesSdl(names('C', 25)),
    dryRun: true,
  });
  expect([
    status,
    body.errors?.[0]?.extensions?.mappingErrors?.map((m: { message: string }) => m.message),
  ]).toEqual([200, ['The schema maps to 25 tables and UDTs: deploySchema creates at most 24.']]);
}, 60_000);

it('a bad GRAPHQL_DEPLOY_* value stops the process at start-up with one line naming the variable', async () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/graphql/src/main.ts'], {
    cwd: root,
    env: { ...process.env, GRAPHQL_PORT: '0', GRAPHQL_DEPLOY_MAX_WAITING: '0' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  // A process that started after all would keep running: it is stopped, whatever happened.
  const code = await Promise.race([
    new Promise<number | null>((resolve) => child.once('exit', resolve)),
    sleep(30_000).then(() => 'still running'),
  ]).finally(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  expect([code, stderr.trim()]).toEqual([
    1,
    'invalid configuration: GRAPHQL_DEPLOY_MAX_WAITING="0" is not allowed; expected an integer from 1 to 1000',
  ]);
}, 60_000);
