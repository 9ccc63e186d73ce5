// overload: REST point reads at concurrency 32 (the reference), then at 512 against the same API,
// both with autocannon (load/autocannon-reads.ts).
// Targets at 512: requests over the in-flight limit get 503 with Retry-After at once; accepted
// requests keep p99 within 5 × the p99 at 32 of the same run; no other failure; every gateway
// process stays under its deployed memory limit (peak RSS) and none crashes.
import { peakRssMiB } from '../../../bench/lib/process-cpu.js';
import { failed, failureExamples, formatStatusCounts, latencyOfRecords, statusCounts } from '../analysis.js';
import type { LedgerEntry } from '../ledger.js';
import { autocannonReads } from '../load/autocannon-reads.js';
import { MixedLoad } from '../load/mixed-load.js';
import { Recorder } from '../load/recorder.js';
import { now, type RequestRecord } from '../load/request-record.js';
import { RestLoad } from '../load/rest-load.js';
import { memoryLimitMiB } from '../memory-limits.js';
import type { ServiceId } from '../services.js';
import {
  AT_ONCE_MS,
  type Check,
  check,
  fmtMs,
  type Scenario,
  type ScenarioContext,
  type ScenarioResult,
} from './scenario.js';

export const REFERENCE_CONCURRENCY = 32;
export const OVERLOAD_CONCURRENCY = 512;
export const P99_FACTOR = 5;
/** Measured windows; each follows a warm-up that opens the connections (512 at once overflow the listen backlog: connects retried after 1 s would be timed, not the server). */
const PHASES_MS = {
  quick: { warmup: 1_000, reference: 3_000, overload: 5_000 },
  full: { warmup: 2_000, reference: 10_000, overload: 20_000 },
};
/** Rows read by the point reads (inserted through REST first when the run has fewer). */
const READ_ROWS = 500;
const SEED_TIMEOUT_MS = 60_000;
const MAX_REQUESTS_PER_PHASE = 2_000_000;

export interface ProcessMemory {
  name: ServiceId;
  peakRssMiB: number | null;
  limitMiB: number;
  alive: boolean;
}

export interface OverloadMeasurement {
  reference: RequestRecord[];
  overload: RequestRecord[];
  processes: ProcessMemory[];
}

export function evaluateOverload(m: OverloadMeasurement): Check[] {
  const referenceP99 = latencyOfRecords(m.reference.filter((r) => r.ok))?.p99Ms;
  const accepted = m.overload.filter((r) => r.ok);
  const acceptedP99 = latencyOfRecords(accepted)?.p99Ms;
  const shed = m.overload.filter((r) => r.status === '503');
  const shedP99 = latencyOfRecords(shed)?.p99Ms;
  const withoutRetryAfter = shed.filter((r) => r.retryAfter === undefined);
  const otherFailures = failed(m.overload).filter((r) => r.status !== '503');
  const overLimit = m.processes.filter((p) => p.peakRssMiB === null || p.peakRssMiB > p.limitMiB);
  const crashed = m.processes.filter((p) => !p.alive);
  const limit = referenceP99 === undefined ? undefined : referenceP99 * P99_FACTOR;
  return [
    check(
      '503s carry Retry-After',
      withoutRetryAfter.length === 0,
      shed.length === 0
        ? 'no 503 (no request was over the limit)'
        : `${shed.length - withoutRetryAfter.length} of ${shed.length}`,
    ),
    check(
      `503s at once (p99 ≤ ${AT_ONCE_MS} ms)`,
      shed.length === 0 || (shedP99 ?? 0) <= AT_ONCE_MS,
      shed.length === 0 ? 'no 503' : `p99 ${fmtMs(shedP99)}`,
    ),
    check(
      `accepted p99 ≤ ${P99_FACTOR} × p99 at c=${REFERENCE_CONCURRENCY}`,
      accepted.length > 0 && limit !== undefined && acceptedP99 !== undefined && acceptedP99 <= limit,
      `${fmtMs(acceptedP99)} vs ${P99_FACTOR} × ${fmtMs(referenceP99)} = ${fmtMs(limit)} (${accepted.length} accepted)`,
    ),
    check(
      'no failure but 503',
      otherFailures.length === 0,
      otherFailures.length === 0 ? 'none' : formatStatusCounts(statusCounts(otherFailures)),
    ),
    check(
      'peak RSS of every process under its memory limit',
      m.processes.length > 0 && overLimit.length === 0,
      m.processes
        .map(
          (p) =>
            `${p.name} ${p.peakRssMiB === null ? '—' : p.peakRssMiB.toFixed(0)}/${p.limitMiB.toFixed(0)} MiB`,
        )
        .join(', '),
    ),
    check(
      'nothing crashed',
      crashed.length === 0,
      crashed.length === 0 ? 'all running' : `exited: ${crashed.map((p) => p.name).join(', ')}`,
    ),
  ];
}

/** Rows to read: this run's settled ones, topped up by REST inserts (bounded in time). */
async function readableRows(ctx: ScenarioContext, rest: RestLoad): Promise<LedgerEntry[]> {
  let rows = ctx.ledger.settled('row', READ_ROWS);
  if (rows.length >= READ_ROWS) return rows;
  const recorder = new Recorder(false);
  const seed = new MixedLoad({
    streams: [{ next: () => rest.insert(), concurrency: 8 }],
    recorder,
    maxDurationMs: SEED_TIMEOUT_MS,
    maxRequests: READ_ROWS * 2,
  });
  while (ctx.ledger.settled('row', READ_ROWS).length < READ_ROWS && seed.requests < READ_ROWS * 2) {
    await new Promise((r) => setTimeout(r, 100));
    if (recorder.summary().failures > 50) break;
  }
  await seed.stop();
  rows = ctx.ledger.settled('row', READ_ROWS);
  if (rows.length === 0)
    throw new Error(
      `could not write rows to read (${formatStatusCounts(recorder.summary().failuresByStatus)})`,
    );
  return rows;
}

interface Phase {
  /** Requests sent after the warm-up (the ones judged). */
  records: RequestRecord[];
  /** Requests sent during the warm-up (connections being opened), not judged. */
  warmupRequests: number;
  /** CPU seconds of this harness process (the load generator) during the phase. */
  loadGeneratorCpuS: number;
}

/** Point reads at a concurrency: a warm-up that opens the connections, then the measured window. */
async function readAt(
  ctx: ScenarioContext,
  rows: LedgerEntry[],
  connections: number,
  warmupMs: number,
  durationMs: number,
): Promise<Phase> {
  const cpu = process.cpuUsage();
  const startedAt = now();
  const all = await autocannonReads({
    baseUrl: ctx.stack.baseUrl('rest'),
    token: ctx.stack.token,
    keyspace: ctx.names.keyspace,
    table: ctx.names.table,
    rows,
    connections,
    durationMs: warmupMs + durationMs,
    maxRequests: MAX_REQUESTS_PER_PHASE,
  });
  const used = process.cpuUsage(cpu);
  const records = all.filter((r) => r.start >= startedAt + warmupMs);
  return {
    records,
    warmupRequests: all.length - records.length,
    loadGeneratorCpuS: (used.user + used.system) / 1e6,
  };
}

export const overload: Scenario = {
  name: 'overload',
  title: `REST point reads at c=${REFERENCE_CONCURRENCY}, then c=${OVERLOAD_CONCURRENCY}`,
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const phases = ctx.quick ? PHASES_MS.quick : PHASES_MS.full;
    const rest = new RestLoad(ctx.stack.baseUrl('rest'), ctx.stack.token, ctx.ledger, ctx.names);
    const rows = await readableRows(ctx, rest);
    const watched = ctx.stack.running();
    const referencePhase = await readAt(ctx, rows, REFERENCE_CONCURRENCY, phases.warmup, phases.reference);
    const overloadPhase = await readAt(ctx, rows, OVERLOAD_CONCURRENCY, phases.warmup, phases.overload);
    const reference = referencePhase.records;
    const overloadRecords = overloadPhase.records;
    // Every process that ran before the overload must still run (the same pid) after it.
    const processes: ProcessMemory[] = watched.map(({ name, pid }) => {
      const proc = ctx.stack.get(name);
      const alive = proc.pid === pid && proc.alive;
      let peak: number | null = null;
      try {
        if (alive) peak = peakRssMiB(pid);
      } catch {
        // exited meanwhile: no figure
      }
      return { name, peakRssMiB: peak, limitMiB: memoryLimitMiB(proc.spec.kind), alive };
    });
    const records = [...reference, ...overloadRecords];
    const summary = latencyOfRecords(records);
    return {
      name: 'overload',
      requests: records.length,
      failuresByStatus: statusCounts(failed(records)),
      latency: summary,
      checks: evaluateOverload({ reference, overload: overloadRecords, processes }),
      details: {
        readRows: rows.length,
        warmupMs: phases.warmup,
        reference: {
          warmupRequests: referencePhase.warmupRequests,
          loadGeneratorCpuS: referencePhase.loadGeneratorCpuS,
          requests: reference.length,
          byStatus: formatStatusCounts(statusCounts(reference)),
          latency: latencyOfRecords(reference) ?? null,
        },
        overload: {
          warmupRequests: overloadPhase.warmupRequests,
          loadGeneratorCpuS: overloadPhase.loadGeneratorCpuS,
          requests: overloadRecords.length,
          byStatus: formatStatusCounts(statusCounts(overloadRecords)),
          acceptedLatency: latencyOfRecords(overloadRecords.filter((r) => r.ok)) ?? null,
          shedLatency: latencyOfRecords(overloadRecords.filter((r) => r.status === '503')) ?? null,
        },
        peakRssMiB: Object.fromEntries(processes.map((p) => [p.name, p.peakRssMiB])),
        failureExamples: failureExamples(records),
      },
    };
  },
};
