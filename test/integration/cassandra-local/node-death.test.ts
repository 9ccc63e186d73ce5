// A Cassandra node that dies, on a dedicated node (127.0.0.34, its own data folder; never the shared
// node on 127.0.0.1): `npm start` stops with the cause, a test run is cancelled at once with one line
// naming it, `status` shows it, a node that runs out of heap at start fails the start at once, and
// `reset` refuses while the node runs and clears the folder afterwards.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CassandraExitedError,
  type ClusterOptions,
  DEFAULT_CASSANDRA_VERSION,
  defaultDataDir,
  isProcessAlive,
  repoRoot,
  startCluster,
  stopCluster,
} from '../../../tools/cassandra-local/index.js';
import { classpathCacheFile } from '../../../tools/cassandra-local/resolve-classpath.js';
import { runStack } from '../../../tools/stack/run-stack.js';

const SLOW = { timeout: 240_000 };
const address = '127.0.0.34';
const root = mkdtempSync(join(tmpdir(), 'cassandra-death-it-'));
const dataDir = join(root, 'cluster');
const options: ClusterOptions = { dataDir, baseAddress: address, heapMb: 512, log: () => undefined };
const systemLog = join(dataDir, 'node1', 'logs', 'system.log');

/** Our environment without CASSANDRA_CONTACT_POINTS (the suite's own), so the local node is used. */
function localEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { CASSANDRA_CONTACT_POINTS: _shared, ...env } = process.env;
  return { ...env, ...extra };
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'tools/cassandra-local/cli.ts'), ...args, '--data-dir', dataDir],
      { cwd: repoRoot, timeout: 120_000, env: localEnv() },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(() => {
  // Reuse the jars the shared folder already resolved (saves a Maven run).
  const shared = classpathCacheFile(defaultDataDir, DEFAULT_CASSANDRA_VERSION);
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(shared)) copyFileSync(shared, classpathCacheFile(dataDir, DEFAULT_CASSANDRA_VERSION));
});

afterAll(async () => {
  await stopCluster({ ...options }).catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('a Cassandra node that dies', () => {
  it('npm start reports the death with its cause and stops the stack', SLOW, async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stack = runStack({
      env: localEnv({ APIS: '' }),
      registry: [],
      cassandra: options,
      write: (line) => out.push(line),
      writeError: (line) => err.push(line),
    });
    expect(await stack.ready).toBe(true);
    const started = out.find((line) => line.startsWith('Cassandra ready after'));
    expect(started, out.join('\n')).toBeDefined();
    const pid = Number(readFileSync(join(dataDir, 'node1', 'cassandra.pid'), 'utf8'));
    expect(isProcessAlive(pid)).toBe(true);

    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    expect(await stack.done).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(err).toContain(
      `✖ Cassandra node 1 (pid ${pid}) died: was killed without a word in its logs ` +
        "(SIGKILL by someone, or the kernel's out-of-memory killer: see dmesg).",
    );
    expect(err).toContain(`  Full log: ${systemLog}`);
    expect(err).toContain('Stopping the whole stack.');
  });

  it(
    'a test run is cancelled at once, with one line naming the cause; status shows the death',
    SLOW,
    async () => {
      const cluster = await startCluster(options);
      const pid = cluster.nodes[0]!.pid;

      const refused = await cli(['reset']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `Cassandra node 1 of ${dataDir} is running (pid ${pid}): reset refused`,
      );
      expect(existsSync(join(dataDir, 'node1', 'data'))).toBe(true);

      const config = join(repoRoot, 'test/integration/cassandra-local/fixtures/death-run/vitest.config.ts');
      const run: ChildProcess = spawn(
        process.execPath,
        [join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config],
        {
          cwd: repoRoot,
          env: localEnv({ DEATH_RUN_DATA_DIR: dataDir, DEATH_RUN_ADDRESS: address, NO_COLOR: '1' }),
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        },
      );
      let output = '';
      run.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
      });
      run.stderr!.on('data', (d: Buffer) => {
        output += d.toString();
      });
      const exited = new Promise<number | null>((resolve) => run.once('close', (code) => resolve(code)));
      try {
        await waitUntil(() => output.includes('DEATH-RUN-TEST-RUNNING'), 120_000);
        process.kill(pid, 'SIGKILL');
        const killedAt = Date.now();
        const code = await Promise.race([
          exited,
          new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 60_000)),
        ]);
        const seconds = (Date.now() - killedAt) / 1000;
        expect(code, output).not.toBe('hung');
        expect(code, output).not.toBe(0);
        // Its five tests would take five minutes; the run ends within seconds of the death.
        expect(seconds, output).toBeLessThan(20);
        const lines = output.split('\n').filter((line) => line.includes('died during the test run'));
        expect(lines).toEqual([
          `✖ Cassandra node 1 (pid ${pid}) died during the test run: was killed without a word in its logs ` +
            `(SIGKILL by someone, or the kernel's out-of-memory killer: see dmesg); see ${systemLog}`,
        ]);
      } finally {
        if (run.exitCode === null) process.kill(-run.pid!, 'SIGKILL');
      }

      // Nobody stopped it, so its pid file is still there: status tells what happened.
      const status = await cli(['status']);
      expect(status.code).toBe(3);
      expect(status.stdout).toMatch(
        new RegExp(`node1 +${address}:9042 +pid ${pid} +died \\(nobody stopped it\\)`),
      );
      expect(status.stdout).toContain(
        `Cassandra node 1 (pid ${pid}) died: was killed without a word in its logs`,
      );
    },
  );

  it(
    'a node that runs out of heap at start fails the start at once, with the heap to use',
    SLOW,
    async () => {
      const started = Date.now();
      const error = await startCluster({ ...options, heapMb: 64 }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(CassandraExitedError);
      // Long before the 180 s ready timeout.
      expect(Date.now() - started).toBeLessThan(60_000);
      const lines = (error as Error).message.split('\n');
      expect(lines[0]).toMatch(
        /^Cassandra node 1 \(pid \d+\) died \(exit code 3\): ran out of heap \(64 MiB\) during start-up\.$/,
      );
      expect(lines[1]).toMatch(/^ {2}→ restart with --heap-mb \d+ \(or CASSANDRA_HEAP_MB=\d+\)$/);
      expect(lines).toContain('    Terminating due to java.lang.OutOfMemoryError: Java heap space');
      expect(lines.at(-1)).toBe(`  Full log: ${systemLog}`);
    },
  );

  it('reset clears the folder of a node that is not running, and says what it deleted', SLOW, async () => {
    const reset = await cli(['reset']);
    expect(reset.code, reset.stderr).toBe(0);
    const node = join(dataDir, 'node1');
    expect(reset.stdout.split('\n').slice(0, 3)).toEqual([
      `Resetting ${dataDir} (no node of it is running):`,
      expect.stringMatching(new RegExp(`^ {2}deleted ${node}/data \\([\\d.]+ (KiB|MiB)\\)$`)),
      expect.stringMatching(new RegExp(`^ {2}deleted ${node}/commitlog \\([\\d.]+ (KiB|MiB)\\)$`)),
    ]);
    expect(readdirSync(node).sort()).toEqual(['conf', 'logs', 'node.json', 'triggers']);
    // The logs of what happened stay.
    expect(existsSync(systemLog)).toBe(true);
  });
});
