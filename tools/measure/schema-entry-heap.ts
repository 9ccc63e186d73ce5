// Heap per entry of the caches that hold something per keyspace whose size follows its schema,
// against the estimates that bound them in approximate bytes. For each keyspace named: the bridge's
// description (KeyspaceSchemaCache), the API's decoded description (SchemaCache) and the GraphQL
// executor built from it (KeyspaceExecutors); with --deployed E:F, the executor of a deployed
// schema of E entities of F fields (DeployedSchemas); with --facts T:M:U, the bridge's schema facts
// of a keyspace of T tables of M masked columns each and U functions (CassandraSchemaFacts, over
// an in-memory client). Each figure is the heap grown by N entries
// kept at once (after full GCs), divided by N.
//
//   node --expose-gc --import tsx tools/measure/schema-entry-heap.ts [--create T:C] ks… [--deployed E:F] [--facts T:M:U]
//
// --create T:C first creates each keyspace named (if missing) with T tables of a uuid key and C
// columns of mixed types. Reads Cassandra at CASSANDRA_CONTACT_POINTS (127.0.0.1:9042), as cassandra.
import cassandra from 'cassandra-driver';
import { CassandraSchemaFacts } from '../../services/bridge/src/auth/schema-facts.js';
import { describeKeyspace } from '../../services/bridge/src/schema/describe-keyspace.js';
import { describedKeyspaceBytes } from '../../services/bridge/src/schema/described-keyspace-bytes.js';
import { messageCodec } from '../../services/common/src/proto/message-codec.js';
import { decodedDescriptionBytes } from '../../services/common/src/schema/decoded-description-bytes.js';
import { descriptionExtent } from '../../services/common/src/schema/description-extent.js';
import type { KeyspaceDescription } from '../../services/common/src/schema/schema-cache.js';
import { tableViews } from '../../services/common/src/schema/table-view.js';
import { GraphqlExecutor } from '../../services/graphql/src/execution/graphql-executor.js';
import { KeptTextBudget } from '../../services/graphql/src/execution/kept-text-budget.js';
import { keyspaceSchemaBytes } from '../../services/graphql/src/execution/keyspace-schema-bytes.js';
import type { GraphQLSchema } from '../../services/graphql/src/graphql-js.js';
import type { ResolverDeps } from '../../services/graphql/src/resolvers/graphql-context.js';
import { buildDmlSchema } from '../../services/graphql/src/schema/dml-schema.js';
import { makeDeployedSchemaExecutable } from '../../services/graphql/src/schema-first/deployed-schema.js';
import { deployedSchemaBytes } from '../../services/graphql/src/schema-first/deployed-schema-bytes.js';
import { mapDeployedSchema } from '../../services/graphql/src/schema-first/schema-mapping.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const collectGarbage = gc;

function heapUsed(): number {
  for (let i = 0; i < 4; i++) collectGarbage();
  return process.memoryUsage().heapUsed;
}

async function perEntry(n: number, make: () => unknown): Promise<number> {
  await make(); // module state built lazily is not an entry's
  const kept: unknown[] = [];
  const before = heapUsed();
  for (let i = 0; i < n; i++) kept.push(await make());
  return (heapUsed() - before) / n;
}

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
function report(what: string, measured: number, estimated: number): void {
  console.log(
    `  ${what}: ${kib(measured)} measured, ${kib(estimated)} estimated (${(estimated / measured).toFixed(2)}x)`,
  );
}

const limits = { maxDepth: 20, maxCost: 100_000, jitAfter: 2, cacheSize: 256, maxTokens: 15_000 };
const budget = new KeptTextBudget(600_000);
// Building a schema never calls the bridge.
const deps = {} as ResolverDeps;

async function executorOf(schema: GraphQLSchema): Promise<GraphqlExecutor> {
  const executor = await GraphqlExecutor.create(schema, limits, budget);
  await executor.execute({ query: '{ __typename }' }, { token: 'measure' });
  return executor;
}

const COLUMN_TYPES = [
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

async function create(client: cassandra.Client, keyspace: string, tables: number, columns: number) {
  await client.execute(
    `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  const type = (c: number) => COLUMN_TYPES[c % COLUMN_TYPES.length]!;
  const definitions = Array.from(
    { length: columns },
    (_, c) => `col_${c}_${type(c).replace(/\W/g, '')} ${type(c)}`,
  );
  for (let t = 0; t < tables; t++)
    await client.execute(
      `CREATE TABLE IF NOT EXISTS ${keyspace}.t_${t} (id uuid PRIMARY KEY, ${definitions.join(', ')})`,
    );
}

async function measureKeyspace(client: cassandra.Client, keyspace: string): Promise<void> {
  const description = await describeKeyspace(client, keyspace);
  if (!description) throw new Error(`no keyspace ${keyspace}`);
  const codec = messageCodec<object, KeyspaceDescription>('stargate.CqlKeyspaceDescribe');
  const encoded = codec.encode(description);
  const decoded = codec.decode(encoded);
  const { tables, columns } = descriptionExtent(decoded);
  console.log(`${keyspace}: ${tables} tables and UDTs, ${columns} columns, ${encoded.length} bytes encoded`);
  report(
    'bridge description',
    await perEntry(20, () => describeKeyspace(client, keyspace)),
    describedKeyspaceBytes(description),
  );
  report(
    'API description and its table views',
    await perEntry(40, () => {
      const copy = codec.decode(encoded);
      tableViews(copy);
      return copy;
    }),
    decodedDescriptionBytes(decoded),
  );
  report(
    'GraphQL executor',
    await perEntry(5, () => executorOf(buildDmlSchema(decoded, keyspace, deps))),
    keyspaceSchemaBytes(decoded),
  );
}

function deployedSdl(entities: number, fields: number): string {
  const kinds = ['String', 'Int', 'Float', 'Boolean', 'BigInt', '[String]'];
  const field = (f: number) => `  field${f}: ${kinds[f % kinds.length]}\n`;
  const types = Array.from(
    { length: entities },
    (_, e) =>
      `type Entity${e} @cql_input {\n  id: ID! @cql_column(partitionKey: true)\n${Array.from({ length: fields }, (_, f) => field(f)).join('')}}\n`,
  );
  const queries = Array.from({ length: entities }, (_, e) => `  entity${e}(id: ID!): Entity${e}\n`);
  const mutations = Array.from(
    { length: entities },
    (_, e) => `  insertEntity${e}(e: Entity${e}Input!): Entity${e}\n`,
  );
  return `${types.join('')}type Query {\n${queries.join('')}}\ntype Mutation {\n${mutations.join('')}}\n`;
}

async function measureDeployed(entities: number, fields: number): Promise<void> {
  const sdl = deployedSdl(entities, fields);
  console.log(`deployed schema of ${entities} entities of ${fields} fields: ${sdl.length} characters`);
  const build = () =>
    executorOf(makeDeployedSchemaExecutable(mapDeployedSchema(sdl), 'measure', deps).schema);
  report('deployed executor', await perEntry(5, build), deployedSchemaBytes(sdl));
}

async function measureFacts(tables: number, masked: number, functions: number): Promise<void> {
  let keyspaces = 0;
  // Fresh strings per keyspace, as rows read from Cassandra are.
  const rows = (cql: string) => {
    const k = keyspaces;
    if (cql.includes('column_masks'))
      return Array.from({ length: tables * masked }, (_, i) => ({
        table_name: `table_${Math.floor(i / masked)}_${k}`,
        column_name: `column_${i % masked}_${k}`,
      }));
    if (cql.includes('system_schema.functions'))
      return Array.from({ length: functions }, (_, f) => ({ function_name: `function_${f}_${k}` }));
    return [];
  };
  const client = { execute: async (cql: string) => ({ rows: rows(cql) }) } as unknown as cassandra.Client;
  const facts = new CassandraSchemaFacts(() => client, 3_600_000);
  console.log(`schema facts of ${tables} tables of ${masked} masked columns and ${functions} functions`);
  const measured = await perEntry(50, async () => {
    keyspaces++;
    return facts.keyspace(`ks${keyspaces}`);
  });
  console.log(`  schema facts: ${kib(measured)} measured (the facts cache's own entries included)`);
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1]?.split(':').map(Number);
};
const toCreate = option('--create');
const deployed = option('--deployed');
const factsShape = option('--facts');
const client = new cassandra.Client({
  contactPoints: (process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042').split(','),
  localDataCenter: 'datacenter1',
  credentials: { username: 'cassandra', password: 'cassandra' },
  socketOptions: { readTimeout: 120_000 },
});
try {
  if (args.length > 0) await client.connect();
  for (const keyspace of args) {
    if (toCreate) await create(client, keyspace, toCreate[0]!, toCreate[1]!);
    await measureKeyspace(client, keyspace);
  }
  if (deployed) await measureDeployed(deployed[0]!, deployed[1]!);
  if (factsShape) await measureFacts(factsShape[0]!, factsShape[1]!, factsShape[2]!);
} finally {
  await client.shutdown();
}
process.exit(0);
