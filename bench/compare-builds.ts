// Two checkouts of this project measured side by side: each one's bridge, REST and GraphQL APIs
// (built from its own sources, with its own bench/lib/stack.ts) run at once on their own ports,
// and the load alternates between them in short slices, so both see the same machine minute by
// minute. On a shared VM whose speed moves by 2× within half an hour (bench/README.md), separate
// runs of `npm run bench` cannot tell a 10 % change from the machine; interleaved slices can.
// Reports the gateway's CPU per request (API + bridge, from /proc) per slice and the medians.
//
//   npx tsx bench/compare-builds.ts --base /path/to/other/checkout [--rounds 6] [--slice 4]
//     [--concurrency 32] [--scenarios rest-point,rest-page,graphql-point,graphql-literal,graphql-page]
//     [--profile graphql,bridge]   (node --cpu-prof of those services on both sides; summarize the
//                                   files it lists with bench/profile-summary.ts)
//
// The other checkout needs node_modules (a symlink to this one's works when the dependencies
// match) and a bench/lib/stack.ts with startBridge/startApi (any commit since issue 19's bench).
// It uses the `bench` keyspace of `npm run bench` (created here when missing) on
// CASSANDRA_CONTACT_POINTS, default 127.0.0.1:9042.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { KEYSPACE, KV_ROWS, prepareTables } from './lib/dataset.js';
import { type HttpRequestSpec, runHttpLoad } from './lib/http-load.js';
import { median } from './lib/median.js';
import { cpuSeconds, peakRssMiB, residentSplitMiB } from './lib/process-cpu.js';
import { SCENARIOS, type ScenarioName } from './lib/scenarios.js';
import { login, portsOf, type RunningService } from './lib/stack.js';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    rounds: { type: 'string' },
    slice: { type: 'string' },
    concurrency: { type: 'string' },
    scenarios: { type: 'string' },
    profile: { type: 'string' },
  },
});
if (!values.base) {
  console.error('usage: npx tsx bench/compare-builds.ts --base <other checkout> [--rounds 6] [--slice 4]');
  process.exit(2);
}
const rounds = Number(values.rounds ?? 6);
const sliceMs = Number(values.slice ?? 4) * 1000;
const concurrency = Number(values.concurrency ?? 32);
const contactPoints = process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042';

interface StackModule {
  startBridge(options: object): Promise<RunningService>;
  startApi(name: 'rest' | 'graphql', token: string, options: object): Promise<RunningService>;
}

interface Side {
  name: string;
  token: string;
  restUrl: string;
  graphqlUrl: string;
  bridgePid: number;
  restPid: number;
  graphqlPid: number;
  services: RunningService[];
}

/** A measured request: one of `npm run bench`'s own (same requests, same answer check) or one of its own. */
interface Measured {
  api: 'rest' | 'graphql';
  /** The bench scenario whose request this is; absent: `next` below. */
  scenario?: ScenarioName;
  next?: () => HttpRequestSpec;
}

const MEASURED: Record<string, Measured> = {
  'rest-point': { api: 'rest', scenario: 'point-read' },
  'rest-page': { api: 'rest', scenario: 'page-read' },
  'graphql-point': { api: 'graphql', scenario: 'point-read' },
  // Values written inline, as Stargate's documentation writes its queries: nearly every text is new.
  'graphql-literal': {
    api: 'graphql',
    next: () => ({
      method: 'POST',
      path: `/graphql/${KEYSPACE}`,
      body: JSON.stringify({
        query: `{ kv(value: {k: ${Math.floor(Math.random() * KV_ROWS)}}) { values { k v } } }`,
      }),
    }),
  },
  'graphql-page': { api: 'graphql', scenario: 'page-read' },
};
const scenarioNames = (
  values.scenarios ?? 'rest-point,rest-page,graphql-point,graphql-literal,graphql-page'
).split(',');
for (const name of scenarioNames) {
  if (!MEASURED[name]) {
    console.error(`unknown scenario ${name}; choose from ${Object.keys(MEASURED).join(', ')}`);
    process.exit(2);
  }
}

const log = (line: string) => console.log(line);
const PROFILE_DIR = '/tmp/compare-builds-profiles';

async function startSide(name: string, root: string, offset: number): Promise<Side> {
  const stack = (await import(resolve(root, 'bench/lib/stack.ts'))) as StackModule;
  const profile = values.profile ? values.profile.split(',') : [];
  const options = { offset, contactPoints, profile, profileDir: PROFILE_DIR, stamp: name, log };
  const bridge = await stack.startBridge(options);
  const token = await login(portsOf('bridge', offset).BRIDGE_HTTP_PORT!);
  const rest = await stack.startApi('rest', token, options);
  const graphql = await stack.startApi('graphql', token, options);
  return {
    name,
    token,
    restUrl: `http://127.0.0.1:${portsOf('rest', offset).REST_PORT}`,
    graphqlUrl: `http://127.0.0.1:${portsOf('graphql', offset).GRAPHQL_PORT}`,
    bridgePid: bridge.spawned.pid,
    restPid: rest.spawned.pid,
    graphqlPid: graphql.spawned.pid,
    services: [graphql, rest, bridge],
  };
}

/** The side's request generator; a bench scenario's request is first answered once and checked. */
async function requestOf(
  measured: Measured,
  side: Side,
): Promise<{ next: () => HttpRequestSpec; bodyOk?: (body: string) => boolean }> {
  if (!measured.scenario) {
    return { next: measured.next!, bodyOk: (body) => !body.includes('"errors"') };
  }
  const scenario = SCENARIOS.find((s) => s.name === measured.scenario)!;
  const context = {
    direct: client,
    urls: { rest: side.restUrl, graphql: side.graphqlUrl },
    token: side.token,
  };
  const operation = scenario.operation(measured.api, context);
  if (operation.kind !== 'http') throw new Error(`${scenario.name} has no HTTP request for ${measured.api}`);
  await operation.verify();
  return { next: operation.next, ...(operation.bodyOk ? { bodyOk: operation.bodyOk } : {}) };
}

const client = new cassandra.Client({
  contactPoints: contactPoints.split(','),
  localDataCenter: 'datacenter1',
  credentials: { username: 'cassandra', password: 'cassandra' },
});
await client.connect();

const sides: Side[] = [];
try {
  await prepareTables(client, log);
  sides.push(await startSide('this', resolve('.'), 12_000));
  sides.push(await startSide('base', resolve(values.base), 13_000));
  console.log(
    `\nthis = ${resolve('.')}, base = ${resolve(values.base)}; c=${concurrency}, ${rounds} slices of ${sliceMs / 1000} s each, alternating\n`,
  );
  console.log(
    '| scenario | side | API µs/req | bridge µs/req | gateway µs/req (median) | gateway per slice | req/s (median) | errors |',
  );
  console.log('|---|---|---:|---:|---:|---|---:|---:|');
  for (const scenarioName of scenarioNames) {
    const measured = MEASURED[scenarioName]!;
    const figures = new Map<string, { api: number[]; bridge: number[]; rate: number[]; errors: number }>();
    const requests = new Map<Side, { next: () => HttpRequestSpec; bodyOk?: (body: string) => boolean }>();
    for (const side of sides) requests.set(side, await requestOf(measured, side));
    const slice = async (side: Side, durationMs: number) => {
      const apiPid = measured.api === 'rest' ? side.restPid : side.graphqlPid;
      const url = measured.api === 'rest' ? side.restUrl : side.graphqlUrl;
      const { next, bodyOk } = requests.get(side)!;
      const before = [cpuSeconds(apiPid), cpuSeconds(side.bridgePid)];
      const run = await runHttpLoad(url, next, {
        concurrency,
        durationMs,
        maxRequests: 2_000_000,
        headers: { 'x-cassandra-token': side.token },
        ...(bodyOk ? { bodyOk } : {}),
      });
      const n = Math.max(1, run.requests);
      return {
        api: ((cpuSeconds(apiPid) - before[0]!) * 1e6) / n,
        bridge: ((cpuSeconds(side.bridgePid) - before[1]!) * 1e6) / n,
        rate: run.throughput,
        errors: run.errors,
      };
    };
    for (const side of sides) await slice(side, 2000); // warm-up
    for (let round = 0; round < rounds; round++) {
      // ABBA order: neither side always runs right after the other's load.
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const s = await slice(side, sliceMs);
        const f = figures.get(side.name) ?? { api: [], bridge: [], rate: [], errors: 0 };
        f.api.push(s.api);
        f.bridge.push(s.bridge);
        f.rate.push(s.rate);
        f.errors += s.errors;
        figures.set(side.name, f);
      }
    }
    for (const side of sides) {
      const f = figures.get(side.name)!;
      const gateway = f.api.map((a, i) => a + f.bridge[i]!);
      console.log(
        `| ${scenarioName} | ${side.name} | ${median(f.api).toFixed(0)} | ${median(f.bridge).toFixed(0)} | ${median(gateway).toFixed(0)} | ${gateway.map((g) => g.toFixed(0)).join(' ')} | ${median(f.rate).toFixed(0)} | ${f.errors} |`,
      );
    }
  }
  // Both sides ran the same load: their memory is comparable too (a flag that saves CPU may cost RSS).
  console.log('\n| side | process | peak RSS MiB (VmHWM) | RSS at the end: private / file-backed MiB |');
  console.log('|---|---|---:|---:|');
  for (const side of sides) {
    for (const [name, pid] of [
      ['bridge', side.bridgePid],
      ['rest', side.restPid],
      ['graphql', side.graphqlPid],
    ] as const) {
      const { anon, file } = residentSplitMiB(pid);
      console.log(
        `| ${side.name} | ${name} | ${peakRssMiB(pid).toFixed(0)} | ${anon.toFixed(0)} / ${file.toFixed(0)} |`,
      );
    }
  }
} finally {
  for (const side of sides) for (const service of side.services) await service.spawned.stop();
  if (values.profile) log(`\nprofiles (node --cpu-prof, one folder per service and side): ${PROFILE_DIR}`);
  await client.shutdown();
}
