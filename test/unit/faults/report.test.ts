// The fault report: losses folded into the targets, met or missed with the reason, the table.
import { describe, expect, it } from 'vitest';
import type { CounterCheck, LedgerCheck } from '../../../test/faults/ledger-check.js';
import {
  COUNTER_CRASH_CAUSE,
  checksList,
  isMet,
  reason,
  resultsTable,
  withLosses,
} from '../../../test/faults/report.js';
import type { ScenarioResult } from '../../../test/faults/scenarios/scenario.js';

function result(fields: Partial<ScenarioResult> & Pick<ScenarioResult, 'name'>): ScenarioResult {
  return {
    requests: 100,
    failuresByStatus: {},
    latency: { p50Ms: 2.04, p99Ms: 9.96, maxMs: 20 },
    checks: [{ target: '0 failed requests', measured: '0 of 100 failed', pass: true }],
    details: {},
    ...fields,
  };
}

const ledger = (lostByScenario: Record<string, number>, counters: CounterCheck[] = []): LedgerCheck => ({
  checked: 10,
  readAtQuorum: 0,
  lost: [],
  lostByScenario,
  counterLostByScenario: Object.fromEntries(counters.map((c) => [c.scenario, c.lost])),
  counters,
  seconds: 1,
});

const counter = (scenario: string, acked: number, lost: number): CounterCheck => ({
  scenario,
  key: `counter-${scenario}`,
  acked,
  attempted: acked,
  actual: acked - lost,
  lost,
});

describe('withLosses', () => {
  it('adds a loss target to every scenario that wrote, and misses it on one lost write', () => {
    const [nodeLoss, overload] = withLosses(
      [result({ name: 'node-loss' }), result({ name: 'overload' })],
      ledger({ 'node-loss': 1 }),
      { 'node-loss': 40 },
    );
    expect(nodeLoss!.lost).toBe(1);
    expect(nodeLoss!.checks.at(-1)).toEqual({
      target: '0 acknowledged writes lost',
      pass: false,
      measured: '1 of 40',
    });
    expect(isMet(nodeLoss!)).toBe(false);
    expect(overload!.lost).toBe(0);
    expect(overload!.checks).toHaveLength(1);
  });

  it('checks counter increments apart from rows and documents, naming the known cause after a kill -9', () => {
    const [nodeLoss, restart] = withLosses(
      [result({ name: 'node-loss' }), result({ name: 'bridge-restart' })],
      ledger({}, [counter('node-loss', 282, 1), counter('bridge-restart', 50, 2)]),
      { 'node-loss': 40, 'bridge-restart': 10 },
    );
    expect(nodeLoss!.lost).toBe(0);
    expect(nodeLoss!.counterLost).toBe(1);
    expect(nodeLoss!.checks.slice(-2)).toEqual([
      { target: '0 acknowledged writes lost', pass: true, measured: '0 of 40' },
      {
        target: '0 acknowledged counter increments lost',
        pass: false,
        measured: `1 of 282 — ${COUNTER_CRASH_CAUSE}`,
      },
    ]);
    expect(isMet(nodeLoss!)).toBe(false);
    expect(restart!.checks.at(-1)!.measured).toBe('2 of 50 — cause unknown');
    expect(resultsTable([nodeLoss!])).toContain('| 0 (+1 counter) |');
  });

  it('passes the counter check when every increment is there', () => {
    const [r] = withLosses([result({ name: 'node-loss' })], ledger({}, [counter('node-loss', 30, 0)]), {
      'node-loss': 5,
    });
    expect(r!.checks.at(-1)).toEqual({
      target: '0 acknowledged counter increments lost',
      pass: true,
      measured: '0 of 30',
    });
    expect(isMet(r!)).toBe(true);
  });

  it('misses the loss target when the read-back never ran', () => {
    const [r] = withLosses([result({ name: 'node-loss' })], undefined, { 'node-loss': 3 });
    expect(r!.checks.at(-1)).toMatchObject({
      pass: false,
      measured: 'not checked: the read-back did not run',
    });
  });
});

describe('met or missed', () => {
  it('is met only when it ran to its end and every check passed', () => {
    expect(isMet(result({ name: 'overload' }))).toBe(true);
    expect(isMet(result({ name: 'overload', checks: [] }))).toBe(false);
    expect(isMet(result({ name: 'overload', error: 'boom' }))).toBe(false);
  });

  it('gives the missed targets with their figures as the reason', () => {
    const missed = result({
      name: 'node-loss',
      checks: [
        { target: '0 failed idempotent requests', measured: '8 of 900 failed (503×8)', pass: false },
        { target: 'other', measured: 'fine', pass: true },
      ],
    });
    expect(reason(missed)).toBe('0 failed idempotent requests: 8 of 900 failed (503×8)');
    expect(reason(result({ name: 'overload' }))).toBe('all 1 targets met');
    expect(reason(result({ name: 'overload', error: 'no bridge' }))).toBe(
      'did not run to its end: no bridge',
    );
  });
});

describe('resultsTable', () => {
  it('prints one row per scenario with failures, latency, recovery, losses and the verdict', () => {
    const table = resultsTable([
      result({
        name: 'two-nodes-down',
        failuresByStatus: { '503': 5, '504': 7 },
        recoveryMs: 1_234,
        lost: 0,
        checks: [{ target: 'each within 3 s', measured: 'slowest 12013 ms', pass: false }],
      }),
      result({ name: 'bridge-restart', recoveryMs: null }),
    ]);
    expect(table.split('\n')).toEqual([
      '| scenario | requests | failures by status | p50 ms | p99 ms | recovery | acked writes lost | target | reason |',
      '|---|---:|---|---:|---:|---:|---:|---|---|',
      '| two-nodes-down | 100 | 504×7, 503×5 | 2.0 | 10.0 | 1.23 s | 0 | **missed** | each within 3 s: slowest 12013 ms |',
      '| bridge-restart | 100 | none | 2.0 | 10.0 | not back | — | met | all 1 targets met |',
    ]);
  });

  it('keeps a | in a reason from breaking the table', () => {
    expect(resultsTable([result({ name: 'overload', error: 'a|b' })])).toContain(
      'did not run to its end: a\\|b',
    );
  });

  it('lists every check', () => {
    expect(checksList([result({ name: 'overload' })])).toBe(
      'overload:\n  [ ok ] 0 failed requests: 0 of 100 failed',
    );
  });
});
