// node-loss: one of three Cassandra nodes is killed (SIGKILL) under mixed load, then started again.
// Target: no idempotent request fails (reads; writes without LWT, counters or list appends); a
// non-idempotent one may fail, but only with 503 / UNAVAILABLE and a description of the cause;
// no acknowledged write is lost (checked at the end of the run). The log names the slowest
// requests, each with when it was sent after the kill: a read stuck on the dead node is asked of a
// second node after the bridge's CASSANDRA_SPECULATIVE_DELAY_MS (500 ms), yet one still took 2.5 s
// in a CI run (not explained: perhaps its coordinators waited on the dead replica until Cassandra's
// own speculative retry), so latency has no target here.
import {
  failed,
  failureExamples,
  formatStatusCounts,
  latencyOfRecords,
  recoveryMs,
  slowestRequests,
  statusCounts,
} from '../analysis.js';
import type { RequestRecord } from '../load/request-record.js';
import { sleep, startMixedLoad, stopLoad } from './load-phase.js';
import { type Check, check, type Scenario, type ScenarioContext, type ScenarioResult } from './scenario.js';

const KILLED_NODE = 2;
const PHASES_MS = {
  // Quick: the node starts again without load (a JVM starting on a loaded 2-core machine takes
  // several times longer), then a short load checks service with it back.
  quick: { before: 3_000, down: 5_000, after: 2_000, loadDuringRestart: false },
  // Full: the load goes on while the node rejoins (hints, driver reconnection) and after.
  full: { before: 10_000, down: 20_000, after: 5_000, loadDuringRestart: true },
};
/** Bound of the wait until every node sees the restarted one up (and it sees them). */
const SEEN_UP_TIMEOUT_MS = 60_000;
const CLEAR_STATUSES = ['503', 'UNAVAILABLE'];

export interface NodeLossMeasurement {
  records: RequestRecord[];
  killedAt: number;
}

export function evaluateNodeLoss(m: NodeLossMeasurement): Check[] {
  const failures = failed(m.records);
  const idempotent = failures.filter((r) => r.idempotent);
  const nonIdempotent = failures.filter((r) => !r.idempotent);
  const unclear = nonIdempotent.filter((r) => !CLEAR_STATUSES.includes(r.status) || !r.detail);
  return [
    check(
      '0 failed idempotent requests',
      idempotent.length === 0,
      `${idempotent.length} of ${m.records.filter((r) => r.idempotent).length} failed (${formatStatusCounts(statusCounts(idempotent))})`,
    ),
    check(
      'non-idempotent failures answer 503/UNAVAILABLE with the cause',
      unclear.length === 0,
      `${nonIdempotent.length} failed (${formatStatusCounts(statusCounts(nonIdempotent))}), ${unclear.length} without 503/UNAVAILABLE and a description`,
    ),
  ];
}

export const nodeLoss: Scenario = {
  name: 'node-loss',
  title: `kill -9 Cassandra node ${KILLED_NODE} of 3 under mixed load, then restart it`,
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const phases = ctx.quick ? PHASES_MS.quick : PHASES_MS.full;
    const marks = ctx.cluster.logMarks();
    let killedAt = 0;
    let returnedAt = 0;
    let seenUpMs: number | undefined;
    const restart = async () => {
      ctx.log(`restarting node ${KILLED_NODE}${phases.loadDuringRestart ? ' (the load goes on)' : ''}`);
      returnedAt = await ctx.cluster.restart(KILLED_NODE);
      seenUpMs = await ctx.cluster.waitSeenUp(KILLED_NODE, marks, SEEN_UP_TIMEOUT_MS);
    };
    const loss = startMixedLoad(ctx, { maxDurationMs: 10 * 60_000 });
    try {
      await sleep(phases.before);
      killedAt = await ctx.cluster.kill(KILLED_NODE);
      await sleep(phases.down);
      if (phases.loadDuringRestart) {
        await restart();
        await sleep(phases.after);
      }
    } finally {
      await stopLoad(loss);
    }
    const records = [...loss.recorder.records()];
    if (!phases.loadDuringRestart) {
      await restart();
      const after = startMixedLoad(ctx, { maxDurationMs: phases.after });
      await after.load.finished();
      await stopLoad(after);
      records.push(...after.recorder.records());
    }
    const measurement = { records, killedAt };
    const slowest = slowestRequests(records, killedAt);
    ctx.log(`slowest requests (times from the kill): ${slowest.join('; ')}`);
    const checks = evaluateNodeLoss(measurement);
    if (seenUpMs === undefined) {
      checks.push(
        check(
          `node ${KILLED_NODE} back in the ring`,
          false,
          `not seen UP within ${SEEN_UP_TIMEOUT_MS / 1000} s`,
        ),
      );
    }
    return {
      name: 'node-loss',
      requests: records.length,
      failuresByStatus: statusCounts(failed(records)),
      latency: latencyOfRecords(records),
      recoveryMs: recoveryMs(records, killedAt, ctx.apis) ?? null,
      checks,
      details: {
        killedNode: KILLED_NODE,
        loadDuringRestart: phases.loadDuringRestart,
        downForMs: Math.round(returnedAt - killedAt),
        seenUpAfterReturnMs: seenUpMs === undefined ? null : Math.round(seenUpMs),
        failuresWhileDown: formatStatusCounts(
          statusCounts(failed(records.filter((r) => r.end <= returnedAt))),
        ),
        failuresAfterReturn: formatStatusCounts(
          statusCounts(failed(records.filter((r) => r.end > returnedAt))),
        ),
        failureExamples: failureExamples(records),
        slowestAfterKill: slowest,
        failureTimesAfterKillMs: failed(records)
          .slice(0, 50)
          .map((r) => Math.round(r.end - killedAt)),
      },
    };
  },
};
