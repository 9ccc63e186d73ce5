// What a fault scenario is: a run against the live cluster and stack that measures, and a pure
// evaluation of its targets (unit-tested apart). The result is one row of the report.
import type { Latency, StatusCounts } from '../analysis.js';
import type { FaultCluster } from '../cluster.js';
import type { Ledger } from '../ledger.js';
import type { ApiDriver, DataNames } from '../load/api-driver.js';
import type { ApiName } from '../load/request-record.js';
import type { ScenarioName } from '../options.js';
import type { FaultStack } from '../services.js';

/** "At once": how fast a request refused for a known reason (no bridge, no quorum, overload) must answer (p99). */
export const AT_ONCE_MS = 500;

/** One target of a scenario, checked against what was measured. */
export interface Check {
  target: string;
  measured: string;
  pass: boolean;
}

export interface ScenarioResult {
  name: ScenarioName;
  requests: number;
  failuresByStatus: StatusCounts;
  latency: Latency | undefined;
  /** Milliseconds until service was back after the fault ended; null: not back; undefined: not measured. */
  recoveryMs?: number | null;
  checks: Check[];
  /** Figures behind the checks, for the JSON report. */
  details: Record<string, unknown>;
  /** Acknowledged rows and documents lost (filled in after the final read-back; undefined: not checked). */
  lost?: number;
  /** Acknowledged counter increments lost (after the read-back; undefined: not checked or no counter). */
  counterLost?: number;
  /** The scenario could not run to its end (a harness or setup failure): a miss. */
  error?: string;
}

export interface ScenarioContext {
  quick: boolean;
  soakMs: number | undefined;
  cluster: FaultCluster;
  stack: FaultStack;
  ledger: Ledger;
  names: DataNames;
  /** APIs that run (all four). */
  apis: readonly ApiName[];
  /** Fresh load drivers (new clients, new gRPC channel) for these APIs. */
  drivers(apis: readonly ApiName[]): ApiDriver[];
  log(line: string): void;
}

export interface Scenario {
  name: ScenarioName;
  title: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}

export function check(target: string, pass: boolean, measured: string): Check {
  return { target, pass, measured };
}

export const fmtMs = (ms: number | undefined): string => (ms === undefined ? '—' : `${ms.toFixed(0)} ms`);
