// bridge-restart: both bridge replicas are killed (SIGKILL) under mixed load, so no API has a
// bridge; then both start again. Targets: while no bridge process exists, every request answers
// 503 (HTTP) / UNAVAILABLE (gRPC) at once; every API serves again within 1 s of the first bridge's
// return (its /health/ready answering 200).
import {
  failed,
  failureExamples,
  formatStatusCounts,
  latencyOfRecords,
  recoveryMs,
  startedBetween,
  statusCounts,
} from '../analysis.js';
import type { ApiName, RequestRecord } from '../load/request-record.js';
import { sleep, startMixedLoad, stopLoad, waitForSteadyService } from './load-phase.js';
import {
  AT_ONCE_MS,
  type Check,
  check,
  fmtMs,
  type Scenario,
  type ScenarioContext,
  type ScenarioResult,
} from './scenario.js';

const PHASES_MS = {
  quick: { before: 2_000, down: 2_000 },
  full: { before: 5_000, down: 5_000 },
};
export const SERVE_AGAIN_WITHIN_MS = 1_000;
const CLEAR_STATUSES = ['503', 'UNAVAILABLE'];
const BRIDGES = ['bridge1', 'bridge2'] as const;

export interface BridgeRestartMeasurement {
  records: RequestRecord[];
  apis: readonly ApiName[];
  killedAt: number;
  /** The bridges were started again: until then no bridge process existed. */
  respawnedAt: number;
  /** The first bridge answered /health/ready with 200 again. */
  returnedAt: number;
}

export function evaluateBridgeRestart(m: BridgeRestartMeasurement): Check[] {
  const during = startedBetween(m.records, m.killedAt, m.respawnedAt);
  const unclear = failed(during).filter((r) => !CLEAR_STATUSES.includes(r.status));
  const p99 = latencyOfRecords(during)?.p99Ms;
  const recovery = recoveryMs(m.records, m.returnedAt, m.apis);
  return [
    check(
      'no bridge: requests answer 503/UNAVAILABLE',
      during.length > 0 && unclear.length === 0 && failed(during).length === during.length,
      `${during.length} sent: ${formatStatusCounts(statusCounts(during))}`,
    ),
    check(
      `no bridge: at once (p99 ≤ ${AT_ONCE_MS} ms)`,
      p99 !== undefined && p99 <= AT_ONCE_MS,
      `p99 ${fmtMs(p99)}`,
    ),
    check(
      `served again within ${SERVE_AGAIN_WITHIN_MS / 1000} s of the bridge's return`,
      recovery !== undefined && recovery <= SERVE_AGAIN_WITHIN_MS,
      recovery === undefined ? 'not back before the end of the scenario' : `after ${fmtMs(recovery)}`,
    ),
  ];
}

export const bridgeRestart: Scenario = {
  name: 'bridge-restart',
  title: 'kill -9 both bridges under mixed load, then start them again',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const phases = ctx.quick ? PHASES_MS.quick : PHASES_MS.full;
    const running = startMixedLoad(ctx, { maxDurationMs: 5 * 60_000 });
    let killedAt = 0;
    let respawnedAt = 0;
    let returnedAt = 0;
    const startupMs: Record<string, number> = {};
    try {
      await sleep(phases.before);
      const bridges = BRIDGES.map((id) => ctx.stack.get(id));
      killedAt = Math.min(...bridges.map((b) => b.signal('SIGKILL')));
      await Promise.all(bridges.map((b) => b.waitExit(10_000)));
      ctx.log('killed both bridges with SIGKILL');
      await sleep(phases.down);
      const restarted = await Promise.all(BRIDGES.map((id) => ctx.stack.restart(id)));
      returnedAt = Math.min(...restarted.map((p) => p.readyAt));
      respawnedAt = Math.min(...restarted.map((p) => p.spawnedAt));
      for (const p of restarted) startupMs[p.spec.id] = p.startupMs;
      await waitForSteadyService(running.recorder, returnedAt, ctx.apis, SERVE_AGAIN_WITHIN_MS);
    } finally {
      await stopLoad(running);
    }
    const records = running.recorder.records();
    const summary = running.recorder.summary();
    const during = startedBetween(records, killedAt, respawnedAt);
    return {
      name: 'bridge-restart',
      requests: summary.requests,
      failuresByStatus: summary.failuresByStatus,
      latency: latencyOfRecords(records),
      recoveryMs: recoveryMs(records, returnedAt, ctx.apis) ?? null,
      checks: evaluateBridgeRestart({ records, apis: ctx.apis, killedAt, respawnedAt, returnedAt }),
      details: {
        withoutBridgeProcessMs: Math.round(respawnedAt - killedAt),
        killToReadyMs: Math.round(returnedAt - killedAt),
        bridgeStartupMs: startupMs,
        withoutBridge: {
          requests: during.length,
          byStatus: formatStatusCounts(statusCounts(during)),
          latency: latencyOfRecords(during) ?? null,
        },
        recoveryByApiMs: Object.fromEntries(
          ctx.apis.map((api) => [
            api,
            recoveryMs(
              records.filter((r) => r.api === api),
              returnedAt,
              [api],
            ) ?? null,
          ]),
        ),
        failureExamples: failureExamples(records),
      },
    };
  },
};
