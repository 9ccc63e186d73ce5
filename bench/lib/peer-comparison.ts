// Stargate against this project, REST point read `GET /v2/keyspaces/bench/kv/{k}`, measured
// alternately (Stargate, ours, Stargate, ours …) in the same run after both are warm (issue 19):
// throughput and latency, the CPU per request of every process of each side (Stargate's storage runs
// inside its coordinator; ours is the REST API, the bridge and Cassandra when its pid is known), and
// how many cores were busy — the figure that showed our half-idle core at c=32. The side not being
// measured still runs beside the other: its cores during the other's run are recorded, and with
// --peer-freeze (the default) it is stopped for that run (peer-freeze.ts).
import { KEYSPACE, KV_ROWS } from './dataset.js';
import { runHttpLoad } from './http-load.js';
import type { RunResult } from './latency-run.js';
import { median } from './median.js';
import type { Freezer } from './peer-freeze.js';
import { cpuSeconds, machineBusySeconds, peakRssMiB, threadCpuSeconds } from './process-cpu.js';
import type { TargetCheck } from './report.js';

export type PeerSide = 'stargate' | 'ours';

export interface PeerTarget {
  side: PeerSide;
  baseUrl: string;
  token: string;
  /** Every process of that side whose CPU counts. */
  pids: number[];
  /**
   * Processes stopped while the other side is measured (--peer-freeze): never a Cassandra this
   * bench did not start itself.
   */
  freezePids?: number[];
  /** True when the side answers again (its readiness endpoints), polled after it is continued. */
  ready?: () => Promise<boolean>;
}

export interface PeerMeasurement {
  side: PeerSide;
  round?: number;
  concurrency: number;
  requests: number;
  errors: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of every process of the side, µs per request. */
  cpuUsPerRequest: number;
  /** CPU of the side's processes / wall time. */
  sideCores: number;
  /** Every busy core of the machine (load generator and everyone else included) / wall time. */
  machineCores: number;
  /** CPU of the other side's processes during this run / wall time (≈ 0 when it was frozen). */
  idleSideCores: number;
}

export interface PeerOptions {
  concurrency: number[];
  durationMs: number;
  warmupMs: number;
  rounds: number;
  maxRequests: number;
  log: (line: string) => void;
  /** A caveat for the report (e.g. a side that never levelled off). */
  note?: (line: string) => void;
  /** Stops the idle side during each measured run (--peer-freeze); undefined: both run. */
  freezer?: Freezer;
  /** Pause after the idle side is continued, before the next run (default RESUME_SETTLE_MS). */
  settleMs?: number;
}

/** After SIGCONT: let the continued JVMs catch up on their timers before the next measured run. */
export const RESUME_SETTLE_MS = 1_000;
/** The continued side must answer its readiness endpoints within this. */
export const RESUME_READY_TIMEOUT_MS = 30_000;

function pointRead(): () => { method: 'GET'; path: string } {
  let i = 0;
  return () => {
    i = (i + 1) % 1_000_000_007;
    return { method: 'GET', path: `/v2/keyspaces/${KEYSPACE}/kv/${(i * 7919) % KV_ROWS}` };
  };
}

const sumCpu = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

export interface PeerRun {
  r: RunResult;
  cpuUsPerRequest: number;
  sideCores: number;
  machineCores: number;
  idleSideCores: number;
}

async function once(
  target: PeerTarget,
  idle: PeerTarget | undefined,
  concurrency: number,
  durationMs: number,
  options: PeerOptions,
): Promise<PeerRun> {
  const cpu0 = sumCpu(target.pids);
  const idle0 = idle ? sumCpu(idle.pids) : 0;
  const machine0 = machineBusySeconds();
  const t0 = Date.now();
  const r = await runHttpLoad(target.baseUrl, pointRead(), {
    concurrency,
    durationMs,
    maxRequests: options.maxRequests,
    headers: { 'x-cassandra-token': target.token },
  });
  const wall = (Date.now() - t0) / 1000;
  const cpu = sumCpu(target.pids) - cpu0;
  const idleCpu = idle ? sumCpu(idle.pids) - idle0 : 0;
  return {
    r,
    cpuUsPerRequest: r.requests > 0 ? (cpu / r.requests) * 1e6 : 0,
    sideCores: cpu / wall,
    machineCores: (machineBusySeconds() - machine0) / wall,
    idleSideCores: idleCpu / wall,
  };
}

/**
 * A side's `ready` after it was continued: its readiness endpoints and one point read through it
 * (which needs every process of the side) all answer 2xx.
 */
export function answersAgain(side: Pick<PeerTarget, 'baseUrl' | 'token'>, readyUrls: string[]) {
  const urls = [...readyUrls, `${side.baseUrl}/v2/keyspaces/${KEYSPACE}/kv/1`];
  return async (): Promise<boolean> => {
    for (const url of urls) {
      const res = await fetch(url, {
        headers: { 'x-cassandra-token': side.token },
        signal: AbortSignal.timeout(2_000),
      });
      await res.arrayBuffer();
      if (res.status < 200 || res.status >= 300) return false;
    }
    return true;
  };
}

/** Length of one warm-up slice at c=32; warming goes on slice by slice until the JIT has settled. */
export const WARMUP_SLICE_MS = 5_000;
/** Share of a side's CPU spent in JIT-compiler threads above which it is still warming up. */
export const WARMUP_JIT_SHARE = 0.05;
/** Warming stops here even if the JIT is still busy (reported as a note). */
export const WARMUP_MAX_MS = 240_000;

/** CPU seconds of a process's JIT-compiler threads (HotSpot's "C1/C2 CompilerThre…"; none in Node). */
function jitSeconds(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    for (const [name, seconds] of Object.entries(threadCpuSeconds(pid))) {
      if (/Compiler/.test(name)) sum += seconds;
    }
  }
  return sum;
}

/**
 * Warm when the JIT took at most WARMUP_JIT_SHARE of the side's CPU in each of the last two slices:
 * a count of the JVM's own work, which other load does not fake the way it fakes a throughput
 * plateau. A fixed 10 s was far too short on a busy 2-core machine (load 15): Stargate's compiler
 * threads took 38–48 % of its CPU for ~65 s and fell under 5 % only after ~90 s, while its c=32 point
 * read went from 88 req/s at 14.8 ms CPU/request to ~2,800 req/s at ~0.37 ms.
 */
export function jitSettled(jitShares: number[]): boolean {
  return jitShares.length >= 2 && jitShares.slice(-2).every((share) => share <= WARMUP_JIT_SHARE);
}

async function warm(side: PeerTarget, options: PeerOptions): Promise<void> {
  const started = Date.now();
  const shares: number[] = [];
  const trace: string[] = [];
  while (
    Date.now() - started < options.warmupMs ||
    (!jitSettled(shares) && Date.now() - started < WARMUP_MAX_MS)
  ) {
    const [cpu0, jit0] = [sumCpu(side.pids), jitSeconds(side.pids)];
    const { r } = await once(side, undefined, 32, WARMUP_SLICE_MS, options);
    const [cpu, jit] = [sumCpu(side.pids) - cpu0, jitSeconds(side.pids) - jit0];
    shares.push(cpu > 0 ? jit / cpu : 0);
    trace.push(`${r.throughput.toFixed(0)} (JIT ${(100 * shares.at(-1)!).toFixed(0)} %)`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  options.log(
    `peer comparison: ${side.side} warmed ${seconds} s at c=32 (req/s per ${WARMUP_SLICE_MS / 1000} s: ${trace.join(' → ')})`,
  );
  if (!jitSettled(shares))
    options.note?.(
      `peer comparison: ${side.side}'s JIT compiler was still busy after ${seconds} s of warm-up (${trace.slice(-3).join(', ')}): its figures may be from a JVM that is not yet warm`,
    );
}

async function waitReady(side: PeerTarget, timeoutMs: number): Promise<void> {
  if (!side.ready) return;
  const started = Date.now();
  while (!(await side.ready().catch(() => false))) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`peer comparison: ${side.side} not ready ${timeoutMs / 1000} s after it was continued`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * One measured run with the idle side stopped (when there is a freezer and something of it to
 * stop): continued in `finally` whatever the run does, then given settleMs and its readiness
 * endpoints before the next run.
 */
export async function withIdleFrozen<T>(
  idle: PeerTarget,
  options: Pick<PeerOptions, 'freezer' | 'settleMs'>,
  run: () => Promise<T>,
): Promise<T> {
  const pids = idle.freezePids ?? [];
  const freezer = options.freezer;
  if (!freezer || pids.length === 0) return run();
  let result: T;
  try {
    freezer.freeze(pids);
    result = await run();
  } finally {
    freezer.resume(pids);
  }
  const settleMs = options.settleMs ?? RESUME_SETTLE_MS;
  if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
  await waitReady(idle, RESUME_READY_TIMEOUT_MS);
  return result;
}

type MeasureOnce = (side: PeerTarget, idle: PeerTarget, concurrency: number) => Promise<PeerRun>;

/** The alternating rounds after warm-up: each side measured in turn, the other idle (or frozen). */
export async function peerRounds(
  sides: [PeerTarget, PeerTarget],
  options: PeerOptions,
  measure: MeasureOnce = (side, idle, c) => once(side, idle, c, options.durationMs, options),
): Promise<PeerMeasurement[]> {
  const out: PeerMeasurement[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const c of options.concurrency) {
      for (const [i, side] of sides.entries()) {
        const idle = sides[1 - i]!;
        const { r, ...cpu } = await withIdleFrozen(idle, options, () => measure(side, idle, c));
        out.push({
          side: side.side,
          round,
          concurrency: c,
          requests: r.requests,
          errors: r.errors,
          throughput: r.throughput,
          p50Ms: r.p50Ms,
          p99Ms: r.p99Ms,
          ...cpu,
        });
        options.log(
          `  peer round ${round} ${side.side.padEnd(8)} c=${String(c).padEnd(3)} ${r.throughput.toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  ${cpu.cpuUsPerRequest.toFixed(0)} µs CPU/req  ${cpu.sideCores.toFixed(2)} cores (machine ${cpu.machineCores.toFixed(2)}, idle side ${cpu.idleSideCores.toFixed(2)}${options.freezer && idle.freezePids?.length ? ' frozen' : ''})`,
        );
      }
    }
  }
  return out;
}

/** Warms both (c=32) until each side's JIT compiler has settled, then alternates the sides run by run. */
export async function comparePeers(
  sides: [PeerTarget, PeerTarget],
  options: PeerOptions,
): Promise<PeerMeasurement[]> {
  for (const side of sides) {
    options.log(`peer comparison: warming ${side.side} (at least ${options.warmupMs / 1000} s at c=32)`);
    await warm(side, options);
  }
  return peerRounds(sides, options);
}

/** The median of each figure over the rounds, per side and concurrency. */
export function peerMedians(rows: PeerMeasurement[]): PeerMeasurement[] {
  const keys = [...new Set(rows.map((m) => `${m.side}|${m.concurrency}`))];
  return keys.map((key) => {
    const group = rows.filter((m) => `${m.side}|${m.concurrency}` === key);
    const med = (pick: (m: PeerMeasurement) => number) => median(group.map(pick));
    return {
      side: group[0]!.side,
      concurrency: group[0]!.concurrency,
      requests: group.reduce((s, m) => s + m.requests, 0),
      errors: group.reduce((s, m) => s + m.errors, 0),
      throughput: med((m) => m.throughput),
      p50Ms: med((m) => m.p50Ms),
      p99Ms: med((m) => m.p99Ms),
      cpuUsPerRequest: med((m) => m.cpuUsPerRequest),
      sideCores: med((m) => m.sideCores),
      machineCores: med((m) => m.machineCores),
      idleSideCores: med((m) => m.idleSideCores),
    };
  });
}

/** Peak RSS of each of Stargate's processes, MiB (undefined when unreadable). */
export function peerRss(pids: number[]): Array<number | undefined> {
  return pids.map((pid) => {
    try {
      return peakRssMiB(pid);
    } catch {
      return undefined;
    }
  });
}

/**
 * Faster than Stargate on the same box: REST throughput at least Stargate's at each level measured
 * (c=1 and c=32 in the issue), and at c=32 at least 90 % of the cores Stargate keeps busy (the
 * machine's, as the issue measured it: no idle half core while requests queue).
 */
export const PEER_CORES_FACTOR = 0.9;

export function peerTargets(medians: PeerMeasurement[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const find = (side: PeerSide, c: number) => medians.find((m) => m.side === side && m.concurrency === c);
  for (const c of [...new Set(medians.map((m) => m.concurrency))].sort((a, b) => a - b)) {
    const [sg, us] = [find('stargate', c), find('ours', c)];
    if (!sg || !us) continue;
    checks.push({
      target: `REST point read throughput ≥ Stargate's, c=${c}`,
      api: 'rest',
      measured: `${us.throughput.toFixed(0)} vs ${sg.throughput.toFixed(0)} req/s`,
      limit: `≥ ${sg.throughput.toFixed(0)} req/s`,
      pass: us.throughput >= sg.throughput,
      note: us.errors + sg.errors > 0 ? `errors: ours ${us.errors}, Stargate ${sg.errors}` : undefined,
    });
    if (c >= 32) {
      const limit = sg.machineCores * PEER_CORES_FACTOR;
      checks.push({
        target: `cores busy during the REST point read ≥ ${PEER_CORES_FACTOR} × Stargate's, c=${c}`,
        api: 'rest',
        measured: `${us.machineCores.toFixed(2)} vs ${sg.machineCores.toFixed(2)} cores`,
        limit: `≥ ${limit.toFixed(2)} cores`,
        pass: us.machineCores >= limit,
        note: 'machine-wide busy cores: only meaningful on a quiet machine',
      });
    }
  }
  return checks;
}

export function peerTable(medians: PeerMeasurement[], rss: Array<number | undefined>): string {
  const f = (x: number | undefined, d: number) => (x === undefined ? '—' : x.toFixed(d));
  const lines = [
    "| side | c | req/s | p50 ms | p99 ms | CPU µs/req (all its processes) | its cores | machine cores busy | idle side's cores during the run | errors |",
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...medians.map(
      (m) =>
        `| ${m.side} | ${m.concurrency} | ${m.throughput.toFixed(0)} | ${m.p50Ms.toFixed(2)} | ${m.p99Ms.toFixed(2)} | ${m.cpuUsPerRequest.toFixed(0)} | ${m.sideCores.toFixed(2)} | ${m.machineCores.toFixed(2)} | ${m.idleSideCores.toFixed(2)} | ${m.errors} |`,
    ),
  ];
  return `${lines.join('\n')}\n\nStargate's peak RSS: coordinator ${f(rss[0], 0)} MiB, REST API ${f(rss[1], 0)} MiB.`;
}
