// `npm run bench`: every API against the direct cassandra-driver, side by side in one run on the
// same Cassandra (issue 10). See bench/README.md for what it measures and how to read the tables.
//
//   npm run bench                         full run (8 s per measurement, 100,000-document collection)
//   npm run bench -- --quick              under 2 minutes (smaller collection, 1 s runs)
//   npm run bench -- --scenarios point-read,insert --apis rest,grpc --concurrency 32,128 --duration 5
//   npm run bench -- --profile rest --apis rest --scenarios point-read
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';
import { protoDir } from '../services/common/src/proto/proto-root.js';
import { prepareAnnTable } from './lib/ann-dataset.js';
import { annScenario } from './lib/ann-scenario.js';
import { type Calibration, calibrate, describeCalibration } from './lib/calibrate.js';
import { benchDriverClient, useCassandra } from './lib/cassandra.js';
import { formatProfileSummary, type ProfileSummary, summarizeProfile } from './lib/cpu-profile.js';
import { prepareCollection, prepareTables } from './lib/dataset.js';
import { findGhz, runGhz } from './lib/ghz.js';
import { runHttpLoad } from './lib/http-load.js';
import { type RunResult, runAtConcurrency } from './lib/latency-run.js';
import {
  type MinimalServer,
  startMinimalGraphqlServer,
  startMinimalGrpcServer,
  startMinimalRestServer,
} from './lib/minimal-servers.js';
import { type BenchOptions, FULL_DOCS, parseOptions, type ServiceName, USAGE } from './lib/options.js';
import {
  answersAgain,
  comparePeers,
  type PeerMeasurement,
  peerMedians,
  peerRss,
  peerTable,
  peerTargets,
  RESUME_SETTLE_MS,
} from './lib/peer-comparison.js';
import { resumeAllFrozen, signalFreezer } from './lib/peer-freeze.js';
import {
  checkPeerLayout,
  type PeerLayout,
  type RunningPeer,
  startPeerStargate,
} from './lib/peer-stargate.js';
import {
  cpuSeconds,
  machineBusySeconds,
  machineStealSeconds,
  peakRssMiB,
  residentSplitMiB,
  runQueueWaitSeconds,
  threadCpuSeconds,
} from './lib/process-cpu.js';
import {
  checkTargets,
  compareWithDirect,
  type Failure,
  type Measurement,
  medianOfRounds,
  oneLine,
  resultsTable,
  type ServiceFigures,
  servicesTable,
  type TargetPlan,
  targetsLine,
  targetsTable,
} from './lib/report.js';
import {
  type ApiName,
  type GatewayApi,
  type GhzTargets,
  GRAPHQL_REFERENCES,
  GRPC_REFERENCES,
  type GrpcReference,
  type HttpReference,
  type Operation,
  REST_REFERENCES,
  ROW_ORDER,
  SCENARIOS,
  type Scenario,
  type ScenarioContext,
  type ScenarioName,
} from './lib/scenarios.js';
import {
  checkPortsFree,
  login,
  mainThreadProfile,
  portsOf,
  type RunningService,
  startApi,
  startBridge,
} from './lib/stack.js';
import { StargateGrpc } from './lib/stargate-grpc.js';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const started = Date.now();
const log = (line: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

let options: BenchOptions;
try {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    process.exit(0);
  }
  options = parsed;
} catch (err) {
  console.error(`${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

/** Measurement order: reads first, the insert scenario last so its flushes and compactions come after. */
const ORDER: ScenarioName[] = [
  'point-read',
  'inline-read',
  'page-read',
  'doc-read',
  'doc-search',
  'ann',
  'insert',
];
const isGrpcReference = (api: ApiName): api is GrpcReference =>
  (GRPC_REFERENCES as readonly string[]).includes(api);
const isHttpReference = (api: ApiName): api is HttpReference =>
  ([...REST_REFERENCES, ...GRAPHQL_REFERENCES] as readonly string[]).includes(api);
const scenarios = ORDER.filter((s) => options.scenarios.includes(s)).map(
  (name) => [...SCENARIOS, annScenario].find((s) => s.name === name)!,
);
const docScenarios = scenarios.some((s) => s.name === 'doc-read' || s.name === 'doc-search');
const apisToStart: GatewayApi[] = (['grpc', 'rest', 'graphql', 'docs'] as const).filter(
  (api) => options.apis.includes(api) && scenarios.some((s) => s.apis.includes(api)),
);
const skippedDocScenarios = docScenarios && !apisToStart.includes('docs');
/** What this run sets out to measure: each target of it is reported, measured or not. */
const plan: TargetPlan = {
  apis: apisToStart,
  scenarios: scenarios.filter(
    (s) => !(skippedDocScenarios && (s.name === 'doc-read' || s.name === 'doc-search')),
  ),
  concurrency: options.concurrency,
};

// --peer-stargate: the build must be there before anything starts.
let peerLayout: PeerLayout | undefined;
if (options.peerStargate) {
  const checked = checkPeerLayout(options.peerStargate);
  if ('missing' in checked) {
    console.error(
      `--peer-stargate ${options.peerStargate}: not a Stargate v2.1 build as shared/facts/stargate-peer.md describes; missing:\n  ${checked.missing.join('\n  ')}`,
    );
    process.exit(2);
  }
  peerLayout = checked.layout;
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
const profileDir = join(resultsDir, 'profiles');

// Background load: sampled all along, reported with the figures.
const loadSamples: number[] = [];
const loadBefore = loadavg();
const loadTimer = setInterval(() => loadSamples.push(loadavg()[0]!), 2_000);
loadTimer.unref();

const services: RunningService[] = [];
let peer: RunningPeer | undefined;
let stopping = false;
async function stopServices(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A process stopped by --peer-freeze would hold SIGTERM pending forever: continue it first.
  resumeAllFrozen();
  for (const s of [...services].reverse()) await s.spawned.stop();
}
process.once('SIGINT', () => {
  log('interrupted: stopping the services');
  resumeAllFrozen();
  void stopServices()
    .then(() => peer?.stop())
    .finally(() => process.exit(130));
});

const measurements: Measurement[] = [];
/** When each API was measured (Date.now()), to cut the profiles to the measured runs. */
const windows: Array<{ api: ApiName; from: number; to: number }> = [];
const failures: Failure[] = [];
const notes: string[] = [];
if (options.quick) {
  notes.push(
    'quick mode: the APIs are started side by side, so each cold start includes waiting for the cores the others use (an upper bound; a full run starts them one at a time)',
  );
  notes.push(
    `quick mode: ${options.durationMs / 1000} s per run, a ${options.docs.toLocaleString('en-US')}-document collection (the search target is for ${FULL_DOCS.toLocaleString('en-US')})`,
  );
}
if (skippedDocScenarios) notes.push('doc-read / doc-search skipped: they need the docs API (--apis)');

log(
  `Node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}`,
);
if (loadBefore[0]! > cpus().length) {
  log(
    `WARNING: the machine is already busy (load ${loadBefore[0]!.toFixed(1)} on ${cpus().length} cores): figures will be noisy`,
  );
}

const db = await useCassandra(log).catch((err: Error) => {
  console.error(
    `Cassandra is not available: ${err.message}\nSet CASSANDRA_CONTACT_POINTS=host:port to use a cluster that is already running.`,
  );
  process.exit(1);
});
log(`Cassandra at ${db.contactPoints} (${db.source})`);
const cassandraPid = db.pid;
const direct = benchDriverClient(db.contactPoints);

let profileSummaries: ProfileSummary[] = [];
let serviceFigures: ServiceFigures[] = [];
let grpcClient: StargateGrpc | undefined;
let minimalGrpc: MinimalServer | undefined;
const httpFloors: Partial<Record<HttpReference, MinimalServer>> = {};
let ghzBinary: string | undefined;
const peerRows: PeerMeasurement[] = [];
let peerPeakRss: Array<number | undefined> = [];
let collection: string | undefined;
const calibrations: Array<Calibration & { when: 'before' | 'after' }> = [];
const idleCpu = new Map<string, number>();
let aborted: string | undefined;
/** Why the run stopped early, in one line (the error, and the cause when Cassandra died). */
let abortReason: string | undefined;
try {
  await direct.connect();
  await prepareTables(direct, log);
  if (options.calibrate) {
    calibrations.push({ when: 'before', ...(await calibrate(options.quick ? 600 : 3000)) });
    log(describeCalibration(calibrations[0]!));
  }

  const names: ServiceName[] = apisToStart.length > 0 ? ['bridge', ...apisToStart] : [];
  await checkPortsFree(names, options.portOffset);
  const startOptions = {
    offset: options.portOffset,
    contactPoints: db.contactPoints,
    profile: options.profile,
    profileDir,
    stamp,
    log,
  };
  let token = '';
  if (names.length > 0) {
    services.push(await startBridge(startOptions));
    token = await login(portsOf('bridge', options.portOffset).BRIDGE_HTTP_PORT!);
    // A full run starts the APIs one at a time, so each cold start is timed alone. Quick mode starts
    // them side by side to stay under 2 minutes on a busy machine (each cold start is then an upper
    // bound). An API that does not start is reported, and the others are measured.
    const startOne = (api: GatewayApi) =>
      startApi(api, token, startOptions).then(
        (service) => {
          services.push(service);
        },
        (err: Error) => {
          failures.push({ scenario: 'start', api, error: err.message });
          log(`${api} did not start: ${err.message}`);
        },
      );
    if (options.quick) await Promise.all(apisToStart.map(startOne));
    else for (const api of apisToStart) await startOne(api);
  }
  const urls: ScenarioContext['urls'] = {};
  for (const s of services) {
    if (s.name === 'rest') urls.rest = `http://127.0.0.1:${s.ports.REST_PORT}`;
    if (s.name === 'graphql') urls.graphql = `http://127.0.0.1:${s.ports.GRAPHQL_PORT}`;
    if (s.name === 'docs') urls.docs = `http://127.0.0.1:${s.ports.DOCS_PORT}`;
    if (s.name === 'grpc') grpcClient = new StargateGrpc(`127.0.0.1:${s.ports.GRPC_PORT}`, token);
  }
  // A floor server that does not start is noted, and the run goes on without its rows.
  const startFloors = async (what: string, start: () => Promise<void>) => {
    try {
      await start();
    } catch (err) {
      notes.push(`${what} floor rows not measured: ${oneLine((err as Error).message)}`);
      log(`${what} floor rows: ${(err as Error).message}`);
    }
  };
  /** Whether the run measures any of these scenarios (the floor rows sit beside some of them). */
  const measures = (...names: ScenarioName[]) => scenarios.some((s) => names.includes(s.name));
  // gRPC rows: ghz drives them (issue 19). The reference rows (minimal server, the bridge's unary
  // ExecuteQuery) sit beside the gRPC API's point and page reads, at every concurrency.
  let ghz: GhzTargets | undefined;
  const grpcService = services.find((s) => s.name === 'grpc');
  if (grpcService) {
    const found = await findGhz(log);
    if ('missing' in found) {
      notes.push(
        `ghz not available (${found.missing}): the gRPC rows ran on the grpc-js harness, and the minimal-server and bridge-unary rows were skipped`,
      );
      log(`ghz: ${found.missing}`);
    } else {
      const bridgePorts = portsOf('bridge', options.portOffset);
      ghz = {
        binary: found.path,
        token,
        protoDir,
        targets: {
          grpc: `127.0.0.1:${grpcService.ports.GRPC_PORT}`,
          'bridge-unary': `127.0.0.1:${bridgePorts.BRIDGE_GRPC_PORT}`,
        },
      };
      ghzBinary = found.path;
      log(`ghz: ${found.path}`);
      if (measures('point-read', 'page-read')) {
        const targets = ghz.targets;
        await startFloors('minimal-grpc', async () => {
          minimalGrpc ??= await startMinimalGrpcServer(db.contactPoints);
          targets['minimal-grpc'] = minimalGrpc.address;
        });
      }
    }
  }
  // The REST and GraphQL APIs' floor rows sit beside their point and page reads at every
  // concurrency, the REST ones beside the Document API's read by id too; a quick run leaves them out.
  if (!options.quick) {
    if ((urls.rest && measures('point-read', 'page-read')) || (urls.docs && measures('doc-read'))) {
      await startFloors('REST', async () => {
        minimalGrpc ??= await startMinimalGrpcServer(db.contactPoints);
        httpFloors['fastify-driver'] = await startMinimalRestServer(db.contactPoints);
        httpFloors['fastify-grpc-unary'] = await startMinimalRestServer(
          db.contactPoints,
          minimalGrpc.address,
        );
      });
    }
    if (urls.graphql && measures('point-read', 'page-read')) {
      await startFloors('GraphQL', async () => {
        httpFloors['mercurius-driver'] = await startMinimalGraphqlServer(db.contactPoints);
      });
    }
    for (const [api, floor] of Object.entries(httpFloors) as Array<[HttpReference, MinimalServer]>) {
      urls[api] = `http://${floor.address}`;
    }
  }
  if (docScenarios && urls.docs) {
    collection = await prepareCollection(
      direct,
      { baseUrl: urls.docs, token },
      options.docs,
      options.docsLoad,
      log,
    );
  }
  const annRows = scenarios.some((s) => s.name === 'ann') ? options.annRows : undefined;
  if (annRows !== undefined) {
    await prepareAnnTable(direct, annRows, log);
    notes.push(`ann: ${annRows.toLocaleString('en-US')} rows of 64-dimension vectors (SAI COSINE), top 10`);
  }
  // Background CPU of each service while nothing is asked of it.
  if (services.length > 0) {
    const idleMs = options.quick ? 1000 : 3000;
    const before = services.map((s) => cpuSeconds(s.spawned.pid));
    await new Promise((r) => setTimeout(r, idleMs));
    for (const [i, s] of services.entries()) {
      idleCpu.set(s.name, ((cpuSeconds(s.spawned.pid) - before[i]!) * 1000) / (idleMs / 1000));
    }
  }
  const ctx: ScenarioContext = {
    direct,
    grpc: grpcClient,
    ghz,
    urls,
    token,
    collection,
    docCount: collection ? options.docs : undefined,
    annRows,
  };

  // Cassandra's JIT and caches: every scenario's direct operation once before anything is measured.
  for (const scenario of scenarios) {
    if (skippedDocScenarios && (scenario.name === 'doc-read' || scenario.name === 'doc-search')) continue;
    const op = scenario.operation('direct', ctx);
    await op.verify().catch(() => undefined);
    await measure(op, 32, options.warmupMs, token);
  }

  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) log(`round ${round} of ${options.rounds}`);
    for (const scenario of scenarios) {
      if (skippedDocScenarios && (scenario.name === 'doc-read' || scenario.name === 'doc-search')) continue;
      log(`— ${scenario.name}: ${scenario.title}`);
      for (const api of ROW_ORDER) {
        if (!scenario.apis.includes(api)) continue;
        if (isGrpcReference(api)) {
          if (!ghz?.targets[api]) continue; // only with ghz
        } else if (isHttpReference(api)) {
          if (!httpFloors[api]) continue;
        } else if (api !== 'direct') {
          if (!apisToStart.includes(api)) continue;
          if (!services.some((s) => s.name === api)) continue; // did not start
        }
        if (failures.some((f) => f.scenario === scenario.name && f.api === api)) continue; // failed before
        try {
          await measureScenario(scenario, api, ctx, token, round);
        } catch (err) {
          const error = (err as Error).message;
          failures.push({ scenario: scenario.name, api, error });
          log(`  ${api}: FAILED: ${error}`);
          // Without Cassandra every later scenario would fail the same way: stop here.
          if (db.death()) throw err;
        }
      }
    }
  }
  const restService = services.find((s) => s.name === 'rest');
  if (peerLayout && restService && urls.rest) {
    log('— Stargate peer: REST point read, alternately with ours');
    peer = await startPeerStargate(peerLayout, options.peerPortOffset, log);
    // The same keyspace, tables and rows in Stargate's own storage.
    const peerCql = new cassandra.Client({
      contactPoints: [peer.cqlContactPoint],
      localDataCenter: 'datacenter1',
      credentials: { username: 'cassandra', password: 'cassandra' },
      socketOptions: { readTimeout: 60_000 },
    });
    try {
      await peerCql.connect();
      await prepareTables(peerCql, log);
    } finally {
      await peerCql.shutdown().catch(() => undefined);
    }
    const bridge = services.find((s) => s.name === 'bridge')!;
    const health = (s: RunningService, env: string) => `http://127.0.0.1:${s.ports[env]}/health/ready`;
    // Our Cassandra is frozen with our side only when this bench started it: never a shared cluster.
    const ourFrozen = [
      restService.spawned.pid,
      bridge.spawned.pid,
      ...(db.startedHere && cassandraPid ? [cassandraPid] : []),
    ];
    const stargate = { side: 'stargate' as const, baseUrl: peer.restUrl, token: peer.token };
    const ours = { side: 'ours' as const, baseUrl: urls.rest, token };
    notes.push(
      options.peerFreeze
        ? `peer comparison: --peer-freeze — the side not being measured was stopped (SIGSTOP) for each of the other's runs and continued (SIGCONT) ${RESUME_SETTLE_MS / 1000} s and a readiness check before the next (Stargate's coordinator and REST API; our REST API and bridge${ourFrozen.length > 2 ? ' and our Cassandra, which this bench started' : `, not our Cassandra (${db.source}: shared, never stopped${cassandraPid ? "; its CPU, which its other clients cause too, is in the idle side's cores of Stargate's rows" : ''})`})`
        : 'peer comparison: --no-peer-freeze — the side not being measured ran beside the other (its cores during the other\'s run: column "idle side\'s cores")',
    );
    peerRows.push(
      ...(await comparePeers(
        [
          {
            ...stargate,
            pids: peer.pids,
            freezePids: peer.pids,
            ready: answersAgain(stargate, [`${peer.restUrl}/stargate/health/ready`]),
          },
          {
            ...ours,
            pids: [restService.spawned.pid, bridge.spawned.pid, ...(cassandraPid ? [cassandraPid] : [])],
            freezePids: ourFrozen,
            ready: answersAgain(ours, [health(restService, 'REST_PORT'), health(bridge, 'BRIDGE_HTTP_PORT')]),
          },
        ],
        {
          concurrency: options.concurrency.filter((c) => c === 1 || c === 32).length
            ? options.concurrency.filter((c) => c === 1 || c === 32)
            : options.concurrency,
          durationMs: options.durationMs,
          warmupMs: Math.max(options.warmupMs, 10_000),
          rounds: Math.max(2, options.rounds),
          maxRequests: options.maxRequests,
          log,
          note: (line) => notes.push(line),
          freezer: options.peerFreeze ? signalFreezer : undefined,
        },
      )),
    );
    peerPeakRss = peerRss(peer.pids);
    if (!cassandraPid)
      notes.push(
        "peer comparison: our Cassandra's pid is unknown, so our CPU per request leaves it out (Stargate's includes its storage)",
      );
  }
  if (peerLayout && !(restService && urls.rest)) {
    notes.push(
      '--peer-stargate: not measured, our REST API did not run (it runs for point-read, page-read or insert)',
    );
  }
} catch (err) {
  // Report what was measured before the failure, then exit with an error.
  aborted = (err as Error).stack ?? String(err);
  const death = db.death();
  abortReason = death ?? oneLine((err as Error).message);
  log(`run aborted: ${(err as Error).message}`);
  if (death) log(death);
} finally {
  grpcClient?.close();
  minimalGrpc?.stop();
  for (const server of Object.values(httpFloors)) server.stop();
  // Nothing stays stopped by --peer-freeze past the comparison, whatever ended it.
  resumeAllFrozen();
  serviceFigures = services.map((s) => ({
    name: s.name,
    pid: s.spawned.pid,
    readyMs: s.spawned.startupMs,
    coldStartMs: s.spawned.firstRequestMs,
    coldStartRequest: s.coldStartRequest,
    // Unreadable (the process exited) is reported as not measured: a 0 would pass the RSS target.
    peakRssMiB: safe(() => peakRssMiB(s.spawned.pid), undefined),
    residentMiB: safe(() => residentSplitMiB(s.spawned.pid), undefined),
    cpuSeconds: safe(() => cpuSeconds(s.spawned.pid), 0),
    threads: safe(() => threadCpuSeconds(s.spawned.pid), {}),
    idleCpuMsPerSecond: idleCpu.get(s.name),
    profiled: s.profiled,
  }));
  await stopServices();
  await peer?.stop();
  await direct.shutdown().catch(() => undefined);
  // The machine check again: other people's load changes during a long run.
  if (options.calibrate && !options.quick && calibrations.length > 0) {
    try {
      calibrations.push({ when: 'after', ...(await calibrate(3000)) });
      log(describeCalibration(calibrations[1]!));
    } catch (err) {
      log(`machine check after the run failed: ${(err as Error).message}`);
    }
  }
  await db.release({ keep: options.keepCassandra, log });
  profileSummaries = services
    .filter((s) => s.profileDir)
    .flatMap((s) => {
      try {
        const file = mainThreadProfile(s.profileDir!);
        if (!file) throw new Error(`no main-thread profile in ${s.profileDir}`);
        // The measured runs through this service (the bridge: through any API), not start-up.
        const mine = windows
          .filter((w) => (s.name === 'bridge' ? w.api !== 'direct' : w.api === s.name))
          .map((w): [number, number] => [w.from - s.spawned.spawnedAt, w.to - s.spawned.spawnedAt]);
        return [
          summarizeProfile(file, 25, mine, 'measured runs only'),
          summarizeProfile(file, 25, undefined, 'whole process life (start-up included)'),
        ];
      } catch (err) {
        log(`could not read the profile of ${s.name}: ${(err as Error).message}`);
        return [];
      }
    });
}

const raw = measurements.splice(0, measurements.length);
measurements.push(...medianOfRounds(raw));
compareWithDirect(measurements);
// The CPU targets' yardstick: the grpc-js unary echo of the machine check (both ends), the mean of
// the checks before and after the run.
const echoCpuUs =
  calibrations.length === 0
    ? undefined
    : calibrations.reduce((sum, c) => sum + c.grpcUnary.clientUsPerCall + c.grpcUnary.serverUsPerCall, 0) /
      calibrations.length;
// One request at a time through a trivial Node server (the machine check's c=1 run): the least a
// process on a request's way adds here.
const aloneP50Us =
  calibrations.length === 0
    ? undefined
    : calibrations.reduce((sum, c) => sum + c.alone.p50Us, 0) / calibrations.length;
const peerFigures = peerMedians(peerRows);
const targets = checkTargets(measurements, serviceFigures, {
  echoCpuUs,
  aloneP50Us,
  searchDocs: options.docs,
  fullSearchDocs: FULL_DOCS,
  apisStartedTogether: options.quick,
  plan,
});
targets.push(...peerTargets(peerFigures));
if (abortReason !== undefined) {
  notes.unshift(
    `**run aborted**: ${abortReason.replace(/\.$/, '')}; every target it did not reach is "not measured"`,
  );
}
const load = loadSamples.length > 0 ? loadSamples : [loadavg()[0]!];
const loadStats = {
  before: loadBefore[0]!,
  min: Math.min(...load),
  mean: load.reduce((a, b) => a + b, 0) / load.length,
  max: Math.max(...load),
};
const otherCores = measurements.map((m) => m.otherCores ?? 0);
const meanOther = otherCores.length ? otherCores.reduce((a, b) => a + b, 0) / otherCores.length : 0;
if (meanOther > 0.3) {
  notes.push(
    `other processes kept ${meanOther.toFixed(2)} cores busy on average during the measurements (column "other load"): the figures are not from a quiet machine`,
  );
}
if (!cassandraPid)
  notes.push('Cassandra\'s pid is unknown (external cluster): "other load" includes its CPU');

const header = [
  `## npm run bench — ${new Date(started).toISOString()}`,
  '',
  `Cassandra ${db.contactPoints} (${db.source}); Node ${process.version}; ${cpus().length} CPUs; ${options.quick ? 'quick' : 'full'} mode; ${options.rounds > 1 ? `median of ${options.rounds} rounds; ` : ''}${options.durationMs / 1000} s per run after ${options.warmupMs / 1000} s warm-up; concurrency ${options.concurrency.join(', ')}; wall time ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  `Load average (1 min): ${loadStats.before.toFixed(2)} before; ${loadStats.min.toFixed(2)} min / ${loadStats.mean.toFixed(2)} mean / ${loadStats.max.toFixed(2)} max during the run (the benchmark itself keeps ~2 cores busy).`,
  ...calibrations.map(
    (c) => `${c.when === 'before' ? 'Before' : 'After'} the run — ${describeCalibration(c)}`,
  ),
  ...notes.map((n) => `- ${n}`),
].join('\n');
const markdown = [
  header,
  '',
  '### Results',
  '',
  resultsTable(measurements, failures, echoCpuUs),
  '',
  '### Processes',
  '',
  servicesTable(serviceFigures),
  '',
  ...(peerFigures.length > 0
    ? [
        '### Stargate peer (REST point read, alternate runs, medians)',
        '',
        peerTable(peerFigures, peerPeakRss),
        '',
      ]
    : []),
  '### Targets (issue 19: ratios to what this run measured)',
  '',
  targetsTable(targets),
  ...profileSummaries
    .filter((p) => p.scope === 'measured runs only')
    .flatMap((p) => [
      '',
      `### CPU profile (main thread, measured runs only)`,
      '',
      formatProfileSummary(p, 20),
    ]),
].join('\n');

mkdirSync(resultsDir, { recursive: true });
const out = options.out ?? join(resultsDir, `bench-${stamp}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      startedAt: new Date(started).toISOString(),
      wallSeconds: (Date.now() - started) / 1000,
      options,
      environment: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        cassandra: db.contactPoints,
        cassandraSource: db.source,
        loadAverage: loadStats,
        loadSamples: load,
      },
      notes,
      aborted,
      calibrations,
      collection,
      measurements,
      rounds: options.rounds > 1 ? raw : undefined,
      failures,
      services: serviceFigures,
      targets,
      profiles: profileSummaries,
      peer:
        peerRows.length > 0
          ? {
              idleSideFrozen: options.peerFreeze,
              rounds: peerRows,
              medians: peerFigures,
              peakRssMiB: peerPeakRss,
            }
          : undefined,
    },
    null,
    2,
  )}\n`,
);
writeFileSync(out.replace(/\.json$/, '.md'), `${markdown}\n`);
console.log(`\n${markdown}\n`);
log(`results: ${out} (and .md)`);
log(
  `${targetsLine(targets, abortReason)}${failures.length ? `; ${failures.length} scenario(s) failed` : ''}`,
);
process.exit(failures.length > 0 || aborted ? 1 : 0);

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function sampleCpu(apiPid: number | undefined, bridgePid: number | undefined) {
  const usage = process.cpuUsage();
  return {
    at: Date.now(),
    machine: machineBusySeconds(),
    steal: machineStealSeconds(),
    self: (usage.user + usage.system) / 1e6,
    api: ofProcess(apiPid, cpuSeconds),
    bridge: ofProcess(bridgePid, cpuSeconds),
    cassandra: ofProcess(cassandraPid, cpuSeconds),
    apiWait: ofProcess(apiPid, runQueueWaitSeconds),
    bridgeWait: ofProcess(bridgePid, runQueueWaitSeconds),
    cassandraWait: ofProcess(cassandraPid, runQueueWaitSeconds),
  };
}

/** A /proc figure of a process that is part of the row; undefined when it is not, or has gone. */
function ofProcess(pid: number | undefined, read: (pid: number) => number): number | undefined {
  return pid === undefined ? undefined : safe(() => read(pid), undefined);
}

/** A run's figures; `generatorCpuSeconds` when the load generator is a process of its own (ghz). */
async function measure(
  op: Operation,
  concurrency: number,
  durationMs: number,
  token: string,
): Promise<RunResult & { generatorCpuSeconds?: number }> {
  if (op.kind === 'ghz') {
    return runGhz(ctxGhzBinary(), op.call, { concurrency, durationMs, maxRequests: options.maxRequests });
  }
  if (op.kind === 'async') {
    const r = await runAtConcurrency(op.run, { concurrency, durationMs, maxRequests: options.maxRequests });
    return { ...r, throughput: (r.requests - r.errors) / r.seconds };
  }
  return runHttpLoad(op.baseUrl, op.next, {
    concurrency,
    durationMs,
    maxRequests: options.maxRequests,
    headers: { 'x-cassandra-token': token },
    bodyOk: op.bodyOk,
  });
}

function ctxGhzBinary(): string {
  if (!ghzBinary) throw new Error('ghz is not available');
  return ghzBinary;
}

/**
 * The processes whose CPU a row counts, as the results table's "API" and "bridge" columns: an API
 * and the bridge; the bridge alone for its unary row; a floor server alone as "API", and behind
 * fastify-grpc-unary the minimal gRPC server as "bridge"; nothing for the direct driver (the
 * benchmark's own CPU is the load generator's).
 */
function rowProcesses(api: ApiName): { apiPid?: number; bridgePid?: number } {
  const bridgePid = services.find((s) => s.name === 'bridge')?.spawned.pid;
  switch (api) {
    case 'direct':
      return {};
    case 'minimal-grpc':
      return { apiPid: minimalGrpc?.pid };
    case 'bridge-unary':
      return { bridgePid };
    case 'fastify-driver':
    case 'mercurius-driver':
      return { apiPid: httpFloors[api]?.pid };
    case 'fastify-grpc-unary':
      return { apiPid: httpFloors[api]?.pid, bridgePid: minimalGrpc?.pid };
    default:
      return { apiPid: services.find((s) => s.name === api)?.spawned.pid, bridgePid };
  }
}

/** One scenario through one API: check its answer, warm up, then one run per concurrency level. */
async function measureScenario(
  scenario: Scenario,
  api: ApiName,
  ctx: ScenarioContext,
  token: string,
  round: number,
) {
  const op = scenario.operation(api, ctx);
  await op.verify();
  await measure(op, Math.min(8, Math.max(...options.concurrency)), options.warmupMs, token);
  const { apiPid, bridgePid } = rowProcesses(api);
  for (const c of options.concurrency) {
    const before = sampleCpu(apiPid, bridgePid);
    const r = await measure(op, c, options.durationMs, token);
    const after = sampleCpu(apiPid, bridgePid);
    windows.push({ api, from: before.at, to: after.at });
    const delta = (
      key: 'self' | 'api' | 'bridge' | 'cassandra' | 'apiWait' | 'bridgeWait' | 'cassandraWait',
    ) => {
      const [x, y] = [before[key], after[key]];
      return x === undefined || y === undefined ? undefined : y - x;
    };
    const per1k = (seconds: number | undefined) =>
      seconds === undefined || r.requests === 0 ? undefined : (seconds / r.requests) * 1000;
    const m: Measurement = {
      scenario: scenario.name,
      api,
      concurrency: c,
      round,
      ...r,
      apiCpuPer1k: per1k(delta('api')),
      bridgeCpuPer1k: per1k(delta('bridge')),
      cassandraCpuPer1k: per1k(delta('cassandra')),
      // ghz: its own process; otherwise the benchmark process (autocannon, grpc-js, the driver).
      loadGeneratorCpuPer1k: per1k(r.generatorCpuSeconds ?? delta('self')),
      loadGenerator:
        op.kind === 'ghz'
          ? 'ghz'
          : op.kind === 'http'
            ? 'autocannon'
            : api === 'direct'
              ? 'driver'
              : 'grpc-js',
    };
    if (api !== 'direct' && (m.apiCpuPer1k !== undefined || m.bridgeCpuPer1k !== undefined)) {
      m.gatewayCpuUsPerRequest = ((m.apiCpuPer1k ?? 0) + (m.bridgeCpuPer1k ?? 0)) * 1000;
    }
    // CPU of everything else on the machine: other engineers' work (and Cassandra, when its pid is
    // unknown, so the column is then an upper bound).
    const ours =
      (['self', 'api', 'bridge', 'cassandra'] as const).reduce((sum, k) => sum + (delta(k) ?? 0), 0) +
      (r.generatorCpuSeconds ?? 0);
    const wall = (after.at - before.at) / 1000;
    if (wall > 0) {
      m.otherCores = Math.max(0, (after.machine - before.machine - ours) / wall);
      m.machineBusyCores = (after.machine - before.machine) / wall;
      m.stealCores = (after.steal - before.steal) / wall;
      const perSecond = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds / wall);
      m.apiWaitCores = perSecond(delta('apiWait'));
      m.bridgeWaitCores = perSecond(delta('bridgeWait'));
      m.cassandraWaitCores = perSecond(delta('cassandraWait'));
    }
    measurements.push(m);
    log(
      `  ${api.padEnd(7)} c=${String(c).padEnd(3)} ${r.throughput.toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms${r.errors ? `  errors ${r.errors}` : ''}${m.gatewayCpuUsPerRequest !== undefined ? `  gateway ${m.gatewayCpuUsPerRequest.toFixed(0)} µs/req` : ''}${m.machineBusyCores !== undefined ? `  busy ${m.machineBusyCores.toFixed(2)} cores` : ''}${m.stealCores ? `  steal ${m.stealCores.toFixed(2)}` : ''}`,
    );
  }
}
