// `npm run bench` end to end, as small as it gets: the real harness as a child process (compiled
// bridge and REST API, autocannon, the direct driver) against this test run's Cassandra, which it
// reuses through CASSANDRA_CONTACT_POINTS and never stops. Checks what a user reads: the JSON
// figures and the Results / Processes / Targets tables. A bad option stops it before anything starts.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchOptions } from '../../../bench/lib/options.js';
import type { Measurement, ServiceFigures, TargetCheck } from '../../../bench/lib/report.js';
import { checkPortsFree } from '../../../bench/lib/stack.js';
import { isProcessAlive } from '../../../tools/cassandra-local/pid-file.js';
import { testContactPoints } from '../../support/bridge-harness.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface BenchOutput {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * `tsx bench/run.ts <args>` in its own process group, so that on a timeout the services it spawned
 * go too: SIGINT first (the bench stops its services), SIGKILL to the group 10 s later.
 */
function runBench(
  args: string[],
  timeoutMs: number,
  contactPoints = testContactPoints(),
): Promise<BenchOutput> {
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, CASSANDRA_CONTACT_POINTS: contactPoints },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const interrupt = setTimeout(() => {
    signalGroup('SIGINT');
    setTimeout(() => signalGroup('SIGKILL'), 10_000).unref();
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(interrupt);
      resolve({ pid: child.pid!, code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A port offset whose bridge and REST ports are free; offsets 200 apart never share a port. */
async function freePortOffset(): Promise<number> {
  // 16,000–19,800: ports 24,080–27,980, below the ephemeral range and clear of the bench's
  // defaults (11,000; bench/startup.ts 13,000; its README example 21,000).
  for (let i = 0; i < 20; i++) {
    const offset = 16_000 + ((process.pid + i) % 20) * 200;
    if (
      await checkPortsFree(['bridge', 'rest'], offset).then(
        () => true,
        () => false,
      )
    )
      return offset;
  }
  throw new Error('no free port offset for the benchmark');
}

function cassandraAnswers(contactPoint: string): Promise<boolean> {
  const [host, port] = contactPoint.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host: host!, port: Number(port ?? 9042), timeout: 5_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

interface BenchJson {
  options: BenchOptions;
  environment: { cassandra: string; cassandraSource: string };
  aborted?: string;
  measurements: Measurement[];
  failures: unknown[];
  services: ServiceFigures[];
  targets: TargetCheck[];
}

describe('npm run bench, end to end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
  const out = join(dir, 'bench.json');
  let run: BenchOutput;
  let json: BenchJson;

  beforeAll(async () => {
    const offset = await freePortOffset();
    // One scenario, one API, c=1, half a second: the smallest run that still fills every table.
    run = await runBench(
      [
        '--quick',
        '--apis',
        'rest',
        '--scenarios',
        'point-read',
        '--concurrency',
        '1',
        '--duration',
        '0.5',
        '--warmup',
        '0.2',
        '--skip-calibration',
        '--keep-cassandra',
        '--port-offset',
        String(offset),
        '--out',
        out,
      ],
      75_000,
    );
    const tail = `exit ${run.code} (${run.signal}) after ${run.ms} ms\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`;
    expect(run.code, tail).toBe(0);
    json = JSON.parse(readFileSync(out, 'utf8')) as BenchJson;
  }, 90_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('used the test run’s Cassandra and left it running', async () => {
    expect(json.environment.cassandra).toBe(testContactPoints());
    expect(json.environment.cassandraSource).toBe('CASSANDRA_CONTACT_POINTS');
    expect(run.stdout).not.toMatch(/stopping the local Cassandra/);
    expect(await cassandraAnswers(testContactPoints().split(',')[0]!)).toBe(true);
    expect(json.options).toMatchObject({ apis: ['rest'], scenarios: ['point-read'], concurrency: [1] });
  });

  it('stopped the services it started and removed its build of them', () => {
    expect(json.services.filter((s) => isProcessAlive(s.pid)).map((s) => s.name)).toEqual([]);
    expect(existsSync(join(repoRoot, 'bench', 'results', `build-${run.pid}-bundle-deps`))).toBe(false);
  });

  it('measured the direct driver and REST: requests answered, latencies, no errors', () => {
    expect(json.aborted).toBeUndefined();
    expect(json.failures).toEqual([]);
    expect(json.measurements.map((m) => `${m.scenario} ${m.api} c=${m.concurrency}`)).toEqual([
      'point-read direct c=1',
      'point-read rest c=1',
    ]);
    for (const m of json.measurements) {
      expect(m.requests, m.api).toBeGreaterThan(0);
      expect(m.errors, m.api).toBe(0);
      expect(m.throughput, m.api).toBeGreaterThan(0);
      expect(m.p50Ms, m.api).toBeGreaterThan(0);
      expect(m.p99Ms, m.api).toBeGreaterThanOrEqual(m.p50Ms);
    }
  });

  it('compared REST with the direct driver and measured the gateway CPU', () => {
    const direct = json.measurements.find((m) => m.api === 'direct')!;
    const rest = json.measurements.find((m) => m.api === 'rest')!;
    expect(rest.ratioToDirect).toBeCloseTo(rest.throughput / direct.throughput, 10);
    expect(rest.p99ToDirect).toBeCloseTo(rest.p99Ms / direct.p99Ms, 10);
    expect(rest.addedP50Ms).toBeCloseTo(rest.p50Ms - direct.p50Ms, 10);
    expect(rest.gatewayCpuUsPerRequest).toBeGreaterThan(0);
    expect(direct.ratioToDirect).toBeUndefined();
    // The load generator's own CPU, next to each row.
    expect(rest).toMatchObject({ loadGenerator: 'autocannon', loadGeneratorCpuPer1k: expect.any(Number) });
    expect(direct.loadGenerator).toBe('driver');
  });

  it('reported the bridge and REST processes: cold start, peak RSS, CPU', () => {
    expect(json.services.map((s) => s.name)).toEqual(['bridge', 'rest']);
    for (const s of json.services) {
      expect(s.coldStartMs, s.name).toBeGreaterThan(0);
      expect(s.readyMs, s.name).toBeGreaterThan(0);
      expect(s.peakRssMiB, s.name).toBeGreaterThan(0);
      expect(s.cpuSeconds, s.name).toBeGreaterThan(0);
      expect(
        Object.keys(s.threads).some((t) => t.startsWith('main (')),
        s.name,
      ).toBe(true);
    }
  });

  it('checked the targets that a c=1 REST run can answer', () => {
    expect(json.targets.map((t) => `${t.api}: ${t.target}`)).toEqual([
      'rest: added p50 latency, point-read, c=1',
      'rest: peak RSS under load (VmHWM)',
      'rest: cold start (spawn → first GET row)',
    ]);
    for (const t of json.targets) expect(typeof t.pass, t.target).toBe('boolean');
  });

  it('printed and wrote the Results, Processes and Targets tables', () => {
    const markdown = readFileSync(out.replace(/\.json$/, '.md'), 'utf8');
    for (const text of [markdown, run.stdout]) {
      expect(text).toContain('### Results');
      expect(text).toContain('| scenario | API | c | req/s | × direct |');
      expect(text).toMatch(/^\| point-read \| direct \| 1 \| \d+ \| — \|/m);
      expect(text).toMatch(/^\| point-read \| rest \| 1 \| \d+ \| \d+\.\d\d \|/m);
      expect(text).toContain('### Processes');
      expect(text).toMatch(/^\| bridge \| \d+ \| \d+ \| POST \/v1\/auth \| \d+ \|/m);
      expect(text).toMatch(/^\| rest \| \d+ \| \d+ \| GET row \| \d+ \|/m);
      expect(text).toContain('### Targets (issue 19: ratios to what this run measured)');
      expect(text).toMatch(
        /^\| added p50 latency, point-read, c=1 \| rest \| -?\d+\.\d{3} ms \| ≤ 0\.25 ms \|/m,
      );
    }
    expect(run.stdout).toContain(`results: ${out} (and .md)`);
  });
});

describe('npm run bench that aborts (its Cassandra does not answer)', () => {
  it('exits 1, says why, and reports every target as not measured, none as passing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-abort-'));
    try {
      const out = join(dir, 'bench.json');
      // Nothing listens on 127.0.0.99: the driver's first connection fails.
      const args = ['--quick', '--apis', 'rest', '--scenarios', 'point-read', '--concurrency', '1'];
      const run = await runBench([...args, '--skip-calibration', '--out', out], 60_000, '127.0.0.99:9042');
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
      const last = run.stdout.trim().split('\n').at(-1);
      expect(last).toMatch(
        /^\[bench +\d+ s\] RUN ABORTED \(All host\(s\) tried for query failed.*\): 0 of 3 targets pass, 3 not measured$/,
      );
      expect(run.stdout).not.toMatch(/targets pass$/m);
      const json = JSON.parse(readFileSync(out, 'utf8')) as BenchJson & { notes: string[] };
      expect(json.aborted).toMatch(/All host\(s\) tried for query failed/);
      expect(json.targets.map((t) => [t.api, t.target, t.pass ?? 'not measured'])).toEqual([
        ['rest', 'added p50 latency, point-read, c=1', 'not measured'],
        ['rest', 'peak RSS under load (VmHWM)', 'not measured'],
        ['rest', 'cold start (spawn → first request)', 'not measured'],
      ]);
      expect(json.notes[0]).toMatch(/^\*\*run aborted\*\*: All host\(s\) tried for query failed/);
      const markdown = readFileSync(out.replace(/\.json$/, '.md'), 'utf8');
      expect(markdown).toContain(
        '| added p50 latency, point-read, c=1 | rest | — | ≤ 0.25 ms | not measured |',
      );
      expect(markdown).not.toMatch(/\| pass \|/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run bench with a bad option', () => {
  it.each([
    [['--concurrency', '1,abc'], '--concurrency takes integers from 1 to 1024, got "abc"'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j: exits 2 naming it, with the usage, before starting anything', async (args, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-bad-'));
    try {
      const out = join(dir, 'bench.json');
      const run = await runBench([...args, '--out', out], 30_000);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toContain(message);
      expect(run.stderr).toContain('npm run bench -- [options]');
      // Nothing logged, started or written.
      expect(run.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
