// gRPC load from ghz (github.com/bojand/ghz), a Go client: unlike a grpc-js harness in the
// benchmark process, its own CPU per call is small and measured apart (issue 19), so a gRPC row
// shows what the server costs. Found or installed as .ci/run does grpcurl: $GHZ, then
// $(go env GOPATH)/bin/ghz, then the PATH; with Go present and none of them, `go install` once.
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunResult } from './latency-run.js';
import { childrenCpuSeconds } from './process-cpu.js';

const run = promisify(execFile);

export const GHZ_MODULE = 'github.com/bojand/ghz/cmd/ghz@v0.121.0';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function goBin(): Promise<string | undefined> {
  try {
    const { stdout } = await run('go', ['env', 'GOPATH'], { timeout: 30_000 });
    return join(stdout.trim().split(':')[0]!, 'bin');
  } catch {
    return undefined;
  }
}

async function onPath(): Promise<string | undefined> {
  try {
    const { stdout } = await run('sh', ['-c', 'command -v ghz'], { timeout: 10_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The ghz binary, installed with `go install` when Go is there and ghz is not; or why there is none
 * (the gRPC rows then fall back to the grpc-js harness, and the report says so).
 */
export async function findGhz(
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ path: string } | { missing: string }> {
  if (env.GHZ) {
    return executable(env.GHZ) ? { path: env.GHZ } : { missing: `GHZ=${env.GHZ} is not an executable` };
  }
  const bin = await goBin();
  if (bin && executable(join(bin, 'ghz'))) return { path: join(bin, 'ghz') };
  const found = await onPath();
  if (found) return { path: found };
  if (!bin) return { missing: 'ghz is not installed and there is no Go to install it (set GHZ=<path>)' };
  log(`installing ghz: go install ${GHZ_MODULE} (once; a few minutes)`);
  try {
    await run('go', ['install', GHZ_MODULE], { timeout: 15 * 60_000 });
  } catch (err) {
    return { missing: `go install ${GHZ_MODULE} failed: ${(err as Error).message.split('\n')[0]}` };
  }
  return executable(join(bin, 'ghz'))
    ? { path: join(bin, 'ghz') }
    : { missing: `go install ${GHZ_MODULE} left no ${join(bin, 'ghz')}` };
}

export interface GhzCall {
  /** host:port */
  target: string;
  /** package.Service/Method */
  call: string;
  /** The .proto file and the folder its imports are relative to. */
  proto: string;
  importPath: string;
  /** JSON of the request; ghz's template functions ({{randomInt 0 100}}) vary it per call. */
  data: string;
  metadata: Record<string, string>;
}

export interface GhzRun extends RunResult {
  /** CPU seconds ghz itself used (its process, start-up included). */
  generatorCpuSeconds: number;
}

/** The command line of one ghz run (exported for the unit test). */
export function ghzArgs(
  call: GhzCall,
  options: { concurrency: number; durationMs: number; maxRequests: number },
): string[] {
  return [
    '--insecure',
    '--proto',
    call.proto,
    '--import-paths',
    call.importPath,
    '--call',
    call.call,
    '--data',
    call.data,
    '--metadata',
    JSON.stringify(call.metadata),
    // One HTTP/2 connection, as one application channel (the grpc-js harness did the same).
    '--connections',
    '1',
    '--concurrency',
    String(options.concurrency),
    // With a duration ghz ignores -n: the duration bounds the run, and --max-requests is applied
    // by stopping at the count reached first (below).
    '--duration',
    `${Math.max(1, Math.round(options.durationMs))}ms`,
    '--total',
    String(options.maxRequests),
    '--timeout',
    '10s',
    '--format',
    'json',
  ];
}

interface GhzReport {
  count: number;
  total: number;
  rps: number;
  statusCodeDistribution?: Record<string, number>;
  errorDistribution?: Record<string, number> | null;
  latencyDistribution?: Array<{ percentage: number; latency: number }> | null;
}

// When its duration ends, ghz closes the connection under the calls still in flight: those (at
// most one per concurrent worker) are the end of the run, not failures of the server.
const CUT_AT_END =
  /use of closed network connection|grpc: the client connection is closing|code = Canceled|transport is closing/;

/** ghz's JSON report → the benchmark's figures (latencies in ns there, ms here). */
export function parseGhzReport(json: string, concurrency: number): RunResult {
  const report = JSON.parse(json) as GhzReport;
  const ok = report.statusCodeDistribution?.OK ?? 0;
  const cut = Object.entries(report.errorDistribution ?? {})
    .filter(([message]) => CUT_AT_END.test(message))
    .reduce((sum, [, n]) => sum + n, 0);
  const requests = report.count - Math.min(cut, concurrency);
  const percentile = (p: number) =>
    (report.latencyDistribution ?? []).find((d) => d.percentage === p)?.latency ?? Number.NaN;
  const seconds = report.total / 1e9;
  return {
    requests,
    errors: requests - ok,
    seconds,
    throughput: seconds > 0 ? ok / seconds : 0,
    p50Ms: percentile(50) / 1e6,
    p99Ms: percentile(99) / 1e6,
  };
}

/** One bounded ghz run; its CPU is read from this process's reaped-children counters. */
export async function runGhz(
  binary: string,
  call: GhzCall,
  options: { concurrency: number; durationMs: number; maxRequests: number },
): Promise<GhzRun> {
  const before = childrenCpuSeconds();
  const child = spawn(binary, [...ghzArgs(call, options), call.target], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  // Bounded: the run's duration, plus start-up and the slowest call's timeout.
  const killer = setTimeout(() => child.kill('SIGKILL'), options.durationMs + 30_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(killer));
  if (code !== 0) throw new Error(`ghz exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
  const result = parseGhzReport(stdout, options.concurrency);
  return { ...result, generatorCpuSeconds: childrenCpuSeconds() - before };
}
