// Cold start and memory of each API, run as today (node --import tsx on the TypeScript sources) and
// as precompiled JavaScript (the same sources compiled file by file with esbuild into
// bench/results/build, run with plain node): what shipping compiled JavaScript would change for the
// issue-10 targets "cold start ≤ 1 s" and "≤ 120 MB RSS".
//
//   npx tsx bench/startup.ts [--apis rest,grpc] [--runs 3] [--requests 2000] [--profile]
//
// Each API is started alone (the bridge is already up), timed from spawn to its first successful
// request, then sent `--requests` point reads at concurrency 8; RSS is read after the first request
// and at the end (VmHWM). --profile runs one more compiled start of each API with node --cpu-prof
// and prints where its start-up time goes.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { build } from 'esbuild';
import { useCassandra } from './lib/cassandra.js';
import { formatProfileSummary, summarizeProfile } from './lib/cpu-profile.js';
import { KEYSPACE, prepareTables } from './lib/dataset.js';
import { runHttpLoad } from './lib/http-load.js';
import { runAtConcurrency } from './lib/latency-run.js';
import { peakRssMiB, rssMiB } from './lib/process-cpu.js';
import type { GatewayApi } from './lib/scenarios.js';
import {
  checkPortsFree,
  login,
  mainThreadProfile,
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
    profile: { type: 'boolean', default: false },
    'port-offset': { type: 'string', default: '13000' },
  },
});
const apis = values.apis.split(',').map((a) => a.trim()) as GatewayApi[];
const runs = Math.max(1, Math.min(10, Number(values.runs)));
const requests = Math.max(100, Math.min(100_000, Number(values.requests)));
const offset = Number(values['port-offset']);
const log = (line: string) => console.log(`[startup] ${line}`);

/** The services compiled file by file (no bundling: import.meta.url-relative paths keep working). */
async function compileServices(): Promise<string> {
  const out = join(resultsDir, 'build');
  rmSync(out, { recursive: true, force: true });
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) sources.push(path);
    }
  };
  walk(join(repoRoot, 'services'));
  await build({
    entryPoints: sources,
    outdir: join(out, 'services'),
    outbase: join(repoRoot, 'services'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  cpSync(join(repoRoot, 'package.json'), join(out, 'package.json'));
  for (const shared of ['node_modules', 'proto', 'schemas']) {
    if (!existsSync(join(out, shared))) symlinkSync(join(repoRoot, shared), join(out, shared));
  }
  log(`compiled ${sources.length} files into ${relative(repoRoot, out)}`);
  return out;
}

interface Sample {
  api: GatewayApi;
  mode: 'tsx' | 'compiled';
  coldStartMs: number;
  rssAfterFirstMiB: number;
  peakRssMiB: number;
}

async function loadPointReads(service: RunningService, token: string): Promise<void> {
  const key = (() => {
    let i = 0;
    return () => (i++ * 7919) % 10_000;
  })();
  const options = { concurrency: 8, durationMs: 60_000, maxRequests: requests };
  switch (service.name) {
    case 'grpc': {
      const client = new StargateGrpc(`127.0.0.1:${service.ports.GRPC_PORT}`, token);
      await runAtConcurrency(
        () =>
          client.execute({
            cql: `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`,
            values: { values: [{ int: key() }] },
          }),
        options,
      );
      client.close();
      return;
    }
    case 'rest':
      await runHttpLoad(
        `http://127.0.0.1:${service.ports.REST_PORT}`,
        () => ({ method: 'GET', path: `/v2/keyspaces/${KEYSPACE}/kv/${key()}` }),
        { ...options, headers: { 'x-cassandra-token': token } },
      );
      return;
    case 'graphql':
      await runHttpLoad(
        `http://127.0.0.1:${service.ports.GRAPHQL_PORT}`,
        () => ({
          method: 'POST',
          path: `/graphql/${KEYSPACE}`,
          body: JSON.stringify({ query: `{ kv(value: { k: ${key()} }) { values { k v } } }` }),
        }),
        { ...options, headers: { 'x-cassandra-token': token } },
      );
      return;
    case 'docs':
      await runHttpLoad(
        `http://127.0.0.1:${service.ports.DOCS_PORT}`,
        () => ({ method: 'GET', path: '/v2/namespaces/bench_docs/collections' }),
        { ...options, headers: { 'x-cassandra-token': token } },
      );
      return;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
let compiled: string | undefined;
try {
  await direct.connect();
  await prepareTables(direct, log);
  compiled = await compileServices();
  await checkPortsFree(['bridge', ...apis], offset);
  const base: StartOptions = {
    offset,
    contactPoints: db.contactPoints,
    profile: [],
    profileDir: join(resultsDir, 'profiles'),
    stamp: new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19),
    log,
  };
  bridge = await startBridge(base);
  const token = await login(bridge.ports.BRIDGE_HTTP_PORT!);
  for (const api of apis) {
    for (let run = 0; run < runs; run++) {
      for (const mode of ['tsx', 'compiled'] as const) {
        const service = await startApi(
          api,
          token,
          mode === 'compiled' ? { ...base, compiledRoot: compiled } : base,
        );
        const rssAfterFirst = rssMiB(service.spawned.pid);
        await loadPointReads(service, token);
        samples.push({
          api,
          mode,
          coldStartMs: service.spawned.firstRequestMs ?? Number.NaN,
          rssAfterFirstMiB: rssAfterFirst,
          peakRssMiB: peakRssMiB(service.spawned.pid),
        });
        await service.spawned.stop();
      }
    }
    if (values.profile) {
      const service = await startApi(api, token, { ...base, compiledRoot: compiled, profile: [api] });
      await service.spawned.stop();
      const file = service.profileDir ? mainThreadProfile(service.profileDir) : undefined;
      if (file)
        profiles.push(
          formatProfileSummary(summarizeProfile(file, 15, undefined, 'start-up of the compiled API'), 15),
        );
    }
  }
} finally {
  await bridge?.spawned.stop();
  // The compiled copy is only needed while the processes run (and would confuse editors and tools).
  if (compiled) rmSync(compiled, { recursive: true, force: true });
  await direct.shutdown().catch(() => undefined);
  await db.release({ keep: false, log });
}

const lines = [
  `## Cold start and memory: tsx vs precompiled JavaScript (median of ${runs} starts each; ${requests} point reads at c=8 after the first request)`,
  '',
  '| API | cold start tsx ms | cold start compiled ms | RSS after first request tsx / compiled MiB | peak RSS tsx / compiled MiB |',
  '|---|---:|---:|---:|---:|',
];
for (const api of apis) {
  const of = (mode: Sample['mode'], pick: (s: Sample) => number) =>
    median(samples.filter((s) => s.api === api && s.mode === mode).map(pick));
  lines.push(
    `| ${api} | ${of('tsx', (s) => s.coldStartMs).toFixed(0)} | ${of('compiled', (s) => s.coldStartMs).toFixed(0)} | ${of('tsx', (s) => s.rssAfterFirstMiB).toFixed(0)} / ${of('compiled', (s) => s.rssAfterFirstMiB).toFixed(0)} | ${of('tsx', (s) => s.peakRssMiB).toFixed(0)} / ${of('compiled', (s) => s.peakRssMiB).toFixed(0)} |`,
  );
}
const report = [...lines, ...profiles.flatMap((p) => ['', p])].join('\n');
console.log(`\n${report}\n`);
mkdirSync(resultsDir, { recursive: true });
const out = join(resultsDir, `startup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify({ runs, requests, samples }, null, 2)}\n`);
writeFileSync(out.replace(/\.json$/, '.md'), `${report}\n`);
log(`results: ${out}`);
