// The run's report: acknowledged-write losses folded into each scenario's targets, the table
// printed at the end (one row per scenario), every check with its figure, and the JSON file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatStatusCounts } from './analysis.js';
import type { LedgerCheck } from './ledger-check.js';
import type { Check, ScenarioResult } from './scenarios/scenario.js';

/**
 * Scenarios that kill a Cassandra node with SIGKILL. Counter increments lost there have a known cause
 * in Cassandra itself (test/faults/README.md, "Counters and kill -9"); elsewhere the cause is unknown.
 */
const CASSANDRA_KILL_SCENARIOS: ReadonlySet<string> = new Set(['node-loss', 'two-nodes-down']);

export const COUNTER_CRASH_CAUSE =
  "Cassandra's counter leader lost its unsynced commitlog with kill -9 (commitlog_sync periodic); see test/faults/README.md";

/** The counter check of a scenario with a counter: still a miss when increments are lost, with its cause. */
function counterCheck(scenario: string, lost: number, acked: number): Check {
  const cause = CASSANDRA_KILL_SCENARIOS.has(scenario) ? COUNTER_CRASH_CAUSE : 'cause unknown';
  return {
    target: '0 acknowledged counter increments lost',
    pass: lost === 0,
    measured: lost === 0 ? `0 of ${acked}` : `${lost} of ${acked} — ${cause}`,
  };
}

/**
 * Adds each scenario's acknowledged-write losses (from the final read-back) as targets: rows and
 * documents in one check, counter increments in their own.
 */
export function withLosses(
  results: ScenarioResult[],
  ledger: LedgerCheck | undefined,
  ackedByScenario: Record<string, number>,
): ScenarioResult[] {
  return results.map((r) => {
    const acked = ackedByScenario[r.name] ?? 0;
    if (!ledger) {
      return acked === 0
        ? r
        : {
            ...r,
            checks: [
              ...r.checks,
              {
                target: '0 acknowledged writes lost',
                pass: false,
                measured: 'not checked: the read-back did not run',
              },
            ],
          };
    }
    const lost = ledger.lostByScenario[r.name] ?? 0;
    const checks = [...r.checks];
    if (acked > 0 || lost > 0) {
      checks.push({
        target: '0 acknowledged writes lost',
        pass: lost === 0,
        measured: `${lost} of ${acked}`,
      });
    }
    const counter = ledger.counters.find((c) => c.scenario === r.name);
    if (!counter) return { ...r, lost, checks };
    const counterLost = ledger.counterLostByScenario[r.name] ?? 0;
    if (counter.acked > 0 || counterLost > 0) checks.push(counterCheck(r.name, counterLost, counter.acked));
    return { ...r, lost, counterLost, checks };
  });
}

export function missedChecks(result: ScenarioResult): Check[] {
  return result.checks.filter((c) => !c.pass);
}

export function isMet(result: ScenarioResult): boolean {
  return result.error === undefined && result.checks.length > 0 && missedChecks(result).length === 0;
}

/** Why the target is met or not, in one cell. */
export function reason(result: ScenarioResult): string {
  if (result.error !== undefined) return `did not run to its end: ${result.error}`;
  if (result.checks.length === 0) return 'nothing was checked';
  const missed = missedChecks(result);
  if (missed.length === 0) return `all ${result.checks.length} targets met`;
  return missed.map((c) => `${c.target}: ${c.measured}`).join('; ');
}

const ms = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(1));
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Rows and documents lost, and counter increments apart when some were. */
function lostCell(result: ScenarioResult): string {
  if (result.lost === undefined) return '—';
  return result.counterLost ? `${result.lost} (+${result.counterLost} counter)` : String(result.lost);
}

function recoveryCell(result: ScenarioResult): string {
  if (result.recoveryMs === undefined) return '—';
  return result.recoveryMs === null ? 'not back' : `${(result.recoveryMs / 1000).toFixed(2)} s`;
}

export function resultsTable(results: readonly ScenarioResult[]): string {
  const lines = [
    '| scenario | requests | failures by status | p50 ms | p99 ms | recovery | acked writes lost | target | reason |',
    '|---|---:|---|---:|---:|---:|---:|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.requests} | ${cell(formatStatusCounts(r.failuresByStatus))} | ${ms(r.latency?.p50Ms)} | ${ms(r.latency?.p99Ms)} | ${recoveryCell(r)} | ${lostCell(r)} | ${isMet(r) ? 'met' : '**missed**'} | ${cell(reason(r))} |`,
    );
  }
  return lines.join('\n');
}

/** Every check of every scenario, met or not, with what was measured. */
export function checksList(results: readonly ScenarioResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.name}:`);
    if (r.error !== undefined) lines.push(`  [miss] ran to its end: ${r.error}`);
    for (const c of r.checks) lines.push(`  [${c.pass ? ' ok ' : 'miss'}] ${c.target}: ${c.measured}`);
  }
  return lines.join('\n');
}

export interface FaultReport {
  startedAt: string;
  quick: boolean;
  options: Record<string, unknown>;
  setup: Record<string, unknown>;
  results: ScenarioResult[];
  ledger: LedgerCheck | undefined;
  met: boolean;
}

export function writeReport(path: string, report: FaultReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
