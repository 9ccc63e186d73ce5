// The benchmark's results, the issue's targets checked against them, and the Markdown printed at
// the end (the same figures go to the JSON file).
import { PAGE_ROWS } from './dataset.js';
import { median } from './median.js';
import type { ApiName, GatewayApi, ScenarioName } from './scenarios.js';

export interface Measurement {
  scenario: ScenarioName;
  api: ApiName;
  concurrency: number;
  /** Which round (--rounds); medians of the rounds have none. */
  round?: number;
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  /** Throughput / the direct driver's at the same concurrency. */
  ratioToDirect?: number;
  /** p99 / the direct driver's at the same concurrency. */
  p99ToDirect?: number;
  /** p50 minus the direct driver's p50 at concurrency 1. */
  addedP50Ms?: number;
  /** CPU seconds per 1,000 requests of the API process and of the bridge. */
  apiCpuPer1k?: number;
  bridgeCpuPer1k?: number;
  /** API + bridge CPU per request, µs. */
  gatewayCpuUsPerRequest?: number;
  /** Cassandra's CPU seconds per 1,000 requests, when its pid is known. */
  cassandraCpuPer1k?: number;
  /** The load generator's CPU seconds per 1,000 requests: ghz's process, else the benchmark process itself (autocannon, the grpc-js harness, the driver). */
  loadGeneratorCpuPer1k?: number;
  /** What generated the load: ghz, autocannon, grpc-js (harness) or driver (the direct rows). */
  loadGenerator?: 'ghz' | 'autocannon' | 'grpc-js' | 'driver';
  /** Cores kept busy by processes outside this benchmark (other engineers' work) during the run. */
  otherCores?: number;
  /** The whole machine's busy cores during the run (ours and others'): a pipeline that leaves cores idle while requests queue shows here. */
  machineBusyCores?: number;
  /** vCPU time the hypervisor gave to others during the run (/proc/stat steal), in cores: a noisy host. */
  stealCores?: number;
  /**
   * Time the API's, the bridge's and Cassandra's threads spent runnable but not running during the
   * run (/proc/<pid>/task/<tid>/schedstat), in cores: beside idle cores in "machine busy", work that
   * waited on the scheduler (wake-ups, other threads), not on a full machine.
   */
  apiWaitCores?: number;
  bridgeWaitCores?: number;
  cassandraWaitCores?: number;
}

export interface Failure {
  /** The scenario, or 'start' when the API process did not start. */
  scenario: ScenarioName | 'start';
  api: ApiName;
  error: string;
}

export interface ServiceFigures {
  name: string;
  pid: number;
  /** Spawn to readiness 200. */
  readyMs: number;
  /** Spawn to the first successful request (the cold start). */
  coldStartMs?: number;
  coldStartRequest: string;
  /** VmHWM; undefined when it could not be read (the process had exited): not measured, not 0. */
  peakRssMiB?: number;
  /** Resident memory at the end of the run: private and file-backed (the node binary's pages). */
  residentMiB?: { anon: number; file: number };
  cpuSeconds: number;
  /** CPU seconds per thread over the whole run: the main thread and the others (GC, compiler, loader). */
  threads: Record<string, number>;
  /** CPU ms per second while no request was sent (timers, metrics, keepalives). */
  idleCpuMsPerSecond?: number;
  profiled: boolean;
}

export interface TargetCheck {
  target: string;
  api: string;
  measured: string;
  limit: string;
  /** undefined: not measured (the figure is missing, or not taken under the load it is about). */
  pass: boolean | undefined;
  note?: string | undefined;
}

/**
 * Issue 19's targets: ratios to what the same run measures, so they hold on any machine. CPU is
 * compared with the machine check's grpc-js unary echo (client + server CPU per call, calibrate.ts);
 * latency with the direct driver, or for gRPC with the rows ghz measures beside it.
 */
export const LIMITS = {
  /** Gateway (API + bridge) CPU per read at c=32 as a multiple of the grpc-js unary echo's CPU. */
  gatewayCpuToEcho: { rest: 0.6, docs: 0.6, graphql: 0.8, grpc: 0.9 },
  /** API p50 − direct p50 at c=1, ms (gRPC: the two comparisons below instead). */
  addedP50Ms: { rest: 0.25, docs: 0.3, graphql: 0.35 },
  /** The bridge's unary ExecuteQuery p50 − the minimal grpc-js + driver server's, c=1, ms. */
  bridgeUnaryOverMinimalMs: 0.1,
  /** The gRPC API's p50 − the bridge's unary ExecuteQuery p50, c=1, ms. */
  grpcOverBridgeUnaryMs: 0.15,
  /** 100-row page read gateway CPU ≤ this × the same API's point read, c=32. */
  pageToPointCpu: 2,
  /** p99 of the read ≤ this × the direct driver's, c=32. */
  p99Factor: 3,
  rssMiB: 100,
  coldStartMs: 500,
  searchP99Ms: 50,
} as const;

/** The read that the per-API latency, CPU and throughput targets are about. */
export const TARGET_READ: Record<GatewayApi, ScenarioName> = {
  rest: 'point-read',
  grpc: 'point-read',
  graphql: 'point-read',
  docs: 'doc-read',
};

/** One measurement per scenario, API and concurrency: the median of each figure over the rounds. */
export function medianOfRounds(raw: Measurement[]): Measurement[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of raw) {
    const key = `${m.scenario}|${m.api}|${m.concurrency}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((group) => {
    if (group.length === 1) return { ...group[0]!, round: undefined };
    const med = (pick: (m: Measurement) => number | undefined) => {
      const values = group.map(pick).filter((v): v is number => v !== undefined);
      return values.length > 0 ? median(values) : undefined;
    };
    const first = group[0]!;
    return {
      scenario: first.scenario,
      api: first.api,
      concurrency: first.concurrency,
      requests: group.reduce((sum, m) => sum + m.requests, 0),
      errors: group.reduce((sum, m) => sum + m.errors, 0),
      seconds: group.reduce((sum, m) => sum + m.seconds, 0),
      throughput: med((m) => m.throughput)!,
      p50Ms: med((m) => m.p50Ms)!,
      p99Ms: med((m) => m.p99Ms)!,
      apiCpuPer1k: med((m) => m.apiCpuPer1k),
      bridgeCpuPer1k: med((m) => m.bridgeCpuPer1k),
      gatewayCpuUsPerRequest: med((m) => m.gatewayCpuUsPerRequest),
      cassandraCpuPer1k: med((m) => m.cassandraCpuPer1k),
      loadGeneratorCpuPer1k: med((m) => m.loadGeneratorCpuPer1k),
      loadGenerator: first.loadGenerator,
      otherCores: med((m) => m.otherCores),
      machineBusyCores: med((m) => m.machineBusyCores),
      stealCores: med((m) => m.stealCores),
      apiWaitCores: med((m) => m.apiWaitCores),
      bridgeWaitCores: med((m) => m.bridgeWaitCores),
      cassandraWaitCores: med((m) => m.cassandraWaitCores),
    };
  });
}

/** Fills the columns that compare with the direct driver. */
export function compareWithDirect(measurements: Measurement[]): void {
  for (const m of measurements) {
    if (m.api === 'direct') continue;
    const direct = measurements.find(
      (d) => d.api === 'direct' && d.scenario === m.scenario && d.concurrency === m.concurrency,
    );
    if (!direct) continue;
    if (direct.throughput > 0) m.ratioToDirect = m.throughput / direct.throughput;
    if (direct.p99Ms > 0) m.p99ToDirect = m.p99Ms / direct.p99Ms;
    if (m.concurrency === 1) m.addedP50Ms = m.p50Ms - direct.p50Ms;
  }
}

/** The loaded level of the throughput, CPU and p99 targets: c=32 when run, else the lowest above 1. */
function loadConcurrency(levels: readonly number[]): number | undefined {
  return levels.includes(32) ? 32 : [...levels].filter((c) => c > 1).sort((a, b) => a - b)[0];
}

/**
 * What the run set out to measure. Targets come from the plan, not from the figures: a target whose
 * figure is missing (a run that aborted, a scenario that failed) is "not measured", never left out
 * and never counted as a pass.
 */
export interface TargetPlan {
  /** The gateway APIs the run started, or tried to. */
  apis: readonly GatewayApi[];
  /** Each scenario to measure, with the APIs it runs through. */
  scenarios: ReadonlyArray<{ name: ScenarioName; apis: readonly ApiName[] }>;
  concurrency: readonly number[];
}

export interface TargetOptions {
  /** The machine check's grpc-js unary echo, client + server CPU µs per call (undefined: skipped). */
  echoCpuUs?: number | undefined;
  /** The machine check's p50 of one request at a time through a trivial Node server, µs: what one more process on the way costs at the least. */
  aloneP50Us?: number | undefined;
  searchDocs: number;
  fullSearchDocs: number;
  apisStartedTogether: boolean;
  plan: TargetPlan;
}

const NOT_MEASURED = '—';

/** A target's note from its parts, those present joined by '; '; undefined when none is. */
function joinNotes(...parts: Array<string | undefined | false>): string | undefined {
  return parts.filter(Boolean).join('; ') || undefined;
}

/** The API and the bridge are two more processes than the direct driver's path: each costs at least
 *  a trivial server's c=1 round trip on this machine. */
function hopFloorNote(aloneP50Us: number | undefined, processes: 1 | 2 = 2): string | undefined {
  if (aloneP50Us === undefined) return undefined;
  const ms = (aloneP50Us / 1000).toFixed(3);
  return processes === 2
    ? `two more processes on the way: ≥ 2 × ${ms} ms here (machine check, c=1)`
    : `one more process on the way: ≥ ${ms} ms here (machine check, c=1)`;
}

const FASTIFY_FLOORS = [
  ['fastify-driver', 'Fastify + driver in one process'],
  ['fastify-grpc-unary', 'Fastify → grpc-js unary → driver'],
] as const;

/**
 * The floor rows of the same run beside an API's reads (scenarios.ts REST_, GRAPHQL_ and
 * GRPC_REFERENCES); the Document API's read by id has the REST ones (the same route shape).
 */
const FLOOR_ROWS: Partial<Record<GatewayApi, ReadonlyArray<readonly [ApiName, string]>>> = {
  rest: FASTIFY_FLOORS,
  docs: FASTIFY_FLOORS,
  graphql: [['mercurius-driver', 'Mercurius + driver in one process']],
  grpc: [
    ['minimal-grpc', 'grpc-js + driver in one process'],
    ['bridge-unary', "the bridge's unary ExecuteQuery"],
  ],
};

/** The figures of an API's floor rows, for its targets' notes; undefined when none ran. */
function floorNote(
  api: GatewayApi,
  find: (api: ApiName) => Measurement | undefined,
  figure: (m: Measurement) => string | undefined,
): string | undefined {
  const parts = (FLOOR_ROWS[api] ?? []).flatMap(([row, label]) => {
    const m = find(row);
    const shown = m && figure(m);
    return shown === undefined ? [] : [`${label} ${shown}`];
  });
  return parts.length > 0 ? `floor rows: ${parts.join('; ')}` : undefined;
}

export function checkTargets(
  measurements: Measurement[],
  services: ServiceFigures[],
  options: TargetOptions,
): TargetCheck[] {
  const { plan } = options;
  const checks: TargetCheck[] = [];
  const find = (scenario: ScenarioName, api: ApiName, c: number) =>
    measurements.find((m) => m.scenario === scenario && m.api === api && m.concurrency === c);
  const planned = (scenario: ScenarioName, api: GatewayApi) =>
    plan.apis.includes(api) && plan.scenarios.some((s) => s.name === scenario && s.apis.includes(api));
  const cLoad = loadConcurrency(plan.concurrency);
  const errorNote = (m: Measurement | undefined) =>
    m && m.errors > 0 ? `${m.errors} errors in ${m.requests} requests` : undefined;
  /** One check: pass/miss when the figure exists, "not measured" when it does not. */
  const check = (
    target: string,
    api: string,
    limit: string,
    value: number | undefined,
    show: (v: number) => string,
    passes: (v: number) => boolean,
    note?: string,
  ): TargetCheck =>
    value === undefined
      ? { target, api, measured: NOT_MEASURED, limit, pass: undefined, note }
      : { target, api, measured: show(value), limit, pass: passes(value), note };

  const echoUs = options.echoCpuUs;
  const p50Of = (api: ApiName) => find('point-read', api, 1)?.p50Ms;
  // Latencies have µs resolution: the difference too (0.86 − 0.76 is 0.1, not 0.10000000000000009).
  const difference = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : Math.round((a - b) * 1000) / 1000;
  for (const api of plan.apis) {
    const scenario = TARGET_READ[api];
    if (!planned(scenario, api)) continue;
    if (plan.concurrency.includes(1) && api !== 'grpc') {
      const c1 = find(scenario, api, 1);
      const limit = LIMITS.addedP50Ms[api];
      checks.push(
        check(
          `added p50 latency, ${scenario}, c=1`,
          api,
          `≤ ${limit} ms`,
          c1?.addedP50Ms,
          (v) => `${v.toFixed(3)} ms`,
          (v) => v <= limit,
          joinNotes(
            errorNote(c1),
            hopFloorNote(options.aloneP50Us),
            floorNote(
              api,
              (floor) => find(scenario, floor, 1),
              (m) => (m.addedP50Ms === undefined ? undefined : `+${m.addedP50Ms.toFixed(3)} ms`),
            ),
          ),
        ),
      );
    }
    if (plan.concurrency.includes(1) && api === 'grpc') {
      // ghz at c=1: the bridge's unary path against the floor, and the gRPC API against the bridge.
      const bridge = find('point-read', 'bridge-unary', 1);
      const minimal = find('point-read', 'minimal-grpc', 1);
      const grpcRow = find('point-read', 'grpc', 1);
      const ghzNote = (rows: Array<Measurement | undefined>) =>
        joinNotes(
          rows.some((m) => m === undefined) ? 'needs the ghz rows (ghz not found?)' : undefined,
          ...rows.map(errorNote),
        );
      checks.push(
        check(
          'bridge unary ExecuteQuery p50 − minimal grpc-js + driver server p50, point-read, c=1',
          'bridge',
          `≤ ${LIMITS.bridgeUnaryOverMinimalMs} ms`,
          difference(p50Of('bridge-unary'), p50Of('minimal-grpc')),
          (v) => `${v.toFixed(3)} ms`,
          (v) => v <= LIMITS.bridgeUnaryOverMinimalMs,
          ghzNote([bridge, minimal]),
        ),
        check(
          'gRPC API p50 − bridge unary ExecuteQuery p50, point-read, c=1',
          api,
          `≤ ${LIMITS.grpcOverBridgeUnaryMs} ms`,
          difference(grpcRow?.loadGenerator === 'ghz' ? p50Of('grpc') : undefined, p50Of('bridge-unary')),
          (v) => `${v.toFixed(3)} ms`,
          (v) => v <= LIMITS.grpcOverBridgeUnaryMs,
          joinNotes(
            ghzNote([grpcRow?.loadGenerator === 'ghz' ? grpcRow : undefined, bridge]),
            hopFloorNote(options.aloneP50Us, 1),
          ),
        ),
      );
    }
    if (cLoad !== undefined) {
      const loaded = find(scenario, api, cLoad);
      const limit = LIMITS.gatewayCpuToEcho[api];
      const gateway = loaded?.gatewayCpuUsPerRequest;
      checks.push(
        check(
          `gateway CPU (API + bridge) per ${scenario} ÷ grpc-js unary echo CPU, c=${cLoad}`,
          api,
          `≤ ${limit} ×`,
          gateway === undefined || echoUs === undefined || echoUs <= 0 ? undefined : gateway / echoUs,
          (v) => `${gateway!.toFixed(0)} µs = ${v.toFixed(2)} × ${echoUs!.toFixed(0)} µs`,
          (v) => v <= limit,
          joinNotes(
            echoUs === undefined ? 'no machine check (--skip-calibration)' : undefined,
            errorNote(loaded),
            floorNote(
              api,
              (floor) => find(scenario, floor, cLoad),
              (m) =>
                m.gatewayCpuUsPerRequest === undefined
                  ? undefined
                  : `${m.gatewayCpuUsPerRequest.toFixed(0)} µs${echoUs ? ` = ${(m.gatewayCpuUsPerRequest / echoUs).toFixed(2)} ×` : ''}`,
            ),
          ),
        ),
        check(
          `p99 ≤ ${LIMITS.p99Factor} × direct p99, ${scenario}, c=${cLoad}`,
          api,
          `≤ ${LIMITS.p99Factor} ×`,
          loaded?.p99ToDirect,
          (v) => `${loaded!.p99Ms.toFixed(2)} ms = ${v.toFixed(2)} ×`,
          (v) => v <= LIMITS.p99Factor,
          joinNotes(
            errorNote(loaded),
            floorNote(
              api,
              (floor) => find(scenario, floor, cLoad),
              (m) => (m.p99ToDirect === undefined ? undefined : `${m.p99ToDirect.toFixed(2)} ×`),
            ),
          ),
        ),
      );
      if (planned('page-read', api) && scenario === 'point-read') {
        const page = find('page-read', api, cLoad);
        const pageCpu = page?.gatewayCpuUsPerRequest;
        const pointCpu = gateway;
        /** A row's CPU per page read ÷ per point read, both at c=cLoad. */
        const pageToPoint = (row: ApiName) => {
          const [pageUs, pointUs] = [
            find('page-read', row, cLoad)?.gatewayCpuUsPerRequest,
            find('point-read', row, cLoad)?.gatewayCpuUsPerRequest,
          ];
          return pageUs === undefined || pointUs === undefined || pointUs <= 0 ? undefined : pageUs / pointUs;
        };
        checks.push(
          check(
            `gateway CPU, ${PAGE_ROWS}-row page-read ÷ point-read, c=${cLoad}`,
            api,
            `≤ ${LIMITS.pageToPointCpu} ×`,
            pageToPoint(api),
            (v) => `${pageCpu!.toFixed(0)} ÷ ${pointCpu!.toFixed(0)} µs = ${v.toFixed(2)} ×`,
            (v) => v <= LIMITS.pageToPointCpu,
            joinNotes(
              errorNote(page),
              floorNote(
                api,
                (floor) => find('page-read', floor, cLoad),
                (m) => {
                  const ratio = pageToPoint(m.api);
                  return ratio === undefined ? undefined : `${ratio.toFixed(2)} ×`;
                },
              ),
            ),
          ),
        );
      }
    }
  }
  /** Every planned run of the API has its figures: only then is its peak RSS a peak under load. */
  const fullyLoaded = (api: GatewayApi) =>
    plan.scenarios
      .filter((s) => s.apis.includes(api))
      .every((s) => plan.concurrency.every((c) => find(s.name, api, c) !== undefined));
  for (const api of plan.apis) {
    const s = services.find((x) => x.name === api);
    const rssLimit = `≤ ${LIMITS.rssMiB} MiB`;
    const rssNote = joinNotes(
      s?.profiled ? 'profiled (--cpu-prof adds memory)' : undefined,
      // Counted in VmHWM, though shared by every node process of the host and reclaimable.
      s?.residentMiB
        ? `${s.residentMiB.file.toFixed(0)} MiB of it file-backed at the end (the node binary's pages)`
        : undefined,
    );
    if (s?.peakRssMiB !== undefined && !fullyLoaded(api)) {
      // A peak taken before the load it is about: shown, never a pass.
      checks.push({
        target: 'peak RSS under load (VmHWM)',
        api,
        measured: `${s.peakRssMiB.toFixed(1)} MiB`,
        limit: rssLimit,
        pass: undefined,
        note: ['not every planned run of this API was measured', rssNote].filter(Boolean).join('; '),
      });
    } else {
      checks.push(
        check(
          'peak RSS under load (VmHWM)',
          api,
          rssLimit,
          s?.peakRssMiB,
          (v) => `${v.toFixed(1)} MiB`,
          (v) => v <= LIMITS.rssMiB,
          rssNote,
        ),
      );
    }
    const coldNote = joinNotes(
      s?.profiled ? 'profiled' : undefined,
      options.apisStartedTogether ? 'APIs started side by side (quick)' : undefined,
    );
    checks.push(
      check(
        `cold start (spawn → first ${s?.coldStartRequest ?? 'request'})`,
        api,
        `≤ ${LIMITS.coldStartMs} ms`,
        s?.coldStartMs,
        (v) => `${v} ms`,
        (v) => v <= LIMITS.coldStartMs,
        coldNote,
      ),
    );
  }
  if (planned('doc-search', 'docs')) {
    for (const c of [plan.concurrency.includes(1) ? 1 : undefined, cLoad]) {
      if (c === undefined) continue;
      const search = find('doc-search', 'docs', c);
      const small = options.searchDocs < options.fullSearchDocs;
      checks.push(
        check(
          `field search p99, ${options.searchDocs.toLocaleString('en-US')} documents, c=${c}`,
          'docs',
          `≤ ${LIMITS.searchP99Ms} ms`,
          search?.p99Ms,
          (v) => `${v.toFixed(1)} ms`,
          (v) => v <= LIMITS.searchP99Ms,
          joinNotes(
            small
              ? `quick collection, not the ${options.fullSearchDocs.toLocaleString('en-US')}-document target`
              : undefined,
            c !== 1 ? 'under load: informational' : undefined,
            errorNote(search),
          ),
        ),
      );
    }
  }
  return checks;
}

export interface TargetTally {
  pass: number;
  miss: number;
  notMeasured: number;
  total: number;
}

export function tallyTargets(checks: readonly TargetCheck[]): TargetTally {
  const pass = checks.filter((c) => c.pass === true).length;
  const miss = checks.filter((c) => c.pass === false).length;
  return { pass, miss, notMeasured: checks.length - pass - miss, total: checks.length };
}

/** An error message as one line of a report: its first line, at most `max` characters. */
export function oneLine(text: string, max = 300): string {
  const first = text.trim().split('\n')[0]!.trim();
  return first.length <= max ? first : `${first.slice(0, max - 1)}…`;
}

/**
 * The last line of a run. An aborted run says so first: whatever passed before the abort, the run
 * is not a success.
 */
export function targetsLine(checks: readonly TargetCheck[], abortReason?: string): string {
  const t = tallyTargets(checks);
  const counts = `${t.pass} of ${t.total} targets pass${t.miss ? `, ${t.miss} missed` : ''}${
    t.notMeasured ? `, ${t.notMeasured} not measured` : ''
  }`;
  return abortReason === undefined ? counts : `RUN ABORTED (${abortReason}): ${counts}`;
}

const f = (x: number | undefined, digits: number) => (x === undefined ? '—' : x.toFixed(digits));

/** The run-queue wait of the row's processes, "API / bridge / Cassandra"; — where a process is not in the row. */
function waiting(m: Measurement): string {
  const parts = [m.apiWaitCores, m.bridgeWaitCores, m.cassandraWaitCores];
  return parts.every((p) => p === undefined) ? '—' : parts.map((p) => f(p, 2)).join(' / ');
}

export function resultsTable(measurements: Measurement[], failures: Failure[], echoCpuUs?: number): string {
  const lines = [
    '| scenario | API | c | req/s | × direct | p50 ms | p99 ms | p99 × direct | added p50 ms | API CPU s/1k | bridge CPU s/1k | gateway µs/req | gateway × echo | Cassandra µs/req | load generator µs/req | other load (cores) | machine busy (cores) | steal (cores) | waiting to run (cores): API / bridge / Cassandra | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const m of measurements) {
    const toEcho =
      m.gatewayCpuUsPerRequest === undefined || !echoCpuUs ? undefined : m.gatewayCpuUsPerRequest / echoCpuUs;
    const generator =
      m.loadGeneratorCpuPer1k === undefined
        ? '—'
        : `${(m.loadGeneratorCpuPer1k * 1000).toFixed(0)}${m.loadGenerator ? ` (${m.loadGenerator})` : ''}`;
    lines.push(
      `| ${m.scenario} | ${m.api} | ${m.concurrency} | ${m.throughput.toFixed(0)} | ${f(m.ratioToDirect, 2)} | ${m.p50Ms.toFixed(2)} | ${m.p99Ms.toFixed(2)} | ${f(m.p99ToDirect, 2)} | ${f(m.addedP50Ms, 3)} | ${f(m.apiCpuPer1k, 3)} | ${f(m.bridgeCpuPer1k, 3)} | ${f(m.gatewayCpuUsPerRequest, 0)} | ${f(toEcho, 2)} | ${f(m.cassandraCpuPer1k === undefined ? undefined : m.cassandraCpuPer1k * 1000, 0)} | ${generator} | ${f(m.otherCores, 2)} | ${f(m.machineBusyCores, 2)} | ${f(m.stealCores, 2)} | ${waiting(m)} | ${m.errors} |`,
    );
  }
  for (const x of failures) {
    lines.push(
      `| ${x.scenario} | ${x.api} | — | failed: ${x.error.replaceAll('|', '\\|').slice(0, 200)} |||||||||||||||||`,
    );
  }
  return lines.join('\n');
}

function threadSummary(threads: Record<string, number>): string {
  let main = 0;
  let others = 0;
  for (const [name, seconds] of Object.entries(threads)) {
    if (name.startsWith('main')) main += seconds;
    else others += seconds;
  }
  return `${main.toFixed(1)} / ${others.toFixed(1)}`;
}

export function servicesTable(services: ServiceFigures[]): string {
  const lines = [
    '| process | spawn → ready ms | cold start: spawn → first request ms | first request | peak RSS MiB (VmHWM) | RSS at the end: private / file-backed MiB | CPU s (whole run) | main thread / other threads CPU s | idle CPU ms/s |',
    '|---|---:|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const s of services) {
    lines.push(
      `| ${s.name}${s.profiled ? ' (profiled)' : ''} | ${s.readyMs} | ${s.coldStartMs ?? '—'} | ${s.coldStartRequest} | ${f(s.peakRssMiB, 0)} | ${s.residentMiB ? `${s.residentMiB.anon.toFixed(0)} / ${s.residentMiB.file.toFixed(0)}` : '—'} | ${s.cpuSeconds.toFixed(1)} | ${threadSummary(s.threads)} | ${s.idleCpuMsPerSecond === undefined ? '—' : s.idleCpuMsPerSecond.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

export function targetsTable(checks: TargetCheck[]): string {
  const lines = ['| target | API | measured | limit | result | note |', '|---|---|---|---|---|---|'];
  for (const c of checks) {
    const result = c.pass === undefined ? 'not measured' : c.pass ? 'pass' : '**miss**';
    lines.push(`| ${c.target} | ${c.api} | ${c.measured} | ${c.limit} | ${result} | ${c.note ?? ''} |`);
  }
  return lines.join('\n');
}
