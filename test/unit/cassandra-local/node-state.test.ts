import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASSANDRA_MAIN_CLASS } from '../../../tools/cassandra-local/jvm-options.js';
import { reclaimNode } from '../../../tools/cassandra-local/node-state.js';
import { nodeLayout, resolveOptions } from '../../../tools/cassandra-local/options.js';
import { isNodeProcess, isProcessAlive, writePidFile } from '../../../tools/cassandra-local/pid-file.js';
import { acquireStartLock, startLockPath } from '../../../tools/cassandra-local/start-lock.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cassandra-state-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const credentials = { username: 'cassandra', password: 'cassandra' };
const neverAnswers = async () => ({ ok: false as const, error: 'connect ECONNREFUSED' });

function node(index: number) {
  const layout = nodeLayout(resolveOptions({ dataDir, baseAddress: '127.0.0.33', nodes: 3 }), index);
  mkdirSync(layout.dir, { recursive: true });
  return layout;
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

describe('running nodes whose peers are down', () => {
  it('a live node that answers CQL but cannot log in without its peers is running, never stopped', async () => {
    const layout = node(2);
    // Looks like this node's Cassandra to the launcher (main class and config path on its command line).
    const live = spawn(
      process.execPath,
      [
        '-e',
        'setInterval(() => {}, 1000)',
        CASSANDRA_MAIN_CLASS,
        `-Dcassandra.config=file://${layout.yamlPath}`,
      ],
      { stdio: 'ignore' },
    );
    try {
      writePidFile(layout, live.pid!);
      expect(isNodeProcess(live.pid!, layout)).toBe(true);
      const result = await reclaimNode(layout, {
        log: () => undefined,
        credentials,
        readyTimeoutMs: 1_000,
        probe: async () => ({ ok: false as const, error: 'Cannot achieve consistency level QUORUM' }),
      });
      expect(result).toMatchObject({ state: 'running', pid: live.pid });
      expect(isProcessAlive(live.pid!)).toBe(true);
    } finally {
      live.kill('SIGKILL');
    }
  });
});

describe('stale pid files', () => {
  it('a pid file whose process is gone is removed, with a log line', async () => {
    const layout = node(1);
    const pid = deadPid();
    writePidFile(layout, pid);
    const lines: string[] = [];
    const result = await reclaimNode(layout, {
      log: (l) => lines.push(l),
      credentials,
      readyTimeoutMs: 1_000,
      probe: neverAnswers,
    });
    expect(result).toEqual({ state: 'free' });
    expect(existsSync(layout.pidPath)).toBe(false);
    expect(lines.join('\n')).toMatch(new RegExp(`removed stale pid file .*process ${pid} is gone`));
  });

  it('a pid reused by an unrelated process is not Cassandra: the file goes, the process is left alone', async () => {
    const layout = node(2);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writePidFile(layout, other.pid!);
      expect(isNodeProcess(other.pid!, layout)).toBe(false);
      const lines: string[] = [];
      const result = await reclaimNode(layout, {
        log: (l) => lines.push(l),
        credentials,
        readyTimeoutMs: 1_000,
        probe: neverAnswers,
      });
      expect(result).toEqual({ state: 'free' });
      expect(existsSync(layout.pidPath)).toBe(false);
      expect(isProcessAlive(other.pid!)).toBe(true);
      expect(lines.join('\n')).toContain('now belongs to another program');
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('half-started nodes', () => {
  it('a node process that never answered CQL within the ready timeout is stopped and forgotten', async () => {
    const layout = node(3);
    // Looks like this node's Cassandra to the launcher (main class and config path on its command line).
    const fake = spawn(
      process.execPath,
      [
        '-e',
        'setInterval(() => {}, 1000)',
        CASSANDRA_MAIN_CLASS,
        `-Dcassandra.config=file://${layout.yamlPath}`,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => fake.once('exit', resolve));
    try {
      writePidFile(layout, fake.pid!);
      const longAgo = new Date(Date.now() - 600_000);
      utimesSync(layout.pidPath, longAgo, longAgo);
      expect(isNodeProcess(fake.pid!, layout)).toBe(true);
      const lines: string[] = [];
      const result = await reclaimNode(layout, {
        log: (l) => lines.push(l),
        credentials,
        readyTimeoutMs: 60_000,
        minWaitMs: 1_500,
        probe: neverAnswers,
      });
      expect(result).toEqual({ state: 'free' });
      await exited;
      expect(isProcessAlive(fake.pid!)).toBe(false);
      expect(existsSync(layout.pidPath)).toBe(false);
      expect(lines.join('\n')).toMatch(/half-started .*stopping it/);
    } finally {
      fake.kill('SIGKILL');
    }
  });

  it('a node that answers CQL but refuses the password is up: it is never killed', async () => {
    const layout = node(3);
    const fake = spawn(
      process.execPath,
      [
        '-e',
        'setInterval(() => {}, 1000)',
        CASSANDRA_MAIN_CLASS,
        `-Dcassandra.config=file://${layout.yamlPath}`,
      ],
      { stdio: 'ignore' },
    );
    try {
      writePidFile(layout, fake.pid!);
      const longAgo = new Date(Date.now() - 600_000);
      utimesSync(layout.pidPath, longAgo, longAgo);
      const lines: string[] = [];
      const result = await reclaimNode(layout, {
        log: (l) => lines.push(l),
        credentials,
        readyTimeoutMs: 1_000,
        minWaitMs: 500,
        probe: async () => ({
          ok: false,
          error: 'Provided username cassandra and/or password are incorrect',
          loginRejected: true,
        }),
      });
      expect(result).toMatchObject({ state: 'running', pid: fake.pid });
      expect(isProcessAlive(fake.pid!)).toBe(true);
      expect(lines.join('\n')).toContain('rejects the login of cassandra');
    } finally {
      fake.kill('SIGKILL');
    }
  });

  it('a node that answers CQL is reported running and left alone', async () => {
    const layout = node(3);
    const fake = spawn(
      process.execPath,
      [
        '-e',
        'setInterval(() => {}, 1000)',
        CASSANDRA_MAIN_CLASS,
        `-Dcassandra.config=file://${layout.yamlPath}`,
      ],
      { stdio: 'ignore' },
    );
    try {
      writePidFile(layout, fake.pid!);
      const result = await reclaimNode(layout, {
        log: () => undefined,
        credentials,
        readyTimeoutMs: 60_000,
        probe: async () => ({ ok: true, releaseVersion: '5.0.9' }),
      });
      expect(result).toEqual({ state: 'running', pid: fake.pid, releaseVersion: '5.0.9' });
      expect(isProcessAlive(fake.pid!)).toBe(true);
    } finally {
      fake.kill('SIGKILL');
    }
  });
});

describe('start lock', () => {
  it('a lock left by a launcher that died is removed', async () => {
    const dir = join(dataDir, 'lock');
    mkdirSync(dir);
    writeFileSync(startLockPath(dir), `${deadPid()}\n`);
    const lines: string[] = [];
    const lock = await acquireStartLock(dir, { log: (l) => lines.push(l), timeoutMs: 5_000 });
    expect(lines.join('\n')).toContain('Removed a stale start lock');
    lock.release();
    expect(existsSync(startLockPath(dir))).toBe(false);
  });
});
