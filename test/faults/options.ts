// Command-line options of `npm run faults -- …`: which scenarios, how long, and what to leave running.
import { parseArgs } from 'node:util';

export const SCENARIO_NAMES = [
  'node-loss',
  'two-nodes-down',
  'bridge-restart',
  'bridge-rolling-restart',
  'api-sigterm',
  'overload',
  'rate-limit',
  'soak',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What runs when --scenarios is not given: every scenario but the soak (which needs --soak). */
export const DEFAULT_SCENARIOS: readonly ScenarioName[] = SCENARIO_NAMES.filter((s) => s !== 'soak');

export interface FaultOptions {
  /** Every scenario briefly (the CI run): under 5 minutes with the cluster start. */
  quick: boolean;
  scenarios: ScenarioName[];
  /** Soak duration (only with --soak). */
  soakMs: number | undefined;
  /** Leave the 3-node cluster running at the end (the services are always stopped). */
  keepCluster: boolean;
  /** Give the APIs only the first bridge's address (for branches whose BRIDGE_ADDRESS takes one). */
  oneBridgeAddress: boolean;
  /** JSON result file; default .local/faults/faults-<time>.json. */
  out: string | undefined;
}

/** Longest soak accepted: every loop of the harness stays bounded. */
export const MAX_SOAK_MS = 24 * 3_600_000;

export const USAGE = `npm run faults -- [options]

  --quick                 every scenario briefly (CI): under 5 minutes including the cluster start
  --scenarios <list>      ${DEFAULT_SCENARIOS.join(',')} (default: all of these)
  --soak <duration>       mixed load for that long (e.g. 30m, 90s, 1h; at most 24h), after the chosen
                          scenarios; alone when --scenarios is not given. Not part of CI.
  --keep-cluster          leave the 3-node Cassandra cluster running for the next run (services stop)
  --one-bridge-address    give the APIs only the first bridge's address (BRIDGE_ADDRESS without a list)
  --out <file>            JSON result file (default .local/faults/faults-<time>.json)
  --help

Exit status: 0 when every scenario met its target, 1 when one missed, 2 for bad options, 3 when the
harness itself failed (cluster or services did not start).
`;

const UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "30m", "90s", "1.5h", "500ms" → milliseconds; a bare number is refused (which unit?). */
export function parseDuration(value: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!match) throw new Error(`${option} takes a duration such as 30m, 90s or 1h, got "${value}"`);
  const ms = Number(match[1]) * UNITS_MS[match[2]!]!;
  if (ms < 1_000 || ms > MAX_SOAK_MS) {
    throw new Error(`${option} must be from 1s to 24h, got "${value}"`);
  }
  return Math.round(ms);
}

function scenarioList(value: string): ScenarioName[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  // An empty list (often an unset shell variable) would test nothing and pass.
  if (items.length === 0) throw new Error(`--scenarios is empty (known: ${DEFAULT_SCENARIOS.join(', ')})`);
  const unknown = items.filter((s) => !(SCENARIO_NAMES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new Error(
      `--scenarios: unknown scenario ${unknown.join(', ')} (known: ${DEFAULT_SCENARIOS.join(', ')})`,
    );
  }
  if (items.includes('soak'))
    throw new Error('--scenarios: the soak runs with --soak <duration>, not by name');
  return [...new Set(items)] as ScenarioName[];
}

export function parseOptions(argv: string[]): FaultOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      soak: { type: 'string' },
      'keep-cluster': { type: 'boolean', default: false },
      'one-bridge-address': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const soakMs = values.soak === undefined ? undefined : parseDuration(values.soak, '--soak');
  let scenarios: ScenarioName[];
  if (values.scenarios !== undefined) scenarios = scenarioList(values.scenarios);
  else scenarios = soakMs === undefined ? [...DEFAULT_SCENARIOS] : [];
  if (soakMs !== undefined) scenarios.push('soak');
  return {
    quick: values.quick ?? false,
    scenarios,
    soakMs,
    keepCluster: values['keep-cluster'] ?? false,
    oneBridgeAddress: values['one-bridge-address'] ?? false,
    out: values.out,
  };
}
