// The bridge and the APIs, each its own process on Stargate's port + an offset (so a developer's
// `npm start` keeps its ports), started one after the other so that each cold start is timed alone:
// process spawn → first successful request through that process. They run as they ship: the
// compiled JavaScript of `npm run build` (built once per benchmark process into its own folder, so
// concurrent runs and a developer's dist/ do not disturb each other); BENCH_RUNNER=tsx runs the
// TypeScript sources through tsx instead. Every service gets the production V8 flags
// (tools/build/node-options.ts: NODE_OPTIONS and the bridge's command-line flags) unless
// BENCH_NODE_OPTIONS names others.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { loadStargateProto } from '../../services/common/src/proto/load-protos.js';
import {
  type ServiceName as BuiltService,
  buildServices,
  compiledEntry,
  DEFAULT_LAYOUT,
  type Layout,
} from '../../tools/build/build-services.js';
import { productionEnv, productionNodeArgs, productionNodeOptions } from '../../tools/build/node-options.js';
import { SERVICES, type ServiceDefinition } from '../../tools/stack/service-registry.js';
import { DOCS_NAMESPACE, KEYSPACE } from './dataset.js';
import type { ServiceName } from './options.js';
import type { GatewayApi } from './scenarios.js';
import { type SpawnedService, spawnService } from './spawn-service.js';

export interface RunningService {
  name: ServiceName;
  spawned: SpawnedService;
  /** port env name → port */
  ports: Record<string, number>;
  coldStartRequest: string;
  profiled: boolean;
  /** Where node --cpu-prof writes this service's profiles. */
  profileDir?: string;
}

/** The main thread's profile in a --cpu-prof folder (CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile). */
export function mainThreadProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => /^CPU\..*\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  return files.length > 0 ? join(dir, files.sort().at(-1)!) : undefined;
}

const READY_TIMEOUT_MS = 90_000;

function definition(name: ServiceName): ServiceDefinition {
  const def = SERVICES.find((s) => s.name === name);
  if (!def) throw new Error(`no service ${name} in tools/stack/service-registry.ts`);
  return def;
}

export function portsOf(name: ServiceName, offset: number): Record<string, number> {
  return Object.fromEntries(definition(name).ports.map((p) => [p.env, p.default + offset]));
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function checkPortsFree(names: ServiceName[], offset: number): Promise<void> {
  const busy: string[] = [];
  for (const name of names) {
    for (const [env, port] of Object.entries(portsOf(name, offset))) {
      if (!(await portFree(port))) busy.push(`${name} ${env}=${port}`);
    }
  }
  if (busy.length > 0) {
    throw new Error(`ports in use: ${busy.join(', ')} (another benchmark? choose --port-offset)`);
  }
}

const ok = async (res: Response, check?: (body: string) => boolean): Promise<boolean> => {
  const body = await res.text();
  return res.status >= 200 && res.status < 300 && (check ? check(body) : true);
};

export interface StartOptions {
  offset: number;
  contactPoints: string;
  profile: ServiceName[];
  profileDir: string;
  stamp: string;
  log: (line: string) => void;
  /**
   * `compiled` (default; BENCH_RUNNER=tsx changes the default): `npm run build`'s output run with
   * plain node; `tsx`: node --import tsx on the TypeScript sources.
   */
  runner?: Runner;
  /** The compiled layout to run (default: what ships, DEFAULT_LAYOUT). */
  layout?: Layout;
  /** Bound of the wait for readiness and the first request (default 90 s). */
  readyTimeoutMs?: number;
  /** V8 flags of every service (default: BENCH_NODE_OPTIONS, else each service's production flags as in the manifests). */
  nodeOptions?: string;
  /** More environment for the service (e.g. NODE_COMPILE_CACHE). */
  env?: Record<string, string>;
}

export type Runner = 'compiled' | 'tsx';

export function defaultRunner(): Runner {
  return process.env.BENCH_RUNNER === 'tsx' ? 'tsx' : 'compiled';
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const builds = new Map<Layout, Promise<string>>();

/** Compiles the services once per layout and benchmark process; the folder goes when the process exits. */
export function compiledServices(layout: Layout, log: (line: string) => void): Promise<string> {
  let built = builds.get(layout);
  if (!built) {
    const outDir = join(repoRoot, 'bench', 'results', `build-${process.pid}-${layout}`);
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    built = buildServices({ root: repoRoot, outDir, layout }).then((result) => {
      log(`compiled the services (${layout}) in ${result.ms} ms`);
      return outDir;
    });
    builds.set(layout, built);
  }
  return built;
}

async function start(
  name: ServiceName,
  env: Record<string, string>,
  firstRequest: { what: string; attempt: () => Promise<boolean> },
  options: StartOptions,
): Promise<RunningService> {
  const def = definition(name);
  const ports = portsOf(name, options.offset);
  const profiled = options.profile.includes(name);
  // One folder per service: node writes a profile per thread (the main thread's name has
  // thread id 0; tsx's module loader runs in a second thread).
  const profileDir = join(options.profileDir, `${name}-${options.stamp}`);
  if (profiled) mkdirSync(profileDir, { recursive: true });
  const portEnv = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));
  const healthPort = ports[def.healthPortEnv];
  const runner = options.runner ?? defaultRunner();
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const entry =
    runner === 'compiled'
      ? compiledEntry(name as BuiltService, layout, await compiledServices(layout, options.log))
      : def.entry;
  // An empty BENCH_NODE_OPTIONS means "not set", not "no flags". Flags named there replace all of
  // the production ones, the command-line flags NODE_OPTIONS cannot carry included.
  const chosenOptions = options.nodeOptions ?? (process.env.BENCH_NODE_OPTIONS || undefined);
  const nodeOptions = chosenOptions ?? productionNodeOptions(name);
  const nodeArgs = [
    ...(chosenOptions === undefined ? productionNodeArgs(name) : []),
    ...(profiled ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
  ];
  const spawned = await spawnService(
    entry,
    // As the image runs them (deploy/Dockerfile sets NODE_ENV=production: graphql-js skips its
    // development-only checks then).
    {
      BIND_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...productionEnv(name),
      NODE_OPTIONS: nodeOptions,
      ...portEnv,
      ...env,
      ...options.env,
    },
    `http://127.0.0.1:${healthPort}/health/ready`,
    options.readyTimeoutMs ?? READY_TIMEOUT_MS,
    {
      nodeArgs,
      firstRequest: firstRequest.attempt,
      label: name,
      pollMs: 10,
      runner: runner === 'compiled' ? 'node' : 'tsx',
    },
  );
  options.log(
    `${name} (${runner === 'compiled' ? layout : 'tsx'}) ready in ${spawned.startupMs} ms, first ${firstRequest.what} answered ${spawned.firstRequestMs} ms after spawn${profiled ? ' (profiled)' : ''}`,
  );
  return {
    name,
    spawned,
    ports,
    coldStartRequest: firstRequest.what,
    profiled,
    profileDir: profiled ? profileDir : undefined,
  };
}

export async function login(bridgeHttpPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${bridgeHttpPort}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`POST /v1/auth: ${res.status} ${body.slice(0, 200)}`);
  return (JSON.parse(body) as { authToken: string }).authToken;
}

export async function startBridge(options: StartOptions): Promise<RunningService> {
  const httpPort = portsOf('bridge', options.offset).BRIDGE_HTTP_PORT!;
  return start(
    'bridge',
    { CASSANDRA_CONTACT_POINTS: options.contactPoints },
    { what: 'POST /v1/auth', attempt: () => login(httpPort).then(() => true) },
    options,
  );
}

/** One gRPC point read on a fresh channel (a reused channel would back off after a refused connection). */
async function grpcProbe(address: string, token: string): Promise<boolean> {
  const { Stargate } = loadStargateProto().stargate;
  const client = new Stargate(address, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  md.set('x-cassandra-token', token);
  try {
    return await new Promise<boolean>((resolve) =>
      client.ExecuteQuery(
        { cql: `SELECT v FROM ${KEYSPACE}.kv WHERE k = ?`, values: { values: [{ int: 1 }] } },
        md,
        { deadline: Date.now() + 5_000 },
        (err, res) => resolve(!err && res?.resultSet?.rows?.length === 1),
      ),
    );
  } finally {
    client.close();
  }
}

export async function startApi(
  name: GatewayApi,
  token: string,
  options: StartOptions,
): Promise<RunningService> {
  const bridgeAddress = `127.0.0.1:${portsOf('bridge', options.offset).BRIDGE_GRPC_PORT}`;
  const ports = portsOf(name, options.offset);
  const headers = { 'x-cassandra-token': token };
  const timeout = () => AbortSignal.timeout(5_000);
  const env = { BRIDGE_ADDRESS: bridgeAddress };
  switch (name) {
    case 'rest': {
      const url = `http://127.0.0.1:${ports.REST_PORT}/v2/keyspaces/${KEYSPACE}/kv/1`;
      return start(
        name,
        env,
        { what: 'GET row', attempt: async () => ok(await fetch(url, { headers, signal: timeout() })) },
        options,
      );
    }
    case 'graphql': {
      const url = `http://127.0.0.1:${ports.GRAPHQL_PORT}/graphql/${KEYSPACE}`;
      const body = JSON.stringify({ query: '{ kv(value: { k: 1 }) { values { v } } }' });
      return start(
        name,
        env,
        {
          what: 'GraphQL query',
          attempt: async () =>
            ok(
              await fetch(url, {
                method: 'POST',
                headers: { ...headers, 'content-type': 'application/json' },
                body,
                signal: timeout(),
              }),
              (b) => !b.includes('"errors"'),
            ),
        },
        options,
      );
    }
    case 'docs': {
      // The collection may not exist yet (it is created through this API): list the namespace's.
      const url = `http://127.0.0.1:${ports.DOCS_PORT}/v2/namespaces/${DOCS_NAMESPACE}/collections`;
      return start(
        name,
        env,
        {
          what: 'GET collections',
          attempt: async () => ok(await fetch(url, { headers, signal: timeout() })),
        },
        options,
      );
    }
    case 'grpc': {
      const address = `127.0.0.1:${ports.GRPC_PORT}`;
      return start(name, env, { what: 'ExecuteQuery', attempt: () => grpcProbe(address, token) }, options);
    }
  }
}
