// A dead node's report as users read it, from the files of a node folder: the one line of the test
// run, the launcher's lines, the heap to restart with, and `reset` when the node cannot start.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  deathLine,
  deathReport,
  diagnoseNodeDeath,
  resetCommand,
} from '../../../tools/cassandra-local/node-death.js';
import { watchNodes } from '../../../tools/cassandra-local/node-watch.js';
import { defaultDataDir } from '../../../tools/cassandra-local/options.js';

const root = mkdtempSync(join(tmpdir(), 'cassandra-death-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const GiB = 1024 ** 3;
const heapOom = 'Terminating due to java.lang.OutOfMemoryError: Java heap space';

function nodeFolder(name: string, files: Record<string, string[]>, meta?: object): string {
  const dir = join(root, name, 'node1');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  for (const [file, lines] of Object.entries(files))
    writeFileSync(join(dir, 'logs', file), `${lines.join('\n')}\n`);
  if (meta) writeFileSync(join(dir, 'node.json'), JSON.stringify(meta));
  return dir;
}

const start = [
  'INFO  [main] 2026-12-02 09:48:53,747 YamlConfigurationLoader.java:103 - Configuration location: file:/x.yaml',
  'INFO  [main] 2026-12-02 09:48:54,715 CassandraDaemon.java:619 - JVM Arguments: [-Xms1024M, -Xmx1024M]',
];
const replaying = 'INFO  [main] 2026-12-02 09:48:55,000 CommitLog.java:195 - Replaying /x/CommitLog-7-1.log';

describe('diagnoseNodeDeath on a node folder', () => {
  it('out of heap during the commit-log replay: the heap to restart with, and reset as the way out', () => {
    const dir = nodeFolder('replay', { 'system.log': [...start, replaying], 'stdout.log': [heapOom] });
    const death = diagnoseNodeDeath({ index: 1, dir }, { pid: 4242, totalMemoryBytes: 24 * GiB });
    const dataDir = join(root, 'replay');
    expect(deathLine(death, 'during the test run')).toBe(
      `Cassandra node 1 (pid 4242) died during the test run: ran out of heap (1024 MiB) while replaying its commit log — ` +
        'restart with --heap-mb 4096 (or CASSANDRA_HEAP_MB=4096); ' +
        `if it dies again while replaying its commit log, \`npm run cassandra -- reset --data-dir ${dataDir}\` ` +
        `deletes this folder's Cassandra data for a fresh node; see ${join(dir, 'logs', 'system.log')}`,
    );
    expect(deathReport(death)).toEqual([
      'Cassandra node 1 (pid 4242) died: ran out of heap (1024 MiB) while replaying its commit log.',
      '  → restart with --heap-mb 4096 (or CASSANDRA_HEAP_MB=4096)',
      `  → if it dies again while replaying its commit log, \`npm run cassandra -- reset --data-dir ${dataDir}\` deletes this folder's Cassandra data for a fresh node`,
      '  From its logs:',
      `    ${heapOom}`,
      `  Full log: ${join(dir, 'logs', 'system.log')}`,
    ]);
  });

  it('the heap of node.json; the earlier stdout logs make a repeat; reset is named for it', () => {
    const running = [
      ...start,
      'INFO  [main] 2026-12-02 09:49:00,000 CassandraDaemon.java:744 - Startup complete',
    ];
    const dir = nodeFolder(
      'repeat',
      { 'system.log': running, 'stdout.log': [heapOom], 'stdout.log.1': [heapOom], 'stdout.log.2': ['fine'] },
      { heapMb: 2048 },
    );
    const death = diagnoseNodeDeath({ index: 1, dir }, { totalMemoryBytes: 24 * GiB });
    expect(death.cause).toMatchObject({ heapMb: 2048, repeats: 2, phase: 'running' });
    expect(death.advice).toEqual([
      'restart with --heap-mb 4096 (or CASSANDRA_HEAP_MB=4096)',
      `it died this way 2 starts in a row; if it goes on, \`npm run cassandra -- reset --data-dir ${join(root, 'repeat')}\` deletes this folder's Cassandra data for a fresh node`,
    ]);
  });

  it('a silent kill: no advice, just what happened and where the log is', () => {
    const dir = nodeFolder('killed', { 'system.log': start });
    const death = diagnoseNodeDeath({ index: 2, dir }, { pid: 7 });
    expect(death.advice).toEqual([]);
    expect(deathLine(death)).toMatch(
      /^Cassandra node 2 \(pid 7\) died: was killed during start-up without a word in its logs .*; see .*system\.log$/,
    );
  });

  it('a heap that already takes half the memory gets no larger-heap advice', () => {
    const dir = nodeFolder('big', { 'system.log': start, 'stdout.log': [heapOom] }, { heapMb: 8192 });
    const death = diagnoseNodeDeath({ index: 1, dir }, { totalMemoryBytes: 16 * GiB });
    expect(death.advice).toEqual([
      '8192 MiB is as much heap as this machine can give: give it less data or load',
    ]);
  });

  it('the reset command names --data-dir only for a folder other than the default', () => {
    expect(resetCommand(defaultDataDir)).toBe('npm run cassandra -- reset');
    expect(resetCommand('/tmp/x')).toBe('npm run cassandra -- reset --data-dir /tmp/x');
  });
});

describe('watchNodes', () => {
  it('reports a process that dies, once, with its cause, and keeps quiet about the living', async () => {
    const dir = nodeFolder('watched', { 'system.log': start, 'stdout.log': [heapOom] });
    const doomed = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const living = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const lines: string[] = [];
    const watch = watchNodes(
      [
        { index: 1, pid: doomed.pid!, dir, heapMb: 512 },
        { index: 2, pid: living.pid!, dir },
      ],
      (death) => lines.push(deathLine(death)),
      { intervalMs: 50 },
    );
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(lines).toEqual([]);
      doomed.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^Cassandra node 1 \\(pid ${doomed.pid}\\) died: ran out of heap \\(512 MiB\\) during start-up`,
        ),
      );
    } finally {
      watch.stop();
      living.kill('SIGKILL');
    }
  });
});
