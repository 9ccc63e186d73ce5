// Command-line options of `npm run bench -- …`.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICES } from '../../tools/stack/service-registry.js';
import { FULL_ANN_ROWS, QUICK_ANN_ROWS } from './ann-dataset.js';
import { DEFAULT_PEER_PORT_OFFSET } from './peer-stargate.js';
import {
  ALL_SCENARIO_NAMES,
  GATEWAY_APIS,
  type GatewayApi,
  OPTIONAL_SCENARIO_NAMES,
  SCENARIO_NAMES,
  type ScenarioName,
} from './scenarios.js';

const API_CHOICES = ['direct', ...GATEWAY_APIS] as const;

export const PROFILABLE = ['bridge', 'grpc', 'rest', 'graphql', 'docs'] as const;
export type ServiceName = (typeof PROFILABLE)[number];

export interface BenchOptions {
  quick: boolean;
  /** Per measured run, ms. */
  durationMs: number;
  warmupMs: number;
  /** Times the whole set of scenarios runs; every figure is the median over the rounds. */
  rounds: number;
  concurrency: number[];
  scenarios: ScenarioName[];
  /** Gateway APIs to measure (the direct driver always runs: it is the floor). */
  apis: GatewayApi[];
  docs: number;
  docsLoad: 'direct' | 'api';
  /** Rows of the ann scenario's table. */
  annRows: number;
  profile: ServiceName[];
  portOffset: number;
  maxRequests: number;
  keepCassandra: boolean;
  calibrate: boolean;
  out: string | undefined;
  /** A Stargate v2.1 clone with its build (bench/lib/peer-stargate.ts), measured beside our REST API. */
  peerStargate: string | undefined;
  /** Its ports: Stargate's defaults + this, on 127.0.0.2. */
  peerPortOffset: number;
  /** Stop (SIGSTOP) the side not being measured during each peer run (default on). */
  peerFreeze: boolean;
}

export const FULL_DOCS = 100_000;
const QUICK_DOCS = 2_000;
const MAX_ROUNDS = 20;
/** Every service port (Stargate's default + the offset) must stay a valid TCP port. */
/** The peer's highest default port is CQL's 9042. */
export const MAX_PEER_PORT_OFFSET = 65_535 - 9042;
export const MAX_PORT_OFFSET = 65_535 - Math.max(...SERVICES.flatMap((s) => s.ports.map((p) => p.default)));

export const USAGE = `npm run bench -- [options]

  --quick                 short runs (1 s each, 0.5 s warm-up) and a ${QUICK_DOCS}-document collection: < 2 min
  --duration <s>          seconds per measured run (default 8; quick 1)
  --warmup <s>            warm-up seconds before each API's runs (default 2; quick 0.5)
  --rounds <n>            run everything n times (1 to ${MAX_ROUNDS}) and report medians (default 1; 3 on a shared machine)
  --concurrency <list>    concurrency levels (default 1,32,128; c=1 gives the added-latency figure)
  --scenarios <list>      ${SCENARIO_NAMES.join(',')} (default all of these), and ${OPTIONAL_SCENARIO_NAMES.join(',')}
                          (only when named: top-10 ANN reads, REST and the driver)
  --apis <list>           ${GATEWAY_APIS.join(',')} (default all; the direct driver always runs)
  --docs <n>              documents in the search collection (default ${FULL_DOCS}; quick ${QUICK_DOCS})
  --docs-load direct|api  load documents with the driver (the API's own statements; default) or the API
  --ann-rows <n>          rows of 64-dimension vectors in the ann table (default ${FULL_ANN_ROWS}; quick ${QUICK_ANN_ROWS})
  --profile <list>        run these services with node --cpu-prof (bench/results/profiles): ${PROFILABLE.join(',')}
  --port-offset <n>       ports = Stargate's defaults + n (default 11000: REST on 19082, ...)
  --max-requests <n>      upper bound of requests per measured run (default 2000000)
  --keep-cassandra        never stop the local Cassandra at the end
  --skip-calibration      skip the machine check (Fastify and grpc-js echo against performance-notes §6)
  --out <file>            JSON result file (default bench/results/bench-<time>.json)
  --peer-stargate <dir>   also start Stargate v2.1 built in <dir> (shared/facts/stargate-peer.md) on 127.0.0.2
                          and measure its REST point read alternately with ours (needs --apis with rest)
  --peer-port-offset <n>  the peer's ports = Stargate's defaults + n (default ${DEFAULT_PEER_PORT_OFFSET}: REST ${8082 + DEFAULT_PEER_PORT_OFFSET}, CQL ${9042 + DEFAULT_PEER_PORT_OFFSET})
  --no-peer-freeze        let the side not being measured run beside the other (default: it is stopped with
                          SIGSTOP for each of the other's runs and continued right after)
  --help
`;

function list<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  option: string,
  what: string,
): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  // An empty list (`--scenarios ""`, often an unset shell variable) would measure nothing.
  if (items.length === 0) throw new Error(`${option} is empty (known: ${allowed.join(', ')})`);
  const unknown = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`${option}: unknown ${what} ${unknown.join(', ')} (known: ${allowed.join(', ')})`);
  return items as T[];
}

function positiveNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${option} must be a positive number, got "${value}"`);
  return n;
}

/** Counts and offsets: a fraction is refused rather than rounded down (`--docs 0.5` used to mean 0). */
function positiveInteger(value: string | undefined, option: string, max?: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || (max !== undefined && n > max)) {
    const range = max === undefined ? 'a positive integer' : `an integer from 1 to ${max}`;
    throw new Error(`${option} must be ${range}, got "${value}"`);
  }
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      scenarios: { type: 'string' },
      apis: { type: 'string' },
      docs: { type: 'string' },
      'docs-load': { type: 'string' },
      'ann-rows': { type: 'string' },
      profile: { type: 'string' },
      'port-offset': { type: 'string' },
      'max-requests': { type: 'string' },
      'keep-cassandra': { type: 'boolean', default: false },
      'skip-calibration': { type: 'boolean', default: false },
      out: { type: 'string' },
      'peer-stargate': { type: 'string' },
      'peer-port-offset': { type: 'string' },
      'peer-freeze': { type: 'boolean' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const concurrency = (values.concurrency ?? '1,32,128').split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 1 || n > 1024)
      throw new Error(`--concurrency takes integers from 1 to 1024, got "${s}"`);
    return n;
  });
  const docsLoad = values['docs-load'] ?? 'direct';
  if (docsLoad !== 'direct' && docsLoad !== 'api') throw new Error('--docs-load is direct or api');
  const apis = list(values.apis, API_CHOICES, '--apis', 'API')?.filter((a) => a !== 'direct') as
    | BenchOptions['apis']
    | undefined;
  const peer = values['peer-stargate'];
  if (peer !== undefined) {
    if (peer.trim() === '') throw new Error('--peer-stargate needs the directory of a Stargate build');
    if (apis && !apis.includes('rest'))
      throw new Error('--peer-stargate compares REST point reads: --apis must include rest');
  }
  if (values['peer-port-offset'] !== undefined && peer === undefined)
    throw new Error('--peer-port-offset is for --peer-stargate');
  if (values['peer-freeze'] !== undefined && peer === undefined)
    throw new Error(`--${values['peer-freeze'] ? '' : 'no-'}peer-freeze is for --peer-stargate`);
  return {
    quick,
    durationMs: (positiveNumber(values.duration, '--duration') ?? (quick ? 1 : 8)) * 1000,
    warmupMs: (positiveNumber(values.warmup, '--warmup') ?? (quick ? 0.5 : 2)) * 1000,
    rounds: positiveInteger(values.rounds, '--rounds', MAX_ROUNDS) ?? 1,
    concurrency: [...new Set(concurrency)].sort((a, b) => a - b),
    scenarios: list(values.scenarios, ALL_SCENARIO_NAMES, '--scenarios', 'scenario') ?? [...SCENARIO_NAMES],
    apis: apis ?? ['grpc', 'rest', 'graphql', 'docs'],
    docs: positiveInteger(values.docs, '--docs') ?? (quick ? QUICK_DOCS : FULL_DOCS),
    docsLoad,
    annRows: positiveInteger(values['ann-rows'], '--ann-rows') ?? (quick ? QUICK_ANN_ROWS : FULL_ANN_ROWS),
    profile: list(values.profile, PROFILABLE, '--profile', 'service to profile') ?? [],
    portOffset: positiveInteger(values['port-offset'], '--port-offset', MAX_PORT_OFFSET) ?? 11_000,
    maxRequests: positiveInteger(values['max-requests'], '--max-requests') ?? 2_000_000,
    keepCassandra: values['keep-cassandra'] ?? false,
    calibrate: !(values['skip-calibration'] ?? false),
    out: values.out,
    peerStargate: peer === undefined ? undefined : resolve(peer),
    peerPortOffset:
      positiveInteger(values['peer-port-offset'], '--peer-port-offset', MAX_PEER_PORT_OFFSET) ??
      DEFAULT_PEER_PORT_OFFSET,
    peerFreeze: values['peer-freeze'] ?? true,
  };
}
