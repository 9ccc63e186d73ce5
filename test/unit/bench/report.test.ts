// What `npm run bench` reports from its measurements: comparisons with the direct driver of the same
// scenario and concurrency, medians over rounds, the targets at their limits, missing data
// (an aborted run: "not measured", never "pass"), the last line, and the Markdown tables.
import { describe, expect, it } from 'vitest';
import {
  checkTargets,
  compareWithDirect,
  type Failure,
  LIMITS,
  type Measurement,
  medianOfRounds,
  oneLine,
  resultsTable,
  type ServiceFigures,
  servicesTable,
  type TargetCheck,
  type TargetOptions,
  type TargetPlan,
  tallyTargets,
  targetsLine,
  targetsTable,
} from '../../../bench/lib/report.js';
import { type GatewayApi, SCENARIOS } from '../../../bench/lib/scenarios.js';

function run(fields: Partial<Measurement> & Pick<Measurement, 'api'>): Measurement {
  return {
    scenario: 'point-read',
    concurrency: 1,
    requests: 1000,
    errors: 0,
    seconds: 1,
    throughput: 1000,
    p50Ms: 1,
    p99Ms: 2,
    ...fields,
  };
}

function service(fields: Partial<ServiceFigures> & Pick<ServiceFigures, 'name'>): ServiceFigures {
  return {
    pid: 1234,
    readyMs: 800,
    coldStartMs: 900,
    coldStartRequest: 'GET row',
    peakRssMiB: 100,
    cpuSeconds: 2.5,
    threads: { 'main (node)': 2, V8Worker: 0.5 },
    profiled: false,
    ...fields,
  };
}

const fullRun = { searchDocs: 100_000, fullSearchDocs: 100_000, apisStartedTogether: false };

const GATEWAY: GatewayApi[] = ['grpc', 'rest', 'graphql', 'docs'];

/** The plan these figures answer: their APIs, scenarios and concurrency levels. */
function planOf(measurements: Measurement[], services: ServiceFigures[]): TargetPlan {
  const scenarios = new Set(measurements.map((m) => m.scenario));
  return {
    apis: GATEWAY.filter(
      (api) => measurements.some((m) => m.api === api) || services.some((s) => s.name === api),
    ),
    scenarios: SCENARIOS.filter((s) => scenarios.has(s.name)),
    concurrency: [...new Set(measurements.map((m) => m.concurrency))],
  };
}

function targetsOf(
  measurements: Measurement[],
  services: ServiceFigures[] = [],
  options: Omit<TargetOptions, 'plan'> = fullRun,
  plan = planOf(measurements, services),
) {
  return checkTargets(measurements, services, { ...options, plan });
}

function only(checks: TargetCheck[], target: string | RegExp, api?: string): TargetCheck {
  const found = checks.filter(
    (c) =>
      (typeof target === 'string' ? c.target === target : target.test(c.target)) && (!api || c.api === api),
  );
  expect(found, `${String(target)} ${api ?? ''}`).toHaveLength(1);
  return found[0]!;
}

/** Cells of a Markdown table row (escaped pipes are part of a cell). */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('compareWithDirect', () => {
  const direct = [
    run({ api: 'direct', concurrency: 1, throughput: 2000, p50Ms: 0.5, p99Ms: 1 }),
    run({ api: 'direct', concurrency: 32, throughput: 10_000, p50Ms: 2, p99Ms: 8 }),
    run({ api: 'direct', scenario: 'insert', concurrency: 1, throughput: 4000, p50Ms: 0.25, p99Ms: 0.5 }),
  ];

  it('divides by the direct run of the same scenario and concurrency; added p50 at c=1 only', () => {
    const rest1 = run({ api: 'rest', concurrency: 1, throughput: 500, p50Ms: 1.2, p99Ms: 3 });
    const rest32 = run({ api: 'rest', concurrency: 32, throughput: 1000, p50Ms: 20, p99Ms: 40 });
    const insert = run({ api: 'rest', scenario: 'insert', throughput: 1000, p50Ms: 1, p99Ms: 2 });
    compareWithDirect([...direct.map((d) => ({ ...d })), rest1, rest32, insert]);
    expect(rest1.ratioToDirect).toBeCloseTo(0.25, 10);
    expect(rest1.p99ToDirect).toBeCloseTo(3, 10);
    expect(rest1.addedP50Ms).toBeCloseTo(0.7, 10);
    expect(rest32.ratioToDirect).toBeCloseTo(0.1, 10);
    expect(rest32.p99ToDirect).toBeCloseTo(5, 10);
    expect(rest32.addedP50Ms).toBeUndefined();
    // The insert's direct run, not the point read's.
    expect(insert.ratioToDirect).toBeCloseTo(0.25, 10);
    expect(insert.p99ToDirect).toBeCloseTo(4, 10);
    expect(insert.addedP50Ms).toBeCloseTo(0.75, 10);
  });

  it('leaves the direct rows alone and the comparisons empty when there is no direct run to compare with', () => {
    const measured = [
      ...direct.map((d) => ({ ...d })),
      run({ api: 'grpc', concurrency: 128 }),
      run({ api: 'docs', scenario: 'doc-read' }),
    ];
    compareWithDirect(measured);
    for (const m of measured) {
      expect(
        [m.ratioToDirect, m.p99ToDirect, m.addedP50Ms],
        `${m.api} ${m.scenario} c=${m.concurrency}`,
      ).toEqual([undefined, undefined, undefined]);
    }
  });

  it('gives no ratio (rather than Infinity) when the direct run had no throughput or latency', () => {
    const rest = run({ api: 'rest', p50Ms: 1.5 });
    compareWithDirect([run({ api: 'direct', throughput: 0, p50Ms: 0, p99Ms: 0 }), rest]);
    expect(rest.ratioToDirect).toBeUndefined();
    expect(rest.p99ToDirect).toBeUndefined();
    expect(rest.addedP50Ms).toBe(1.5);
  });
});

describe('medianOfRounds', () => {
  it('takes the median of each figure over the rounds, sums the counts and drops the round number', () => {
    const rounds = [
      run({
        api: 'rest',
        round: 1,
        throughput: 100,
        p50Ms: 3,
        p99Ms: 9,
        requests: 10,
        errors: 0,
        seconds: 1,
      }),
      run({
        api: 'rest',
        round: 2,
        throughput: 300,
        p50Ms: 1,
        p99Ms: 7,
        requests: 20,
        errors: 1,
        seconds: 2,
      }),
      run({
        api: 'rest',
        round: 3,
        throughput: 200,
        p50Ms: 2,
        p99Ms: 8,
        requests: 30,
        errors: 2,
        seconds: 3,
      }),
    ];
    rounds[0]!.gatewayCpuUsPerRequest = 500;
    rounds[2]!.gatewayCpuUsPerRequest = 700;
    const [m, ...rest] = medianOfRounds(rounds);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({
      scenario: 'point-read',
      api: 'rest',
      concurrency: 1,
      throughput: 200,
      p50Ms: 2,
      p99Ms: 8,
      requests: 60,
      errors: 3,
      seconds: 6,
      // The two rounds that have the figure.
      gatewayCpuUsPerRequest: 600,
    });
    expect(m!.round).toBeUndefined();
    expect(m!.otherCores).toBeUndefined();
  });

  it('with an even number of rounds, the median is the mean of the middle two', () => {
    const [m] = medianOfRounds([
      run({ api: 'grpc', round: 1, throughput: 300 }),
      run({ api: 'grpc', round: 2, throughput: 100 }),
      run({ api: 'grpc', round: 3, throughput: 1000 }),
      run({ api: 'grpc', round: 4, throughput: 200 }),
    ]);
    expect(m!.throughput).toBe(250);
  });

  it('keeps scenarios, APIs and concurrency levels apart', () => {
    const raw = [1, 2].flatMap((round) =>
      (['direct', 'rest'] as const).flatMap((api) =>
        [1, 32].map((concurrency) => run({ api, concurrency, round, throughput: concurrency * 10 + round })),
      ),
    );
    const medians = medianOfRounds(raw);
    expect(medians.map((m) => `${m.api} c=${m.concurrency} ${m.throughput}`)).toEqual([
      'direct c=1 11.5',
      'direct c=32 321.5',
      'rest c=1 11.5',
      'rest c=32 321.5',
    ]);
  });

  it('returns copies: comparing the medians with direct leaves the raw rounds (written to the JSON) alone', () => {
    const raw = [run({ api: 'direct', round: 1 }), run({ api: 'rest', round: 1, throughput: 500 })];
    const medians = medianOfRounds(raw);
    compareWithDirect(medians);
    expect(medians[1]!.ratioToDirect).toBe(0.5);
    expect(raw[1]!.ratioToDirect).toBeUndefined();
    expect(raw[1]!.round).toBe(1);
  });
});

describe('checkTargets at the limits', () => {
  const httpApis = ['rest', 'graphql', 'docs'] as const;
  const apis = ['rest', 'grpc', 'graphql', 'docs'] as const;
  const readOf = (api: (typeof apis)[number]) => (api === 'docs' ? 'doc-read' : 'point-read');
  const withEcho = (echoCpuUs: number | undefined) => ({ ...fullRun, echoCpuUs });

  it.each(httpApis)('%s: added p50 at c=1 passes at the limit and misses just above it', (api) => {
    const limit = LIMITS.addedP50Ms[api];
    const at = only(
      targetsOf([run({ api, scenario: readOf(api), addedP50Ms: limit })]),
      `added p50 latency, ${readOf(api)}, c=1`,
    );
    expect(at).toMatchObject({ api, pass: true, limit: `≤ ${limit} ms`, measured: `${limit.toFixed(3)} ms` });
    const above = only(
      targetsOf([run({ api, scenario: readOf(api), addedP50Ms: limit + 0.001 })]),
      /^added p50/,
    );
    expect(above.pass).toBe(false);
  });

  it('added p50 names the floor of two more processes from the machine check, when there is one', () => {
    const rows = [run({ api: 'rest', addedP50Ms: 1.1 })];
    const withFloor = only(targetsOf(rows, [], { ...fullRun, aloneP50Us: 118 }), /^added p50/);
    expect(withFloor.note).toBe('two more processes on the way: ≥ 2 × 0.118 ms here (machine check, c=1)');
    expect(only(targetsOf(rows), /^added p50/).note).toBeUndefined();
  });

  it("REST's targets name the floor rows of the same run: Fastify + driver alone, and behind a grpc-js unary hop", () => {
    const rows = [
      run({ api: 'rest', addedP50Ms: 0.3 }),
      run({ api: 'fastify-driver', addedP50Ms: 0.012 }),
      run({ api: 'fastify-grpc-unary', addedP50Ms: 0.431 }),
      run({ api: 'rest', concurrency: 32, gatewayCpuUsPerRequest: 72 }),
      run({ api: 'fastify-driver', concurrency: 32, gatewayCpuUsPerRequest: 35 }),
      run({ api: 'fastify-grpc-unary', concurrency: 32, gatewayCpuUsPerRequest: 205 }),
    ];
    const checks = targetsOf(rows, [], { ...fullRun, echoCpuUs: 100 });
    expect(only(checks, /^added p50/).note).toBe(
      'floor rows: Fastify + driver in one process +0.012 ms; Fastify → grpc-js unary → driver +0.431 ms',
    );
    const cpu = only(checks, /^gateway CPU \(API \+ bridge\)/);
    expect(cpu.measured).toBe('72 µs = 0.72 × 100 µs');
    expect(cpu.note).toBe(
      'floor rows: Fastify + driver in one process 35 µs = 0.35 ×; Fastify → grpc-js unary → driver 205 µs = 2.05 ×',
    );
    expect(only(checks, /^p99 ≤ 3 × direct p99/).note).toBeUndefined(); // no p99 ratios in these rows
    // Without the floor rows (a quick run) the notes say nothing of them.
    const alone = targetsOf(
      rows.filter((m) => m.api === 'rest'),
      [],
      { ...fullRun, echoCpuUs: 100 },
    );
    expect(only(alone, /^gateway CPU \(API \+ bridge\)/).note).toBeUndefined();
  });

  it("GraphQL's targets name its floor row: Mercurius + driver in one process", () => {
    const rows = [
      run({ api: 'graphql', addedP50Ms: 0.5 }),
      run({ api: 'mercurius-driver', addedP50Ms: 0.05 }),
      run({ api: 'graphql', concurrency: 32, gatewayCpuUsPerRequest: 90, p99ToDirect: 4.4 }),
      run({ api: 'mercurius-driver', concurrency: 32, gatewayCpuUsPerRequest: 45, p99ToDirect: 2 }),
    ];
    const checks = targetsOf(rows, [], { ...fullRun, echoCpuUs: 100 });
    expect(only(checks, /^added p50/).note).toBe('floor rows: Mercurius + driver in one process +0.050 ms');
    expect(only(checks, /^gateway CPU \(API \+ bridge\)/).note).toBe(
      'floor rows: Mercurius + driver in one process 45 µs = 0.45 ×',
    );
    expect(only(checks, /^p99 ≤ 3 × direct p99/).note).toBe(
      'floor rows: Mercurius + driver in one process 2.00 ×',
    );
  });

  it("gRPC at c=32: the CPU and p99 targets name the minimal server's and the bridge unary row's figures", () => {
    const rows = [
      run({ api: 'grpc', concurrency: 32, gatewayCpuUsPerRequest: 140, p99ToDirect: 7.6 }),
      run({ api: 'minimal-grpc', concurrency: 32, gatewayCpuUsPerRequest: 50, p99ToDirect: 2.5 }),
      run({ api: 'bridge-unary', concurrency: 32, gatewayCpuUsPerRequest: 70, p99ToDirect: 3.1 }),
    ];
    const checks = targetsOf(rows, [], { ...fullRun, echoCpuUs: 100 });
    expect(only(checks, /^gateway CPU \(API \+ bridge\)/).note).toBe(
      "floor rows: grpc-js + driver in one process 50 µs = 0.50 ×; the bridge's unary ExecuteQuery 70 µs = 0.70 ×",
    );
    expect(only(checks, /^p99 ≤ 3 × direct p99/).note).toBe(
      "floor rows: grpc-js + driver in one process 2.50 ×; the bridge's unary ExecuteQuery 3.10 ×",
    );
  });

  it('gRPC at c=1: the bridge unary row against the minimal server, the gRPC API (ghz) against the bridge', () => {
    const rows = (bridge: number, grpc: number, generator: Measurement['loadGenerator'] = 'ghz') => [
      run({ api: 'minimal-grpc', p50Ms: 0.76 }),
      run({ api: 'bridge-unary', p50Ms: bridge }),
      run({ api: 'grpc', p50Ms: grpc, loadGenerator: generator }),
    ];
    const bridgeTarget =
      'bridge unary ExecuteQuery p50 − minimal grpc-js + driver server p50, point-read, c=1';
    const grpcTarget = 'gRPC API p50 − bridge unary ExecuteQuery p50, point-read, c=1';
    const at = targetsOf(rows(0.86, 1.01));
    expect(only(at, bridgeTarget)).toMatchObject({ api: 'bridge', pass: true, measured: '0.100 ms' });
    expect(only(at, grpcTarget)).toMatchObject({ api: 'grpc', pass: true, measured: '0.150 ms' });
    const above = targetsOf(rows(0.87, 1.03));
    expect([only(above, bridgeTarget).pass, only(above, grpcTarget).pass]).toEqual([false, false]);
    // gRPC has no added-p50 target against the driver: ghz measures it against the bridge.
    expect(at.some((c) => c.target.startsWith('added p50'))).toBe(false);
    // The grpc-js harness's latency is not comparable with ghz's: not measured.
    expect(only(targetsOf(rows(0.86, 1.01, 'grpc-js')), grpcTarget)).toMatchObject({
      pass: undefined,
      note: 'needs the ghz rows (ghz not found?)',
    });
    // The gRPC API is one more process on the way than the bridge's unary call.
    expect(only(targetsOf(rows(0.86, 1.01), [], { ...fullRun, aloneP50Us: 64 }), grpcTarget).note).toBe(
      'one more process on the way: ≥ 0.064 ms here (machine check, c=1)',
    );
  });

  it.each(apis)('%s: gateway CPU per read at c=32, as a multiple of the echo, passes at the limit', (api) => {
    const limit = LIMITS.gatewayCpuToEcho[api];
    const at = (us: number, echo: number | null = 200) =>
      only(
        targetsOf(
          [run({ api, scenario: readOf(api), concurrency: 32, gatewayCpuUsPerRequest: us })],
          [],
          withEcho(echo ?? undefined),
        ),
        `gateway CPU (API + bridge) per ${readOf(api)} ÷ grpc-js unary echo CPU, c=32`,
      );
    expect(at(limit * 200)).toMatchObject({
      pass: true,
      limit: `≤ ${limit} ×`,
      measured: `${(limit * 200).toFixed(0)} µs = ${limit.toFixed(2)} × 200 µs`,
    });
    expect(at(limit * 200 + 1).pass).toBe(false);
    expect(at(100, null)).toMatchObject({ pass: undefined, note: 'no machine check (--skip-calibration)' });
  });

  it('page read: gateway CPU ≤ 2 × the same API point read at c=32', () => {
    const rows = (page: number) => [
      run({ api: 'rest', concurrency: 32, gatewayCpuUsPerRequest: 150 }),
      run({ api: 'rest', scenario: 'page-read', concurrency: 32, gatewayCpuUsPerRequest: page }),
    ];
    const target = 'gateway CPU, 100-row page-read ÷ point-read, c=32';
    expect(only(targetsOf(rows(300)), target)).toMatchObject({
      pass: true,
      measured: '300 ÷ 150 µs = 2.00 ×',
      limit: '≤ 2 ×',
    });
    expect(only(targetsOf(rows(301)), target).pass).toBe(false);
  });

  it("page read: the target names each floor row's own page ÷ point ratio, when both reads of it ran", () => {
    const rows = [
      run({ api: 'graphql', concurrency: 32, gatewayCpuUsPerRequest: 90 }),
      run({ api: 'graphql', scenario: 'page-read', concurrency: 32, gatewayCpuUsPerRequest: 225 }),
      run({ api: 'mercurius-driver', concurrency: 32, gatewayCpuUsPerRequest: 40 }),
      run({ api: 'mercurius-driver', scenario: 'page-read', concurrency: 32, gatewayCpuUsPerRequest: 124 }),
      run({ api: 'rest', concurrency: 32, gatewayCpuUsPerRequest: 80 }),
      run({ api: 'rest', scenario: 'page-read', concurrency: 32, gatewayCpuUsPerRequest: 170 }),
      // Only its page read: no ratio to show.
      run({ api: 'fastify-driver', scenario: 'page-read', concurrency: 32, gatewayCpuUsPerRequest: 70 }),
      run({ api: 'fastify-grpc-unary', concurrency: 32, gatewayCpuUsPerRequest: 200 }),
      run({ api: 'fastify-grpc-unary', scenario: 'page-read', concurrency: 32, gatewayCpuUsPerRequest: 500 }),
    ];
    const checks = targetsOf(rows);
    const target = 'gateway CPU, 100-row page-read ÷ point-read, c=32';
    expect(only(checks, target, 'graphql')).toMatchObject({
      measured: '225 ÷ 90 µs = 2.50 ×',
      pass: false,
      note: 'floor rows: Mercurius + driver in one process 3.10 ×',
    });
    expect(only(checks, target, 'rest').note).toBe('floor rows: Fastify → grpc-js unary → driver 2.50 ×');
  });

  it("the Document API read's targets name the REST floor rows' figures on the same read", () => {
    const rows = [
      run({ api: 'docs', scenario: 'doc-read', addedP50Ms: 0.45 }),
      run({ api: 'fastify-driver', scenario: 'doc-read', addedP50Ms: 0.1 }),
      run({ api: 'docs', scenario: 'doc-read', concurrency: 32, gatewayCpuUsPerRequest: 80, p99ToDirect: 4 }),
      run({
        api: 'fastify-driver',
        scenario: 'doc-read',
        concurrency: 32,
        gatewayCpuUsPerRequest: 30,
        p99ToDirect: 2,
      }),
      // The point read's floor figures are not the document read's.
      run({ api: 'fastify-grpc-unary', concurrency: 32, gatewayCpuUsPerRequest: 200 }),
    ];
    const checks = targetsOf(rows, [], { ...fullRun, echoCpuUs: 100 });
    expect(only(checks, /^added p50/, 'docs').note).toBe(
      'floor rows: Fastify + driver in one process +0.100 ms',
    );
    expect(only(checks, /^gateway CPU \(API \+ bridge\)/, 'docs').note).toBe(
      'floor rows: Fastify + driver in one process 30 µs = 0.30 ×',
    );
    expect(only(checks, /^p99/, 'docs').note).toBe('floor rows: Fastify + driver in one process 2.00 ×');
  });

  it('p99 at c=32: the read of each API, ≤ 3 × direct passes, above misses', () => {
    const checks = targetsOf([
      run({ api: 'rest', concurrency: 32, p99Ms: 10, p99ToDirect: LIMITS.p99Factor }),
      run({ api: 'docs', scenario: 'doc-read', concurrency: 32, p99Ms: 10.1, p99ToDirect: 3.01 }),
      run({ api: 'rest', scenario: 'insert', concurrency: 32, p99ToDirect: 9 }),
      run({ api: 'rest', concurrency: 1, p99ToDirect: 9 }),
    ]);
    expect(only(checks, 'p99 ≤ 3 × direct p99, point-read, c=32')).toMatchObject({
      pass: true,
      measured: '10.00 ms = 3.00 ×',
      limit: '≤ 3 ×',
    });
    expect(only(checks, 'p99 ≤ 3 × direct p99, doc-read, c=32').pass).toBe(false);
    // Inserts and c=1 have no p99 target.
    expect(checks.filter((c) => c.target.startsWith('p99'))).toHaveLength(2);
  });

  it('uses the lowest level above 1 as the loaded level when c=32 was not measured', () => {
    const checks = targetsOf([
      run({ api: 'rest', concurrency: 1 }),
      run({ api: 'rest', concurrency: 128, p99ToDirect: 1 }),
      run({ api: 'rest', concurrency: 64, p99ToDirect: 4 }),
    ]);
    expect(only(checks, /^p99/)).toMatchObject({
      target: 'p99 ≤ 3 × direct p99, point-read, c=64',
      pass: false,
    });
  });

  it('RSS: at most 100 MiB', () => {
    const rss = (peakRssMiB: number) =>
      only(targetsOf([], [service({ name: 'rest', peakRssMiB })]), 'peak RSS under load (VmHWM)');
    expect(rss(100)).toMatchObject({ pass: true, limit: '≤ 100 MiB', measured: '100.0 MiB' });
    expect(rss(100.01).pass).toBe(false);
  });

  it('cold start passes at 500 ms and misses above it; the bridge has no RSS or cold-start target', () => {
    const checks = targetsOf(
      [],
      [
        service({ name: 'bridge', coldStartMs: 5000, peakRssMiB: 500, coldStartRequest: 'POST /v1/auth' }),
        service({ name: 'rest', coldStartMs: LIMITS.coldStartMs }),
        service({ name: 'grpc', coldStartMs: LIMITS.coldStartMs + 1, coldStartRequest: 'ExecuteQuery' }),
      ],
    );
    expect(checks.some((c) => c.api === 'bridge')).toBe(false);
    expect(only(checks, 'cold start (spawn → first GET row)', 'rest')).toMatchObject({
      pass: true,
      measured: '500 ms',
      limit: '≤ 500 ms',
      note: undefined,
    });
    expect(only(checks, 'cold start (spawn → first ExecuteQuery)', 'grpc').pass).toBe(false);
  });

  it('notes profiled processes and APIs started side by side (quick mode)', () => {
    const checks = targetsOf([], [service({ name: 'rest', profiled: true })], {
      ...fullRun,
      apisStartedTogether: true,
    });
    expect(only(checks, /^cold start/).note).toBe('profiled; APIs started side by side (quick)');
    expect(only(checks, /^peak RSS/).note).toBe('profiled (--cpu-prof adds memory)');
  });

  it('field search p99 passes at 50 ms and misses above; c=32 is informational, a small collection is said', () => {
    const checks = targetsOf(
      [
        run({ api: 'docs', scenario: 'doc-search', concurrency: 1, p99Ms: LIMITS.searchP99Ms }),
        run({ api: 'docs', scenario: 'doc-search', concurrency: 32, p99Ms: 50.1, errors: 3, requests: 90 }),
      ],
      [],
      { searchDocs: 2000, fullSearchDocs: 100_000, apisStartedTogether: true },
    );
    expect(only(checks, 'field search p99, 2,000 documents, c=1')).toMatchObject({
      pass: true,
      measured: '50.0 ms',
      limit: '≤ 50 ms',
      note: 'quick collection, not the 100,000-document target',
    });
    expect(only(checks, 'field search p99, 2,000 documents, c=32')).toMatchObject({
      pass: false,
      note: 'quick collection, not the 100,000-document target; under load: informational; 3 errors in 90 requests',
    });
  });

  it('notes the errors of the run a target was taken from', () => {
    const check = only(
      targetsOf([run({ api: 'rest', addedP50Ms: 0.1, errors: 4, requests: 100 })]),
      /^added p50/,
    );
    expect(check).toMatchObject({ pass: true, note: '4 errors in 100 requests' });
  });
});

describe('checkTargets with missing data', () => {
  it('an RSS that could not be read is not measured, not 0 MiB passing', () => {
    const check = only(targetsOf([], [service({ name: 'rest', peakRssMiB: undefined })]), /^peak RSS/);
    expect(check).toMatchObject({ measured: '—', pass: undefined });
    expect(targetsTable([check])).toContain('| — | ≤ 100 MiB | not measured |');
  });

  it('a cold start that never happened is not measured', () => {
    const check = only(targetsOf([], [service({ name: 'docs', coldStartMs: undefined })]), /^cold start/);
    expect(check).toMatchObject({ measured: '—', pass: undefined });
  });

  it('an API that never started: its RSS and cold start are not measured', () => {
    const checks = targetsOf([], [], fullRun, { apis: ['grpc'], scenarios: [], concurrency: [1] });
    expect(checks).toEqual([
      expect.objectContaining({ target: 'peak RSS under load (VmHWM)', api: 'grpc', pass: undefined }),
      expect.objectContaining({ target: 'cold start (spawn → first request)', api: 'grpc', pass: undefined }),
    ]);
  });

  it('figures without their comparison (no direct run, no CPU) are not measured, and nothing planned gives nothing', () => {
    expect(targetsOf([])).toEqual([]);
    const checks = targetsOf([run({ api: 'rest' }), run({ api: 'rest', concurrency: 32 })]);
    expect(checks.filter((c) => c.pass !== undefined).map((c) => c.target)).toEqual([]);
    expect(checks.map((c) => c.target)).toEqual([
      'added p50 latency, point-read, c=1',
      'gateway CPU (API + bridge) per point-read ÷ grpc-js unary echo CPU, c=32',
      'p99 ≤ 3 × direct p99, point-read, c=32',
      'peak RSS under load (VmHWM)',
      'cold start (spawn → first request)',
    ]);
  });
});

describe('an aborted run (Cassandra died while the collection loaded)', () => {
  // Everything planned, the four APIs started (cold start and an idle RSS taken), nothing measured.
  const plan: TargetPlan = { apis: GATEWAY, scenarios: SCENARIOS, concurrency: [1, 32, 128] };
  const started = GATEWAY.map((name) => service({ name, peakRssMiB: 100, coldStartMs: 450 }));
  const checks = targetsOf([], started, fullRun, plan);

  it('lists every planned target; none passes but the cold starts it did measure', () => {
    // Per API: latency at c=1 (gRPC: two, against the bridge and the minimal server), CPU and p99 at
    // c=32, page ÷ point CPU for the three with a page read; RSS + cold start per API; 2 searches.
    expect(checks).toHaveLength(5 + 8 + 3 + 8 + 2);
    expect(checks.filter((c) => c.pass === true).map((c) => `${c.api} ${c.target}`)).toEqual(
      GATEWAY.map((api) => `${api} cold start (spawn → first GET row)`),
    );
    expect(checks.some((c) => c.pass === false)).toBe(false);
  });

  it('an RSS read before the load it is about is shown but not measured', () => {
    expect(only(checks, /^peak RSS/, 'rest')).toMatchObject({
      measured: '100.0 MiB',
      pass: undefined,
      note: 'not every planned run of this API was measured',
    });
    expect(targetsTable(checks)).toContain(
      '| peak RSS under load (VmHWM) | rest | 100.0 MiB | ≤ 100 MiB | not measured | not every planned run of this API was measured |',
    );
  });

  it('the last line says the run aborted, and why, before any count', () => {
    expect(tallyTargets(checks)).toEqual({ pass: 4, miss: 0, notMeasured: 22, total: 26 });
    expect(targetsLine(checks, 'All host(s) tried for query failed')).toBe(
      'RUN ABORTED (All host(s) tried for query failed): 4 of 26 targets pass, 22 not measured',
    );
  });
});

describe('oneLine', () => {
  it("keeps an error's first line only, shortened", () => {
    expect(
      oneLine('All host(s) tried for query failed. First host: Error: connect ECONNREFUSED\n    at x {\n}'),
    ).toBe('All host(s) tried for query failed. First host: Error: connect ECONNREFUSED');
    expect(oneLine('x'.repeat(400), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('targetsLine', () => {
  const at = (pass: boolean | undefined): TargetCheck => ({
    target: 't',
    api: 'rest',
    measured: '',
    limit: '',
    pass,
  });

  it('a complete run counts passes and misses; nothing unmeasured is counted as a pass', () => {
    expect(targetsLine([at(true), at(true)])).toBe('2 of 2 targets pass');
    expect(targetsLine([at(true), at(false), at(false), at(undefined)])).toBe(
      '1 of 4 targets pass, 2 missed, 1 not measured',
    );
  });
});

describe('Markdown tables', () => {
  const measured = [
    run({ api: 'direct', throughput: 2000.4, p50Ms: 0.5, p99Ms: 1 }),
    run({
      api: 'rest',
      throughput: 500.2,
      p50Ms: 1.2,
      p99Ms: 3,
      ratioToDirect: 0.25,
      p99ToDirect: 3,
      addedP50Ms: 0.7,
      apiCpuPer1k: 0.5,
      bridgeCpuPer1k: 0.3,
      gatewayCpuUsPerRequest: 800,
      cassandraCpuPer1k: 1.25,
      loadGeneratorCpuPer1k: 0.25,
      loadGenerator: 'autocannon',
      otherCores: 0.1,
      machineBusyCores: 1.85,
      stealCores: 0.04,
      apiWaitCores: 0.7,
      bridgeWaitCores: 0.35,
      errors: 2,
    }),
  ];
  const failures: Failure[] = [
    { scenario: 'start', api: 'grpc', error: 'exited (1) before it was ready' },
    { scenario: 'insert', api: 'graphql', error: 'POST /graphql: a|b' },
  ];

  it('Results: the header, one row per measurement, and a row per failure', () => {
    const lines = resultsTable(measured, failures, 400).split('\n');
    expect(lines[0]).toBe(
      '| scenario | API | c | req/s | × direct | p50 ms | p99 ms | p99 × direct | added p50 ms | API CPU s/1k | bridge CPU s/1k | gateway µs/req | gateway × echo | Cassandra µs/req | load generator µs/req | other load (cores) | machine busy (cores) | steal (cores) | waiting to run (cores): API / bridge / Cassandra | errors |',
    );
    expect(lines.slice(2)).toEqual([
      '| point-read | direct | 1 | 2000 | — | 0.50 | 1.00 | — | — | — | — | — | — | — | — | — | — | — | — | 0 |',
      '| point-read | rest | 1 | 500 | 0.25 | 1.20 | 3.00 | 3.00 | 0.700 | 0.500 | 0.300 | 800 | 2.00 | 1250 | 250 (autocannon) | 0.10 | 1.85 | 0.04 | 0.70 / 0.35 / — | 2 |',
      '| start | grpc | — | failed: exited (1) before it was ready |||||||||||||||||',
      '| insert | graphql | — | failed: POST /graphql: a\\|b |||||||||||||||||',
    ]);
    // Well-formed: every row has the header's number of cells (an error's '|' is escaped).
    for (const line of lines) expect(cells(line), line).toHaveLength(20);
  });

  it('Processes: the header and a row per service, with main / other thread CPU and — for what is missing', () => {
    const lines = servicesTable([
      service({
        name: 'rest',
        readyMs: 850,
        coldStartMs: 1200,
        idleCpuMsPerSecond: 1.23,
        residentMiB: { anon: 61.4, file: 49.6 },
      }),
      service({
        name: 'bridge',
        profiled: true,
        coldStartMs: undefined,
        peakRssMiB: undefined,
        coldStartRequest: 'POST /v1/auth',
        threads: {},
      }),
    ]).split('\n');
    expect(lines[0]).toBe(
      '| process | spawn → ready ms | cold start: spawn → first request ms | first request | peak RSS MiB (VmHWM) | RSS at the end: private / file-backed MiB | CPU s (whole run) | main thread / other threads CPU s | idle CPU ms/s |',
    );
    expect(lines.slice(2)).toEqual([
      '| rest | 850 | 1200 | GET row | 100 | 61 / 50 | 2.5 | 2.0 / 0.5 | 1.2 |',
      '| bridge (profiled) | 800 | — | POST /v1/auth | — | — | 2.5 | 0.0 / 0.0 | — |',
    ]);
    for (const line of lines) expect(cells(line), line).toHaveLength(9);
  });

  it('Targets: the header, and pass, **miss** or not measured per check', () => {
    const lines = targetsTable([
      { target: 'a', api: 'rest', measured: '1 ms', limit: '≤ 2 ms', pass: true },
      { target: 'b', api: 'grpc', measured: '3 ms', limit: '≤ 2 ms', pass: false, note: 'busy' },
      { target: 'c', api: 'docs', measured: '—', limit: '≤ 1000 ms', pass: undefined },
    ]).split('\n');
    expect(lines).toEqual([
      '| target | API | measured | limit | result | note |',
      '|---|---|---|---|---|---|',
      '| a | rest | 1 ms | ≤ 2 ms | pass |  |',
      '| b | grpc | 3 ms | ≤ 2 ms | **miss** | busy |',
      '| c | docs | — | ≤ 1000 ms | not measured |  |',
    ]);
  });
});
