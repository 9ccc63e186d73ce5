// two-nodes-down: two of three Cassandra nodes are killed (the second a few seconds after the
// first) under mixed load, so no quorum exists; then both are started again, one after the other.
// Targets: every request sent meanwhile answers 503 (HTTP) / UNAVAILABLE (gRPC) within 3 s, and at
// once once the surviving node's failure detector has marked both down; the bridges' /health/ready
// say why (not ready, or ready naming the nodes down); full service within 10 s after the nodes are back.
import {
  failed,
  failureExamples,
  formatStatusCounts,
  latencyOfRecords,
  recoveryMs,
  startedBetween,
  statusCounts,
} from '../analysis.js';
import { pollReadiness, type ReadinessPoll } from '../bridge-health.js';
import { peerDownLine } from '../gossip-log.js';
import type { ApiName, RequestRecord } from '../load/request-record.js';
import { now } from '../load/request-record.js';
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

const SURVIVOR = 1;
/** Killed in this order; started again in reverse (node 2 first restores the quorum). */
const KILLED = [3, 2] as const;
const PHASES_MS = {
  quick: { before: 2_000, betweenKills: 1_000, afterDetection: 3_000 },
  full: { before: 5_000, betweenKills: 3_000, afterDetection: 10_000 },
};
export const FAIL_WITHIN_MS = 3_000;
export const RECOVERY_LIMIT_MS = 10_000;
const DETECTION_TIMEOUT_MS = 60_000;
const SEEN_UP_TIMEOUT_MS = 60_000;
const READINESS_POLL_MS = 250;
const CLEAR_STATUSES = ['503', 'UNAVAILABLE'];

export interface TwoNodesDownMeasurement {
  records: RequestRecord[];
  apis: readonly ApiName[];
  /** The second kill: from here on no quorum exists. */
  downAt: number;
  /** The survivor's failure detector has logged both nodes DOWN (undefined: not within the bound). */
  detectedAt: number | undefined;
  /** The first restarted node answers CQL (quorum again: no request was sent from the outage's end
   *  until then), and the last one does. */
  quorumAt: number;
  returnedAt: number;
  /** /health/ready of both bridges, polled from detection until the quorum returned. */
  readiness: Array<ReadinessPoll & { bridge: string }>;
}

export function evaluateTwoNodesDown(m: TwoNodesDownMeasurement): Check[] {
  const during = startedBetween(m.records, m.downAt, m.quorumAt);
  const unclear = failed(during).filter((r) => !CLEAR_STATUSES.includes(r.status));
  const slowest = latencyOfRecords(during)?.maxMs;
  const afterDetection =
    m.detectedAt === undefined ? [] : startedBetween(m.records, m.detectedAt, m.quorumAt);
  const detectedP99 = latencyOfRecords(afterDetection)?.p99Ms;
  // The bridge may stay in service (statements at ONE still work) but must say why it is degraded:
  // not ready, or ready with a detail naming the nodes down.
  const saysWhy = m.readiness.filter(
    (p) => p.detail.length > 0 && (p.status !== 200 || /down/i.test(p.detail)),
  );
  const recovery = recoveryMs(m.records, m.returnedAt, m.apis);
  return [
    check(
      'requests without quorum answer 503/UNAVAILABLE',
      during.length > 0 && unclear.length === 0,
      `${during.length} sent: ${formatStatusCounts(statusCounts(during))}`,
    ),
    check(
      `each within ${FAIL_WITHIN_MS / 1000} s`,
      slowest !== undefined && slowest <= FAIL_WITHIN_MS,
      `slowest ${fmtMs(slowest)}`,
    ),
    check(
      `at once after the failure detector marked them down (p99 ≤ ${AT_ONCE_MS} ms)`,
      detectedP99 !== undefined && detectedP99 <= AT_ONCE_MS,
      m.detectedAt === undefined
        ? `node ${SURVIVOR} did not mark both down within ${DETECTION_TIMEOUT_MS / 1000} s`
        : `p99 ${fmtMs(detectedP99)} over ${afterDetection.length} requests, ${Math.round(m.detectedAt - m.downAt)} ms after the kill`,
    ),
    check(
      'bridge /health/ready says why',
      m.readiness.length > 0 && saysWhy.length === m.readiness.length,
      `${saysWhy.length} of ${m.readiness.length} polls${m.readiness[0] ? ` (e.g. ${m.readiness.at(-1)!.status} ${m.readiness.at(-1)!.detail.slice(0, 80) || 'no reason'})` : ''}`,
    ),
    check(
      `full service within ${RECOVERY_LIMIT_MS / 1000} s after the nodes return`,
      recovery !== undefined && recovery <= RECOVERY_LIMIT_MS,
      recovery === undefined ? 'not back before the end of the scenario' : `after ${fmtMs(recovery)}`,
    ),
  ];
}

async function pollBridgesUntil(
  ctx: ScenarioContext,
  stop: () => boolean,
): Promise<Array<ReadinessPoll & { bridge: string }>> {
  const polls: Array<ReadinessPoll & { bridge: string }> = [];
  const bridges = ['bridge1', 'bridge2'] as const;
  // Bounded: the scenario sets stop() at the latest after its detection wait and after phase.
  const deadline = now() + DETECTION_TIMEOUT_MS + 120_000;
  while (!stop() && now() < deadline) {
    const round = await Promise.all(
      bridges.map(async (bridge) => ({
        bridge,
        ...(await pollReadiness(ctx.stack.bridgeHealthUrl(bridge))),
      })),
    );
    polls.push(...round);
    await sleep(READINESS_POLL_MS);
  }
  return polls;
}

export const twoNodesDown: Scenario = {
  name: 'two-nodes-down',
  title: `kill -9 nodes ${KILLED.join(' and ')} of 3 (no quorum), then restart them`,
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const phases = ctx.quick ? PHASES_MS.quick : PHASES_MS.full;
    const survivorLog = ctx.cluster.nodeLog(SURVIVOR);
    const marks = ctx.cluster.logMarks();
    const [first, second] = [...KILLED].reverse() as [number, number];
    let downAt = 0;
    let detectedAt: number | undefined;
    let readiness: Array<ReadinessPoll & { bridge: string }> = [];
    // Load during the outage; the nodes then start without load (a starting JVM on a loaded
    // 2-core machine takes several times longer), and a fresh load measures service once the
    // quorum is back and once both nodes are back.
    const outage = startMixedLoad(ctx, { maxDurationMs: 5 * 60_000 });
    try {
      await sleep(phases.before);
      await ctx.cluster.kill(KILLED[0]);
      await sleep(phases.betweenKills);
      downAt = await ctx.cluster.kill(KILLED[1]);
      const from = marks.get(SURVIVOR) ?? 0;
      for (const index of KILLED) {
        const seen = await survivorLog.waitFor(
          peerDownLine(ctx.cluster.node(index).address),
          from,
          Math.max(0, downAt + DETECTION_TIMEOUT_MS - now()),
        );
        detectedAt = seen === undefined ? undefined : Math.max(detectedAt ?? 0, seen);
        if (seen === undefined) break;
      }
      ctx.log(
        detectedAt === undefined
          ? `node ${SURVIVOR} did not mark both nodes down within ${DETECTION_TIMEOUT_MS / 1000} s`
          : `node ${SURVIVOR} marked both nodes down ${Math.round(detectedAt - downAt)} ms after the second kill`,
      );
      let polling = true;
      const polled = pollBridgesUntil(ctx, () => !polling);
      await sleep(phases.afterDetection);
      polling = false;
      readiness = await polled;
    } finally {
      await stopLoad(outage);
    }
    ctx.log(`restarting node ${first}`);
    const quorumAt = await ctx.cluster.restart(first);
    const withQuorum = startMixedLoad(ctx, { maxDurationMs: 60_000 });
    try {
      await waitForSteadyService(withQuorum.recorder, withQuorum.load.startedAt, ctx.apis, RECOVERY_LIMIT_MS);
    } finally {
      await stopLoad(withQuorum);
    }
    ctx.log(`restarting node ${second}`);
    const returnedAt = await ctx.cluster.restart(second);
    const seenUp: Record<number, number | null> = {};
    const back = startMixedLoad(ctx, { maxDurationMs: 3 * 60_000 });
    try {
      await waitForSteadyService(back.recorder, returnedAt, ctx.apis, RECOVERY_LIMIT_MS);
      for (const index of KILLED) {
        const ms = await ctx.cluster.waitSeenUp(index, marks, SEEN_UP_TIMEOUT_MS);
        seenUp[index] = ms === undefined ? null : Math.round(ms);
      }
    } finally {
      await stopLoad(back);
    }
    const records = [
      ...outage.recorder.records(),
      ...withQuorum.recorder.records(),
      ...back.recorder.records(),
    ];
    const measurement: TwoNodesDownMeasurement = {
      records,
      apis: ctx.apis,
      downAt,
      detectedAt,
      quorumAt,
      returnedAt,
      readiness,
    };
    const checks = evaluateTwoNodesDown(measurement);
    for (const [index, ms] of Object.entries(seenUp)) {
      if (ms === null)
        checks.push(
          check(`node ${index} back in the ring`, false, `not seen UP within ${SEEN_UP_TIMEOUT_MS / 1000} s`),
        );
    }
    const during = startedBetween(records, downAt, quorumAt);
    return {
      name: 'two-nodes-down',
      requests: records.length,
      failuresByStatus: statusCounts(failed(records)),
      latency: latencyOfRecords(records),
      recoveryMs: recoveryMs(records, returnedAt, ctx.apis) ?? null,
      checks,
      details: {
        detectionAfterKillMs: detectedAt === undefined ? null : Math.round(detectedAt - downAt),
        withoutQuorumMs: Math.round(quorumAt - downAt),
        quorumToLastReturnMs: Math.round(returnedAt - quorumAt),
        recoveryWithQuorumMs:
          recoveryMs(withQuorum.recorder.records(), withQuorum.load.startedAt, ctx.apis) ?? null,
        duringOutage: {
          requests: during.length,
          byStatus: formatStatusCounts(statusCounts(during)),
          latency: latencyOfRecords(during) ?? null,
          byApi: Object.fromEntries(
            ctx.apis.map((api) => {
              const own = during.filter((r) => r.api === api);
              return [
                api,
                { byStatus: formatStatusCounts(statusCounts(own)), latency: latencyOfRecords(own) ?? null },
              ];
            }),
          ),
        },
        readinessExamples: readiness.slice(-2).map((p) => `${p.bridge}: ${p.status} ${p.detail}`),
        failureExamples: failureExamples(records),
        seenUpMs: seenUp,
      },
    };
  },
};
