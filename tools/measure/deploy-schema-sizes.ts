// What deploySchema costs the GraphQL API as it ships: the bridge and the GraphQL API as their own
// processes with the production V8 flags (160 MiB heap), SDLs of a chosen shape and size sent to
// /graphql-admin one after the other (a dry run unless --real), and for each the answer (or the
// process's death; --concurrent N sends N at once), the time and the process's peak RSS so far (VmHWM; it only grows, so sizes go up).
//   CASSANDRA_CONTACT_POINTS=127.0.0.1:9042 npx tsx tools/measure/deploy-schema-sizes.ts \
//     --keyspace sdlc_measure --shape entities --sizes 100x30,300x30,1000x30 [--real] [--concurrent N]
// Shapes (size given as AxB): entities A types of B fields; tiny A one-field types (B unused);
// nested A input types each holding the next, B fields each; directives A fields of B directives;
// names A types whose names are B characters long; lists one field of A nested list brackets.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import cassandra from 'cassandra-driver';
import { spawnService } from '../../bench/lib/spawn-service.js';
import { productionEnv, productionNodeArgs } from '../build/node-options.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** The bridge and the GraphQL API with their production V8 flags, and a token of cassandra. */
async function startProcesses(contactPoints: string) {
  const [grpc, http, port] = [await freePort(), await freePort(), await freePort()];
  const common = { BIND_HOST: '127.0.0.1', LOG_LEVEL: 'error' };
  const bridge = await spawnService(
    'services/bridge/src/main.ts',
    {
      ...common,
      ...productionEnv('bridge'),
      BRIDGE_GRPC_PORT: String(grpc),
      BRIDGE_HTTP_PORT: String(http),
      CASSANDRA_CONTACT_POINTS: contactPoints,
    },
    `http://127.0.0.1:${http}/health/ready`,
    60_000,
    { nodeArgs: [...productionNodeArgs('bridge')] },
  );
  const api = await spawnService(
    'services/graphql/src/main.ts',
    {
      ...common,
      ...productionEnv('graphql'),
      BRIDGE_ADDRESS: `127.0.0.1:${grpc}`,
      GRAPHQL_PORT: String(port),
    },
    `http://127.0.0.1:${port}/health/ready`,
    60_000,
    { nodeArgs: [...productionNodeArgs('graphql')] },
  );
  const login = await fetch(`http://127.0.0.1:${http}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
  });
  const { authToken } = (await login.json()) as { authToken: string };
  return { bridge, api, port, token: authToken };
}

export function sdlOf(shape: string, a: number, b: number): string {
  const lines: string[] = [];
  switch (shape) {
    case 'entities': {
      const kinds = ['String', 'Int', 'Float', 'Boolean', 'BigInt', '[String]'];
      for (let e = 0; e < a; e++) {
        lines.push(`type Entity${e} @cql_input {`, '  id: ID! @cql_column(partitionKey: true)');
        for (let f = 0; f < b; f++) lines.push(`  field${f}: ${kinds[f % kinds.length]}`);
        lines.push('}');
      }
      lines.push('type Query {');
      for (let e = 0; e < a; e++) lines.push(`  entity${e}(id: ID!): Entity${e}`);
      lines.push('}', 'type Mutation {');
      for (let e = 0; e < a; e++) lines.push(`  insertEntity${e}(e: Entity${e}Input!): Entity${e}`);
      lines.push('}');
      break;
    }
    case 'tiny':
      for (let e = 0; e < a; e++) lines.push(`type T${e}{id:ID!}`);
      lines.push('type Query{t:T0}');
      break;
    case 'nested':
      for (let e = 0; e < a; e++) {
        const next = e + 1 < a ? ` n: I${e + 1}` : '';
        lines.push(`input I${e} {${Array.from({ length: b }, (_, f) => ` f${f}: Int`).join('')}${next} }`);
      }
      lines.push('type T @cql_input { id: ID! }', 'type Query { t(id: ID!, i: I0): T }');
      break;
    case 'directives':
      lines.push('type T @cql_input {', '  id: ID!');
      for (let f = 0; f < a; f++) lines.push(`  f${f}: Int${' @cql_column(name: "c")'.repeat(b)}`);
      lines.push('}', 'type Query { t(id: ID!): T }');
      break;
    case 'names':
      for (let e = 0; e < a; e++) lines.push(`type ${`N${e}_`.padEnd(b, 'x')} { id: ID! }`);
      lines.push('type Query { t: Int }');
      break;
    case 'lists':
      lines.push(`type T { id: ID! deep: ${'['.repeat(a)}Int${']'.repeat(a)} }`, 'type Query { t: T }');
      break;
    default:
      throw new Error(`unknown shape ${shape}`);
  }
  return `${lines.join('\n')}\n`;
}

function peakRssMiB(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Math.round(Number(kb) / 1024);
  } catch {
    return Number.NaN;
  }
}

/** One deploySchema; its outcome in a few words. */
async function deployOnce(port: number, token: string, keyspace: string, sdl: string, real: boolean) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cassandra-token': token },
    body: JSON.stringify({
      query: `mutation($s: String!) { deploySchema(keyspace: "${keyspace}", schema: $s, dryRun: ${!real}, force: true, migrationStrategy: DROP_AND_RECREATE_ALL) { version cqlChanges } }`,
      variables: { s: sdl },
    }),
    signal: AbortSignal.timeout(600_000),
  });
  const body = JSON.parse(await res.text()) as {
    data?: { deploySchema?: { cqlChanges: string[] } };
    errors?: { message: string }[];
  };
  return body.errors
    ? `${res.status} error: ${body.errors[0]?.message.slice(0, 120)}`
    : `${res.status}, ${body.data?.deploySchema?.cqlChanges.length} CQL statements`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at < 0 ? undefined : args[at + 1];
  };
  const keyspace = option('--keyspace') ?? 'sdlc_measure';
  const shape = option('--shape') ?? 'entities';
  const sizes = (option('--sizes') ?? '100x30').split(',').map((s) => s.split('x').map(Number));
  const real = args.includes('--real');
  const concurrent = Number(option('--concurrent') ?? 1);
  const contactPoints = process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042';
  const driver = new cassandra.Client({
    contactPoints: contactPoints.split(','),
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
  });
  await driver.execute(
    `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  const { bridge, api, port, token } = await startProcesses(contactPoints);
  const died: string[] = [];
  api.child.once('exit', (code, signal) => died.push(`exited ${signal ?? code}`));
  console.log(
    `shape ${shape}, ${real ? 'real deploys' : 'dry runs'}; idle peak RSS ${peakRssMiB(api.pid)} MiB`,
  );
  try {
    for (const [a = 0, b = 0] of sizes) {
      const sdl = sdlOf(shape, a, b);
      const started = Date.now();
      let outcome: string;
      try {
        const outcomes = await Promise.all(
          Array.from({ length: concurrent }, () => deployOnce(port, token, keyspace, sdl, real)),
        );
        outcome = [...new Set(outcomes)].join(' | ');
      } catch (err) {
        await new Promise((r) => setTimeout(r, 500));
        outcome = `no answer (${(err as Error).message}) ${died.join('')}`;
      }
      const ms = Date.now() - started;
      console.log(
        `${a}x${b}: ${sdl.length} chars, ${(sdl.match(/:/g) ?? []).length} colons → ${outcome}; ${ms} ms; peak RSS ${peakRssMiB(api.pid)} MiB`,
      );
      if (died.length) break;
    }
  } finally {
    await api.stop();
    await bridge.stop();
    await driver.shutdown();
  }
}

if (process.argv[1]?.endsWith('deploy-schema-sizes.ts')) await main();
