// `npm run cassandra -- reset` on real folders: it deletes each node's Cassandra data and says so,
// keeps logs, config and the jar list, never follows a link out of the folder, and refuses while a
// node of the folder runs (found by pid file or by its command line) or a launcher is starting one.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASSANDRA_MAIN_CLASS } from '../../../tools/cassandra-local/jvm-options.js';
import { nodeLayout, resolveOptions } from '../../../tools/cassandra-local/options.js';
import { writePidFile } from '../../../tools/cassandra-local/pid-file.js';
import { ResetRefusedError, resetData } from '../../../tools/cassandra-local/reset-data.js';
import { startLockPath } from '../../../tools/cassandra-local/start-lock.js';

const root = mkdtempSync(join(tmpdir(), 'cassandra-reset-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A data folder as the launcher leaves it: node folders with data, commit log, logs, config. */
function dataFolder(name: string, nodes = 1): string {
  const dataDir = join(root, name);
  for (let i = 1; i <= nodes; i++) {
    const node = join(dataDir, `node${i}`);
    for (const sub of ['data/system', 'commitlog', 'hints', 'saved_caches', 'cdc_raw', 'logs', 'conf']) {
      mkdirSync(join(node, sub), { recursive: true });
    }
    writeFileSync(join(node, 'data', 'system', 'nb-1-big-Data.db'), Buffer.alloc(3 * 1024));
    writeFileSync(join(node, 'commitlog', 'CommitLog-7-1.log'), Buffer.alloc(2048));
    writeFileSync(join(node, 'logs', 'system.log'), 'how it died\n');
    writeFileSync(join(node, 'conf', 'cassandra.yaml'), 'cluster_name: "x"\n');
    writeFileSync(join(node, 'node.json'), '{}\n');
  }
  writeFileSync(join(dataDir, 'classpath-cassandra-all-5.0.9.txt'), 'jars\n');
  return dataDir;
}

function lookAlike(args: string[]): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', CASSANDRA_MAIN_CLASS, ...args], {
    stdio: 'ignore',
  });
}

async function refusal(dataDir: string): Promise<Error> {
  return resetData({ dataDir, log: () => undefined }).then(
    () => {
      throw new Error('reset did not refuse');
    },
    (err: Error) => err,
  );
}

describe('resetData', () => {
  it("deletes every node's data, prints each path with its size, keeps logs, config and the jar list", async () => {
    const dataDir = dataFolder('two-nodes', 2);
    const lines: string[] = [];
    const result = await resetData({ dataDir, log: (l) => lines.push(l) });
    const entries = ['data', 'commitlog', 'hints', 'saved_caches', 'cdc_raw'];
    expect(result.deleted.map((d) => d.path)).toEqual(
      [1, 2].flatMap((i) => entries.map((e) => join(dataDir, `node${i}`, e))),
    );
    expect(lines[0]).toBe(`Resetting ${dataDir} (no node of it is running):`);
    expect(lines).toContain(`  deleted ${join(dataDir, 'node1', 'data')} (3.0 KiB)`);
    expect(lines).toContain(`  deleted ${join(dataDir, 'node2', 'commitlog')} (2.0 KiB)`);
    expect(lines).toHaveLength(11);
    for (const i of [1, 2]) {
      expect(readdirSync(join(dataDir, `node${i}`)).sort()).toEqual(['conf', 'logs', 'node.json']);
    }
    expect(existsSync(join(dataDir, 'classpath-cassandra-all-5.0.9.txt'))).toBe(true);
  });

  it('follows no link: a data folder that links elsewhere loses the link, never what it points to', async () => {
    const dataDir = dataFolder('linked');
    const outside = join(root, 'precious');
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep.txt'), 'mine');
    rmSync(join(dataDir, 'node1', 'data'), { recursive: true });
    symlinkSync(outside, join(dataDir, 'node1', 'data'));
    const elsewhere = join(root, 'elsewhere-node');
    mkdirSync(join(elsewhere, 'data'), { recursive: true });
    symlinkSync(elsewhere, join(dataDir, 'node2'));
    await resetData({ dataDir, log: () => undefined });
    expect(existsSync(join(outside, 'keep.txt'))).toBe(true);
    expect(existsSync(join(elsewhere, 'data'))).toBe(true);
    expect(existsSync(join(dataDir, 'node1', 'data'))).toBe(false);
  });

  it('a missing or empty folder: nothing to delete', async () => {
    expect((await resetData({ dataDir: join(root, 'absent'), log: () => undefined })).deleted).toEqual([]);
  });

  it('refuses while a node of the folder runs (its pid file), and deletes nothing', async () => {
    const dataDir = dataFolder('running');
    const node = nodeLayout(resolveOptions({ dataDir }), 1);
    const fake = lookAlike([`-Dcassandra.config=file://${node.yamlPath}`]);
    try {
      writePidFile(node, fake.pid!);
      const error = await refusal(dataDir);
      expect(error).toBeInstanceOf(ResetRefusedError);
      expect(error.message).toBe(
        `Cassandra node 1 of ${dataDir} is running (pid ${fake.pid}): reset refused, it never deletes the data ` +
          `of a running node. Stop it first: npm run cassandra -- stop --data-dir ${dataDir}`,
      );
      expect(existsSync(join(dataDir, 'node1', 'commitlog', 'CommitLog-7-1.log'))).toBe(true);
    } finally {
      fake.kill('SIGKILL');
    }
  });

  it('refuses while a node of the folder runs without a pid file (found by its command line)', async () => {
    const dataDir = dataFolder('no-pid-file');
    const fake = lookAlike([`-Dcassandra.storagedir=${join(dataDir, 'node1')}`]);
    try {
      await new Promise((r) => setTimeout(r, 100)); // its /proc entry is written at exec
      expect((await refusal(dataDir)).message).toContain(`is running (pid ${fake.pid})`);
    } finally {
      fake.kill('SIGKILL');
    }
  });

  it('refuses while a launcher holds the start lock', async () => {
    const dataDir = dataFolder('starting');
    const launcher = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(startLockPath(dataDir), `${launcher.pid}\n`);
      expect((await refusal(dataDir)).message).toBe(
        `A launcher (pid ${launcher.pid}) is starting Cassandra in ${dataDir}: reset refused. Stop it first.`,
      );
      expect(existsSync(join(dataDir, 'node1', 'data'))).toBe(true);
    } finally {
      launcher.kill('SIGKILL');
    }
  });
});
