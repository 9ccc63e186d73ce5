// Cold start and memory of each API in several ways of running it: `tsx` (node --import tsx on the
// TypeScript sources) and the compiled layouts of tools/build (`bundle-deps` ships; `bundle` and
// `files` are the alternatives it was chosen from), optionally under other V8 flags.
//
//   npx tsx bench/startup.ts [--apis rest,grpc] [--modes tsx,bundle-deps,bundle,files] [--runs 3] [--requests 2000]
//                            [--concurrency 8] [--reads point|page] [--node-options '<flags>'] [--profile]
//                            [--compile-cache off,cold,image,warm] [--port-offset 13000]
//
// Each API is started alone (the bridge is already up), timed from spawn to its first successful
// request, then sent `--requests` reads (`--reads point|page`: one row, or 100-row pages) at
// `--concurrency`; RSS is read after the first
// request and at the end (VmHWM), CPU per request over the reads. --profile runs one more start
// of each API (first compiled mode) with node --cpu-prof and prints where its start-up time goes.
// --compile-cache compares Node's module compile cache (turned on by the compiled entry, tools/build):
// `off` (NODE_DISABLE_COMPILE_CACHE=1), `cold` (an empty cache folder at every start: a new pod's first
// start, which also writes the cache), `image` (a folder filled the way deploy/Dockerfile fills the
// image's: the service started alone, without a bridge, for 5 s, then stopped; a fresh copy for every
// start, as the image's is read-only) and `warm` (a folder filled by one unmeasured start with requests:
// every later start on the same machine). Variants (mode × flags × cache) are interleaved start by start.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { LAYOUTS, type Layout } from '../tools/build/build-services.js';
import { API_NODE_OPTIONS } from '../tools/build/node-options.js';
import { useCassandra } from './lib/cassandra.js';
import { formatProfileSummary, summarizeProfile } from './lib/cpu-profile.js';
import { KEYSPACE, PAGE_PARTITIONS, PAGE_ROWS, prepareTables } from './lib/dataset.js';
import { runHttpLoad } from './lib/http-load.js';
import { runAtConcurrency } from './lib/latency-run.js';
import { cpuSeconds, peakRssMiB, rssMiB } from './lib/process-cpu.js';
import type { GatewayApi } from './lib/scenarios.js';
import {
  checkPortsFree,
  compiledServices,
  login,
  mainThreadProfile,
  portsOf,
  type RunningService,
  type StartOptions,
  startApi,
  startBridge,
} from './lib/stack.js';
import { StargateGrpc } from './lib/stargate-grpc.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const resultsDir = join(repoRoot, 'bench', 'results');
const { values } = parseArgs({
  options: {
    apis: { type: 'string', default: 'grpc,rest,graphql,docs' },
    runs: { type: 'string', default: '3' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    reads: { type: 'string', default: 'point' },
    modes: { type: 'string', default: 'tsx,bundle-deps' },
    'node-options': { type: 'string', default: API_NODE_OPTIONS },
    profile: { type: 'boolean', default: false },
    'compile-cache': { type: 'string', default: 'warm' },
    'port-offset': { type: 'string', default: '13000' },
  },
});
type Mode = 'tsx' | Layout;
const modes = values.modes.split(',').map((m) => m.trim()) as Mode[];
for (const mode of modes) {
  if (mode !== 'tsx' && !(LAYOUTS as readonly string[]).includes(mode)) {
    console.error(`--modes: ${mode} is not tsx or one of ${LAYOUTS.join(', ')}`);
    process.exit(2);
  }
}
const concurrency = Math.max(1, Math.min(256, Number(values.concurrency)));
// Several sets of V8 flags, separated by ';', are compared start by start (interleaved).
const nodeOptionSets = values['node-options'].split(';').map((o) => o.trim());
const CACHE_MODES = ['off', 'cold', 'image', 'warm'] as const;
type CacheMode = (typeof CACHE_MODES)[number];
const cacheModes = values['compile-cache'].split(',').map((c) => c.trim()) as CacheMode[];
for (const cache of cacheModes) {
  if (!(CACHE_MODES as readonly string[]).includes(cache)) {
    console.error(`--compile-cache: ${cache} is not one of ${CACHE_MODES.join(', ')}`);
    process.exit(2);
  }
}
interface Variant {
  mode: Mode;
  nodeOptions: string;
  cache: CacheMode;
}
const variants: Variant[] = modes.flatMap((mode) =>
  nodeOptionSets.flatMap((nodeOptions) => cacheModes.map((cache) => ({ mode, nodeOptions, cache }))),
);
const reads = values.reads === 'page' ? 'page' : 'point';
const apis = values.apis.split(',').map((a) => a.trim()) as GatewayApi[];
const runs = Math.max(1, Math.min(10, Number(values.runs)));
const requests = Math.max(100, Math.min(100_000, Number(values.requests)));
const offset = Number(values['port-offset']);
const log = (line: string) => console.log(`[startup] ${line}`);

interface Sample {
  api: GatewayApi;
  mode: Mode;
  nodeOptions: string;
  cache: CacheMode;
  coldStartMs: number;
  /** CPU the process used from spawn to its first answered request: cold start without waiting for a core. */
  coldStartCpuMs: number;
  rssAfterFirstMiB: number;
  peakRssMiB: number;
  /** CPU (user + system, every thread) per request over the point reads, in µs. */
  cpuUsPerRequest: number;
}

/** `point`: one row (kv); `page`: a 100-row page of one partition (pages), the larger responses. */
async function loadReads(service: RunningService, token: string): Promise<void> {
  const page = reads === 'page';
  const key = (() => {
    let i = 0;
    return () => (i++ * 7919) % (page ? PAGE_PARTITIONS : 10_000);
  })();
  const options = { concurrency, durationMs: 120_000, maxRequests: requests };
  switch (service.name) {
    case 'grpc': {
      const client = new StargateGrpc(`127.0.0.1:${service.ports.GRPC_PORT}`, token);
      await runAtConcurrency(
        () =>
          client.execute(
            page
              ? {
                  cql: `SELECT pk, ck, v FROM ${KEYSPACE}.pages WHERE pk = ?`,
                  values: { values: [{ int: key() }] },
                  parameters: { pageSize: { value: PAGE_ROWS } },
                }
              : { cql: `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`, values: { values: [{ int: key() }] } },
          ),
        options,
      );
      client.close();
      return;
    }
    case 'rest':
      await runHttpLoad(
        `http://127.0.0.1:${service.ports.REST_PORT}`,
        () => ({
          method: 'GET',
          path: page
            ? `/v2/keyspaces/${KEYSPACE}/pages/${key()}?page-size=${PAGE_ROWS}`
            : `/v2/keyspaces/${KEYSPACE}/kv/${key()}`,
        }),
        { ...options, headers: { 'x-cassandra-token': token } },
      );
      return;
    case 'graphql':
      await runHttpLoad(
        `http://127.0.0.1:${service.ports.GRAPHQL_PORT}`,
        () => ({
          method: 'POST',
          path: `/graphql/${KEYSPACE}`,
          body: JSON.stringify({
            query: page
              ? `{ pages(value: { pk: ${key()} }, options: { pageSize: ${PAGE_ROWS} }) { values { pk ck v } pageState } }`
              : `{ kv(value: { k: ${key()} }) { values { k v } } }`,
          }),
        }),
        { ...options, headers: { 'x-cassandra-token': token } },
      );
      return;
    case 'docs':
      // The collection list (the collection itself may not exist yet).
      await runHttpLoad(
        `http://127.0.0.1:${service.ports.DOCS_PORT}`,
        () => ({ method: 'GET', path: '/v2/namespaces/bench_docs/collections' }),
        { ...options, headers: { 'x-cassandra-token': token } },
      );
      return;
  }
}

function startOptions(base: StartOptions, mode: Mode): StartOptions {
  return mode === 'tsx' ? { ...base, runner: 'tsx' } : { ...base, runner: 'compiled', layout: mode };
}

// Compile cache folders of this run (removed at exit): one per start for `cold` and `image` (a copy of
// the variant's filled one), one per variant for `warm`.
const cacheRoot = join(resultsDir, `compile-cache-${process.pid}`);
process.once('exit', () => rmSync(cacheRoot, { recursive: true, force: true }));
let coldFolders = 0;
function cacheEnv(api: GatewayApi, variant: Variant): Record<string, string> {
  switch (variant.cache) {
    case 'off':
      return { NODE_DISABLE_COMPILE_CACHE: '1' };
    case 'cold':
      return { NODE_COMPILE_CACHE: join(cacheRoot, `cold-${coldFolders++}`) };
    case 'image': {
      const copy = join(cacheRoot, `start-${coldFolders++}`);
      cpSync(join(cacheRoot, `image-${api}-${variants.indexOf(variant)}`), copy, { recursive: true });
      return { NODE_COMPILE_CACHE: copy };
    }
    case 'warm':
      return { NODE_COMPILE_CACHE: join(cacheRoot, `warm-${api}-${variants.indexOf(variant)}`) };
  }
}
/** Fills a cache as deploy/Dockerfile does: the service alone (no bridge answers) for 5 s, then SIGTERM. */
async function fillImageCache(api: GatewayApi, variant: Variant): Promise<void> {
  const layout = variant.mode === 'tsx' ? undefined : variant.mode;
  if (!layout) throw new Error('--compile-cache image needs a compiled mode');
  const entry = join(await compiledServices(layout, log), api, 'main.js');
  const ports = Object.fromEntries(Object.entries(portsOf(api, offset)).map(([k, v]) => [k, String(v)]));
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      ...ports,
      BIND_HOST: '127.0.0.1',
      BRIDGE_ADDRESS: '127.0.0.1:1',
      LOG_LEVEL: 'silent',
      SHUTDOWN_DEADLINE_MS: '2000',
      NODE_OPTIONS: variant.nodeOptions,
      NODE_COMPILE_CACHE: join(cacheRoot, `image-${api}-${variants.indexOf(variant)}`),
    },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise((r) => setTimeout(r, 5_000));
  child.kill('SIGTERM');
  await exited;
}

const sameVariant = (s: Sample, v: Variant) =>
  s.mode === v.mode && s.nodeOptions === v.nodeOptions && s.cache === v.cache;

const median = (xs: number[]) =>
  xs.length === 0 ? Number.NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const db = await useCassandra(log).catch((err: Error) => {
  console.error(
    `Cassandra is not available: ${err.message}\nSet CASSANDRA_CONTACT_POINTS=host:port to use a running cluster.`,
  );
  process.exit(1);
});
const direct = new cassandra.Client({
  contactPoints: db.contactPoints.split(','),
  localDataCenter: 'datacenter1',
  credentials: { username: 'cassandra', password: 'cassandra' },
});
const samples: Sample[] = [];
const profiles: string[] = [];
let bridge: RunningService | undefined;
try {
  await direct.connect();
  await prepareTables(direct, log);
  await checkPortsFree(['bridge', ...apis], offset);
  const base: StartOptions = {
    offset,
    contactPoints: db.contactPoints,
    profile: [],
    profileDir: join(resultsDir, 'profiles'),
    stamp: new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19),
    log,
  };
  bridge = await startBridge({ ...base, runner: 'compiled' });
  const token = await login(bridge.ports.BRIDGE_HTTP_PORT!);
  for (const api of apis) {
    for (const variant of variants.filter((v) => v.cache === 'image')) await fillImageCache(api, variant);
    // A warm cache is filled by one start that is not measured.
    for (const variant of variants.filter((v) => v.cache === 'warm')) {
      const service = await startApi(api, token, {
        ...startOptions(base, variant.mode),
        nodeOptions: variant.nodeOptions,
        env: cacheEnv(api, variant),
        readyTimeoutMs: 30_000,
      }).catch(() => undefined);
      await service?.spawned.stop();
    }
    for (let run = 0; run < runs; run++) {
      for (const variant of variants) {
        const { mode, nodeOptions, cache } = variant;
        // One start that fails (e.g. the API answers errors) is reported and left out, not fatal.
        const service = await startApi(api, token, {
          ...startOptions(base, mode),
          nodeOptions,
          env: cacheEnv(api, variant),
          readyTimeoutMs: 30_000,
        }).catch((err: Error) => {
          log(`${api} (${mode}, compile cache ${cache}) run ${run + 1} left out: ${err.message}`);
          return undefined;
        });
        if (!service) continue;
        const cpuBefore = cpuSeconds(service.spawned.pid);
        const rssAfterFirst = rssMiB(service.spawned.pid);
        await loadReads(service, token);
        samples.push({
          api,
          mode,
          nodeOptions,
          cache,
          coldStartMs: service.spawned.firstRequestMs ?? Number.NaN,
          coldStartCpuMs: cpuBefore * 1000,
          rssAfterFirstMiB: rssAfterFirst,
          peakRssMiB: peakRssMiB(service.spawned.pid),
          cpuUsPerRequest: ((cpuSeconds(service.spawned.pid) - cpuBefore) * 1e6) / requests,
        });
        await service.spawned.stop();
      }
    }
    const profiledMode = modes.find((m) => m !== 'tsx');
    if (values.profile && profiledMode) {
      const service = await startApi(api, token, {
        ...startOptions(base, profiledMode),
        nodeOptions: nodeOptionSets[0],
        profile: [api],
      });
      await service.spawned.stop();
      const file = service.profileDir ? mainThreadProfile(service.profileDir) : undefined;
      if (file)
        profiles.push(
          formatProfileSummary(
            summarizeProfile(file, 15, undefined, `start-up of the compiled API (${profiledMode})`),
            15,
          ),
        );
    }
  }
} finally {
  await bridge?.spawned.stop();
  await direct.shutdown().catch(() => undefined);
  await db.release({ keep: false, log });
}

const lines = [
  `## Cold start and memory by way of running (median of ${runs} starts each; ${requests} ${reads} reads at c=${concurrency} after the first request)`,
  '',
  '| API | mode | NODE_OPTIONS | compile cache | cold start ms | CPU to first request ms | RSS after first request MiB | peak RSS MiB | CPU µs/request |',
  '|---|---|---|---|---:|---:|---:|---:|---:|',
];
for (const api of apis) {
  for (const variant of variants) {
    const of = (pick: (s: Sample) => number) =>
      median(samples.filter((s) => s.api === api && sameVariant(s, variant)).map(pick));
    lines.push(
      `| ${api} | ${variant.mode} | \`${variant.nodeOptions}\` | ${variant.cache} | ${of((s) => s.coldStartMs).toFixed(0)} | ${of((s) => s.coldStartCpuMs).toFixed(0)} | ${of((s) => s.rssAfterFirstMiB).toFixed(0)} | ${of((s) => s.peakRssMiB).toFixed(0)} | ${of((s) => s.cpuUsPerRequest).toFixed(0)} |`,
    );
  }
}
const report = [...lines, ...profiles.flatMap((p) => ['', p])].join('\n');
console.log(`\n${report}\n`);
mkdirSync(resultsDir, { recursive: true });
const out = join(resultsDir, `startup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  out,
  `${JSON.stringify({ runs, requests, reads, concurrency, nodeOptionSets, modes, cacheModes, samples }, null, 2)}\n`,
);
writeFileSync(out.replace(/\.json$/, '.md'), `${report}\n`);
log(`results: ${out}`);
