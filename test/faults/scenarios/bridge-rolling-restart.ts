// bridge-rolling-restart: under mixed load, SIGTERM one bridge, wait until it has exited and is
// back (started again and ready), then the other. Target: no request fails (the APIs move to the
// other replica while one drains).
import { failed, failureExamples, formatStatusCounts, latencyOfRecords, statusCounts } from '../analysis.js';
import type { RequestRecord } from '../load/request-record.js';
import { now } from '../load/request-record.js';
import { sleep, startMixedLoad, stopLoad } from './load-phase.js';
import { type Check, check, type Scenario, type ScenarioContext, type ScenarioResult } from './scenario.js';

const PHASES_MS = {
  quick: { before: 2_000, between: 1_000, after: 2_000 },
  full: { before: 5_000, between: 5_000, after: 5_000 },
};
/** The services' shutdown deadline is 10 s (SHUTDOWN_DEADLINE_MS); a bridge still up after this is killed. */
const EXIT_TIMEOUT_MS = 15_000;
const BRIDGES = ['bridge1', 'bridge2'] as const;

export interface RollingRestartMeasurement {
  records: RequestRecord[];
  /** Per bridge: exited by itself after SIGTERM, and its exit code. */
  exits: Array<{ bridge: string; exitedInMs: number | null; code: number | null }>;
}

export function evaluateRollingRestart(m: RollingRestartMeasurement): Check[] {
  const failures = failed(m.records);
  const stuck = m.exits.filter((e) => e.exitedInMs === null || e.code !== 0);
  return [
    check(
      '0 failed requests',
      m.records.length > 0 && failures.length === 0,
      `${failures.length} of ${m.records.length} failed (${formatStatusCounts(statusCounts(failures))})`,
    ),
    check(
      `each bridge exits 0 within ${EXIT_TIMEOUT_MS / 1000} s of SIGTERM`,
      m.exits.length === BRIDGES.length && stuck.length === 0,
      m.exits
        .map(
          (e) =>
            `${e.bridge}: ${e.exitedInMs === null ? 'still up' : `code ${e.code} after ${e.exitedInMs} ms`}`,
        )
        .join('; '),
    ),
  ];
}

export const bridgeRollingRestart: Scenario = {
  name: 'bridge-rolling-restart',
  title: 'SIGTERM one bridge, wait until it is back, then the other, under mixed load',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const phases = ctx.quick ? PHASES_MS.quick : PHASES_MS.full;
    const running = startMixedLoad(ctx, { maxDurationMs: 5 * 60_000 });
    const exits: RollingRestartMeasurement['exits'] = [];
    const windows: Array<{ bridge: string; from: number; to: number }> = [];
    try {
      await sleep(phases.before);
      for (const [i, id] of BRIDGES.entries()) {
        if (i > 0) await sleep(phases.between);
        const bridge = ctx.stack.get(id);
        const from = bridge.signal('SIGTERM');
        const exited = await bridge.waitExit(EXIT_TIMEOUT_MS);
        exits.push({
          bridge: id,
          exitedInMs: exited ? Math.round(now() - from) : null,
          code: bridge.exit?.code ?? null,
        });
        if (!exited) await bridge.stop(0);
        const back = await ctx.stack.restart(id);
        windows.push({ bridge: id, from, to: back.readyAt });
        ctx.log(`${id} restarted: down for ${Math.round(back.readyAt - from)} ms`);
      }
      await sleep(phases.after);
    } finally {
      await stopLoad(running);
    }
    const records = running.recorder.records();
    const summary = running.recorder.summary();
    return {
      name: 'bridge-rolling-restart',
      requests: summary.requests,
      failuresByStatus: summary.failuresByStatus,
      latency: latencyOfRecords(records),
      checks: evaluateRollingRestart({ records, exits }),
      details: {
        exits,
        failuresPerRestart: windows.map((w) => ({
          bridge: w.bridge,
          downMs: Math.round(w.to - w.from),
          failures: formatStatusCounts(
            statusCounts(failed(records.filter((r) => r.end >= w.from && r.start <= w.to))),
          ),
        })),
        failureExamples: failureExamples(records),
      },
    };
  },
};
