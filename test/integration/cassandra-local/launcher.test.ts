// The launcher against a real Cassandra: a dedicated node on 127.0.0.20 with its own data folder,
// so it never touches the shared node on 127.0.0.1 that the rest of the suite uses.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CassandraAlreadyRunningError,
  CassandraExitedError,
  CassandraStartTimeoutError,
  type ClusterOptions,
  clusterStatus,
  DEFAULT_CASSANDRA_VERSION,
  defaultDataDir,
  isProcessAlive,
  PortInUseError,
  type RunningCluster,
  repoRoot,
  startCluster,
  stopCluster,
} from '../../../tools/cassandra-local/index.js';
import { classpathCacheFile } from '../../../tools/cassandra-local/resolve-classpath.js';

const SLOW = { timeout: 240_000 };
const root = mkdtempSync(join(tmpdir(), 'cassandra-launcher-it-'));
const logLines: string[] = [];
const options: ClusterOptions = {
  dataDir: join(root, 'cluster'),
  baseAddress: '127.0.0.20',
  heapMb: 512,
  log: (line) => logLines.push(line),
};
const contactPoint = '127.0.0.20:9042';

/** Reuse the classpath the shared data folder already resolved: saves a Maven run per folder. */
function seedClasspathCache(dataDir: string): void {
  const shared = classpathCacheFile(defaultDataDir, DEFAULT_CASSANDRA_VERSION);
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(shared)) copyFileSync(shared, classpathCacheFile(dataDir, DEFAULT_CASSANDRA_VERSION));
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'tools/cassandra-local/cli.ts'), ...args],
      { cwd: repoRoot, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function withClient<T>(fn: (client: cassandra.Client) => Promise<T>): Promise<T> {
  const client = new cassandra.Client({
    contactPoints: [contactPoint],
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
    socketOptions: { readTimeout: 30_000 },
  });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.shutdown();
  }
}

let cluster: RunningCluster;

beforeAll(() => seedClasspathCache(options.dataDir!));

afterAll(async () => {
  await stopCluster({ ...options, log: () => undefined });
  rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('local Cassandra launcher (dedicated node on 127.0.0.20)', () => {
  it('starts a node and reports it ready only once a CQL login answers', SLOW, async () => {
    cluster = await startCluster(options);
    expect(cluster.alreadyRunning).toBe(false);
    expect(cluster.contactPoints).toEqual([contactPoint]);
    expect(isProcessAlive(cluster.nodes[0]!.pid)).toBe(true);
    const log = logLines.join('\n');
    expect(log).toMatch(
      /Cassandra starting \(data: .*node1, log: .*system\.log, heap: 512 MiB, set with --heap-mb\)/,
    );
    expect(log).toMatch(/Cassandra ready after [\d.]+ s at 127\.0\.0\.20:9042/);
    const status = await clusterStatus(options);
    expect(status.allUp).toBe(true);
    expect(status.nodes[0]).toMatchObject({ state: 'up', pid: cluster.nodes[0]!.pid });
  });

  it('answers a CQL round trip with cassandra-driver', SLOW, async () => {
    await withClient(async (client) => {
      await client.execute(
        "CREATE KEYSPACE launcher_it WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
      );
      await client.execute('CREATE TABLE launcher_it.kv (k text PRIMARY KEY, v int)');
      await client.execute('INSERT INTO launcher_it.kv (k, v) VALUES (?, ?)', ['answer', 42], {
        prepare: true,
      });
      const rs = await client.execute('SELECT v FROM launcher_it.kv WHERE k = ?', ['answer'], {
        prepare: true,
      });
      expect(rs.first()?.get('v')).toBe(42);
    });
  });

  it(
    'detects a second start: an error from code, the running cluster when reuse is asked for',
    SLOW,
    async () => {
      await expect(startCluster(options)).rejects.toBeInstanceOf(CassandraAlreadyRunningError);
      await expect(startCluster(options)).rejects.toThrow(contactPoint);
      const again = await startCluster({ ...options, reuseRunning: true });
      expect(again.alreadyRunning).toBe(true);
      expect(again.nodes[0]!.pid).toBe(cluster.nodes[0]!.pid);
    },
  );

  it('the CLI says "already running" (exit 0) and status shows the node up (exit 0)', SLOW, async () => {
    const args = ['--data-dir', options.dataDir!, '--base-address', '127.0.0.20'];
    const start = await cli(['start', ...args]);
    expect(start.code).toBe(0);
    expect(start.stdout).toContain(`already running at ${contactPoint} (pid ${cluster.nodes[0]!.pid})`);
    const status = await cli(['status', ...args]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(`node1 +127\\.0\\.0\\.20:9042 +pid ${cluster.nodes[0]!.pid} +up`),
    );
  });

  it('refuses to start another cluster on an address whose ports are taken', SLOW, async () => {
    const other = { ...options, dataDir: join(root, 'other'), log: () => undefined };
    seedClasspathCache(other.dataDir);
    await expect(startCluster(other)).rejects.toBeInstanceOf(PortInUseError);
    await expect(startCluster(other)).rejects.toThrow(
      `${contactPoint} (CQL native transport) is already in use`,
    );
  });

  it('stops without leaving a process behind, and a restart keeps the data', SLOW, async () => {
    const { pid } = cluster.nodes[0]!;
    await cluster.stop();
    expect(isProcessAlive(pid)).toBe(false);
    expect(await portAnswers('127.0.0.20', 9042)).toBe(false);
    expect(existsSync(join(options.dataDir!, 'node1', 'cassandra.pid'))).toBe(false);
    expect((await clusterStatus(options)).allUp).toBe(false);
    const status = await cli(['status', '--data-dir', options.dataDir!]);
    expect(status.code).toBe(3);
    expect(status.stdout).toContain('stopped');

    cluster = await startCluster(options);
    expect(cluster.nodes[0]!.pid).not.toBe(pid);
    await withClient(async (client) => {
      const rs = await client.execute('SELECT v FROM launcher_it.kv WHERE k = ?', ['answer'], {
        prepare: true,
      });
      expect(rs.first()?.get('v')).toBe(42);
    });

    const stopped = await stopCluster(options);
    expect(stopped).toEqual([expect.objectContaining({ index: 1, outcome: 'terminated' })]);
    expect(isProcessAlive(cluster.nodes[0]!.pid)).toBe(false);
    expect(await portAnswers('127.0.0.20', 9042)).toBe(false);
  });

  it(
    'reports Cassandra exiting during start-up with its cause from the log, the error lines and the log path',
    SLOW,
    async () => {
      const broken: ClusterOptions = {
        dataDir: join(root, 'broken'),
        baseAddress: '127.0.0.21',
        heapMb: 256,
        yamlOverrides: { num_tokens: 'not-a-number' },
        log: () => undefined,
      };
      seedClasspathCache(broken.dataDir!);
      const error = await startCluster(broken).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(CassandraExitedError);
      const exited = error as CassandraExitedError;
      const logPath = join(broken.dataDir!, 'node1', 'logs', 'system.log');
      expect(exited.logPath).toBe(logPath);
      expect(exited.message.split('\n')[0]).toMatch(
        /^Cassandra node 1 \(pid \d+\) died \(exit code \d+\): stopped on an error during start-up: Exception encountered during startup \(ConfigurationException: Invalid yaml: /,
      );
      expect(exited.message).toContain(`Full log: ${logPath}`);
      expect(exited.message).toContain('Invalid yaml');
      expect(exited.message).toContain('not-a-number');
      expect(exited.logTail.split('\n').length).toBeGreaterThan(5);
      expect(existsSync(join(broken.dataDir!, 'node1', 'cassandra.pid'))).toBe(false);
    },
  );

  it('stops a node that does not answer within the ready timeout, and says why', SLOW, async () => {
    const slow: ClusterOptions = {
      dataDir: join(root, 'slow'),
      baseAddress: '127.0.0.22',
      heapMb: 256,
      readyTimeoutMs: 2_000,
      log: () => undefined,
    };
    seedClasspathCache(slow.dataDir!);
    const error = await startCluster(slow).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(CassandraStartTimeoutError);
    expect((error as Error).message).toMatch(/did not answer CQL within 2 s .*it was stopped\. Full log: /s);
    const status = await clusterStatus(slow);
    expect(status.nodes[0]).toMatchObject({ state: 'stopped', pid: undefined });
    const meta = JSON.parse(readFileSync(join(slow.dataDir!, 'node1', 'node.json'), 'utf8')) as {
      pid: number;
    };
    expect(isProcessAlive(meta.pid)).toBe(false);
    expect(await portAnswers('127.0.0.22', 9042)).toBe(false);
  });
});
