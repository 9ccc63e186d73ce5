// The /proc readers the benchmark measures each service with, run against this test process (real
// /proc, Linux): figures agree with what Node reports about itself, and a process that is gone is
// an error naming its pid rather than a figure of 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cpuSeconds,
  machineBusySeconds,
  peakRssMiB,
  rssMiB,
  runQueueWaitSeconds,
  syscallCounts,
  threadCpuSeconds,
} from '../../../bench/lib/process-cpu.js';

/** Keeps this process's main thread busy until it has used `seconds` of CPU (bounded to 5 s wall). */
function burnCpu(seconds: number): void {
  const start = process.cpuUsage();
  const deadline = Date.now() + 5_000;
  let x = 0;
  for (;;) {
    for (let i = 0; i < 100_000; i++) x = (x * 31 + i) % 1_000_003;
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1e6 >= seconds || Date.now() > deadline) break;
  }
  expect(x).toBeGreaterThanOrEqual(0);
}

const pid = process.pid;

describe('process-cpu on this process', () => {
  it('cpuSeconds grows by the CPU the process burnt (user + system, 100 ticks per second)', () => {
    const before = cpuSeconds(pid);
    const usageBefore = process.cpuUsage();
    burnCpu(0.3);
    const usage = process.cpuUsage(usageBefore);
    const grown = cpuSeconds(pid) - before;
    expect(grown).toBeGreaterThan(0.2);
    // Both count the whole process; /proc has 10 ms ticks at each end.
    expect(Math.abs(grown - (usage.user + usage.system) / 1e6)).toBeLessThan(0.05);
  });

  it('runQueueWaitSeconds grows when more threads want the CPUs than there are', async () => {
    // One more busy process than this machine has CPUs, for 0.8 s: someone always waits.
    const burners = Array.from({ length: availableParallelism() + 1 }, () =>
      spawn(process.execPath, ['-e', 'const end = Date.now() + 800; while (Date.now() < end);']),
    );
    const exited = burners.map((b) => new Promise((resolve) => b.once('exit', resolve)));
    await new Promise((resolve) => setTimeout(resolve, 600));
    const waited = burners.map((b) => runQueueWaitSeconds(b.pid!));
    await Promise.all(exited);
    expect(waited.every((s) => s >= 0)).toBe(true);
    // Their start-up waits too; of ~0.5 s of burning each, together they waited ≥ 0.1 s.
    expect(waited.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.1);
  });

  it('machineBusySeconds grows at least by what this process burnt', () => {
    const before = machineBusySeconds();
    burnCpu(0.2);
    expect(machineBusySeconds() - before).toBeGreaterThan(0.15);
  });

  it('peakRssMiB ≥ rssMiB > 0, in MiB as process.memoryUsage() reports them', () => {
    const nodeBefore = process.memoryUsage().rss / 2 ** 20;
    const rss = rssMiB(pid);
    const nodeAfter = process.memoryUsage().rss / 2 ** 20;
    const peak = peakRssMiB(pid);
    expect(rss).toBeGreaterThan(0);
    expect(peak).toBeGreaterThanOrEqual(rss);
    // KiB from /proc divided into MiB: KiB / 1000 or MB would be 2.4 % or 4.9 % off. Within 1 %:
    // other threads of this process (GC, the worker pool) allocate between the readings, and the
    // kernel's per-thread RSS counters reach /proc/<pid>/status and /proc/self/stat at different times.
    const slack = 0.01 * Math.max(nodeBefore, nodeAfter);
    expect(rss).toBeGreaterThanOrEqual(Math.min(nodeBefore, nodeAfter) - slack);
    expect(rss).toBeLessThanOrEqual(Math.max(nodeBefore, nodeAfter) + slack);
  });

  it('threadCpuSeconds names the main thread and counts the CPU it burnt', () => {
    const before = threadCpuSeconds(pid);
    const mainKeys = Object.keys(before).filter((k) => k.startsWith('main ('));
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    expect(mainKeys).toEqual([`main (${comm})`]);
    burnCpu(0.2);
    const after = threadCpuSeconds(pid);
    expect(after[mainKeys[0]!]! - before[mainKeys[0]!]!).toBeGreaterThan(0.15);
    // Live threads only: at most the process's total (exited threads count there too).
    const sum = Object.values(after).reduce((a, b) => a + b, 0);
    expect(sum).toBeLessThanOrEqual(cpuSeconds(pid) + 0.05);
    for (const seconds of Object.values(after)) expect(seconds).toBeGreaterThanOrEqual(0);
  });

  it('syscallCounts are non-negative and count the write calls the process makes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-syscalls-'));
    try {
      const before = syscallCounts(pid);
      expect(before.reads).toBeGreaterThanOrEqual(0);
      expect(before.writes).toBeGreaterThanOrEqual(0);
      const fd = openSync(join(dir, 'f'), 'w');
      for (let i = 0; i < 50; i++) writeSync(fd, 'x');
      closeSync(fd);
      const after = syscallCounts(pid);
      expect(after.writes - before.writes).toBeGreaterThanOrEqual(50);
      expect(after.reads).toBeGreaterThanOrEqual(before.reads);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('process-cpu on a process that is not there', () => {
  // PIDs are below pid_max: no process can have this one.
  const gone = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));

  it.each([
    ['cpuSeconds', () => cpuSeconds(gone), 'stat'],
    ['peakRssMiB', () => peakRssMiB(gone), 'status'],
    ['rssMiB', () => rssMiB(gone), 'status'],
    ['threadCpuSeconds', () => threadCpuSeconds(gone), 'task'],
    ['syscallCounts', () => syscallCounts(gone), 'io'],
    ['runQueueWaitSeconds', () => runQueueWaitSeconds(gone), 'task'],
  ] as const)('%s throws an error naming the pid', (_name, read, file) => {
    expect(read).toThrow(
      `no process ${gone}: /proc/${gone}/${file} does not exist (the process has exited?)`,
    );
  });

  let parent: ChildProcess | undefined;
  afterEach(() => {
    parent?.kill('SIGKILL');
    parent = undefined;
  });

  it('a zombie (exited, not reaped) has no memory figures: an error, not 0 MiB', async () => {
    // `sleep 0` exits at once; its parent becomes `sleep 30`, which never reaps it.
    parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const zombie = await new Promise<number>((resolve, reject) => {
      parent!.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      parent!.once('error', reject);
    });
    const deadline = Date.now() + 5_000;
    while (!/^State:\s+Z/m.test(readFileSync(`/proc/${zombie}/status`, 'utf8'))) {
      if (Date.now() > deadline) throw new Error(`process ${zombie} did not become a zombie`);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(() => peakRssMiB(zombie)).toThrow(`no VmHWM in /proc/${zombie}/status (the process has exited?)`);
    expect(() => rssMiB(zombie)).toThrow(`no VmRSS in /proc/${zombie}/status`);
    // Its CPU time is still known.
    expect(cpuSeconds(zombie)).toBeGreaterThanOrEqual(0);
  });
});
