// The peer comparison's rounds (bench/lib/peer-comparison.ts, --peer-freeze): the side not being
// measured is frozen for each of the other's runs and continued right after — also when the run
// fails — and its cores during the run reach the table. Injected freezer and load, no JVM; the
// real signals are tried on a `sleep` child.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type PeerOptions,
  type PeerRun,
  type PeerTarget,
  peerMedians,
  peerRounds,
  peerTable,
} from '../../../bench/lib/peer-comparison.js';
import { type Freezer, frozenPids, resumeAllFrozen, signalFreezer } from '../../../bench/lib/peer-freeze.js';

function sides(events: string[]): [PeerTarget, PeerTarget] {
  const side = (name: 'stargate' | 'ours', pids: number[], freezePids: number[]): PeerTarget => ({
    side: name,
    baseUrl: `http://${name}`,
    token: 't',
    pids,
    freezePids,
    ready: async () => {
      events.push(`ready ${name}`);
      return true;
    },
  });
  // Our Cassandra (30) counts for our CPU but is not ours to freeze (a shared node).
  return [side('stargate', [10, 11], [10, 11]), side('ours', [20, 21, 30], [20, 21])];
}

function recordingFreezer(events: string[]): Freezer {
  return {
    freeze: (pids) => events.push(`freeze ${pids.join(',')}`),
    resume: (pids) => events.push(`resume ${pids.join(',')}`),
  };
}

const run = (throughput: number, idleSideCores: number): PeerRun => ({
  r: { requests: throughput * 10, errors: 0, throughput, p50Ms: 1, p99Ms: 2 } as PeerRun['r'],
  cpuUsPerRequest: 300,
  sideCores: 1,
  machineCores: 1.8,
  idleSideCores,
});

const options = (freezer?: Freezer): PeerOptions => ({
  concurrency: [1, 32],
  durationMs: 10,
  warmupMs: 0,
  rounds: 2,
  maxRequests: 100,
  log: () => undefined,
  freezer,
  settleMs: 0,
});

describe('peer rounds with --peer-freeze', () => {
  it('freezes the other side around each measured run, continues it, and checks it answers before the next', async () => {
    const events: string[] = [];
    const rows = await peerRounds(sides(events), options(recordingFreezer(events)), async (side, idle, c) => {
      events.push(`measure ${side.side} c=${c} (idle ${idle.side})`);
      return run(1000, 0.01);
    });
    const oneLevel = (c: number) => [
      'freeze 20,21',
      `measure stargate c=${c} (idle ours)`,
      'resume 20,21',
      'ready ours',
      'freeze 10,11',
      `measure ours c=${c} (idle stargate)`,
      'resume 10,11',
      'ready stargate',
    ];
    expect(events).toEqual([...oneLevel(1), ...oneLevel(32), ...oneLevel(1), ...oneLevel(32)]);
    expect(rows.map((r) => [r.round, r.side, r.concurrency, r.idleSideCores])).toEqual([
      [1, 'stargate', 1, 0.01],
      [1, 'ours', 1, 0.01],
      [1, 'stargate', 32, 0.01],
      [1, 'ours', 32, 0.01],
      [2, 'stargate', 1, 0.01],
      [2, 'ours', 1, 0.01],
      [2, 'stargate', 32, 0.01],
      [2, 'ours', 32, 0.01],
    ]);
  });

  it('continues the frozen side when the measured run fails, and stops there', async () => {
    const events: string[] = [];
    const failing = peerRounds(sides(events), options(recordingFreezer(events)), async (side) => {
      events.push(`measure ${side.side}`);
      throw new Error('connection refused');
    });
    await expect(failing).rejects.toThrow('connection refused');
    expect(events).toEqual(['freeze 20,21', 'measure stargate', 'resume 20,21']);
  });

  it('continues what it did stop when freezing fails partway', async () => {
    const events: string[] = [];
    const freezer: Freezer = {
      freeze: (pids) => {
        events.push(`freeze ${pids.join(',')}`);
        throw new Error('EPERM');
      },
      resume: (pids) => events.push(`resume ${pids.join(',')}`),
    };
    await expect(peerRounds(sides(events), options(freezer), async () => run(1, 0))).rejects.toThrow('EPERM');
    expect(events).toEqual(['freeze 20,21', 'resume 20,21']);
  });

  it('with --no-peer-freeze both sides run, and the idle side’s cores are what shows it', async () => {
    const events: string[] = [];
    const rows = await peerRounds(
      sides(events),
      { ...options(), rounds: 1, concurrency: [32] },
      async (side) => (side.side === 'ours' ? run(2100, 0.35) : run(3000, 0.05)),
    );
    expect(events).toEqual([]);
    const medians = peerMedians(rows);
    expect(medians.map((m) => [m.side, m.idleSideCores])).toEqual([
      ['stargate', 0.05],
      ['ours', 0.35],
    ]);
    const table = peerTable(medians, [900, 400]);
    expect(table).toContain("| idle side's cores during the run |");
    expect(table).toContain('| ours | 32 | 2100 | 1.00 | 2.00 | 300 | 1.00 | 1.80 | 0.35 | 0 |');
  });
});

describe('signalFreezer', () => {
  const state = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  };

  it('stops a process (state T) and continues it; resumeAllFrozen continues whatever is still stopped', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = child.pid!;
      signalFreezer.freeze([pid]);
      await new Promise((r) => setTimeout(r, 50));
      expect(state(pid)).toBe('T');
      expect(frozenPids()).toEqual([pid]);
      signalFreezer.resume([pid]);
      await new Promise((r) => setTimeout(r, 50));
      expect(state(pid)).toBe('S');
      expect(frozenPids()).toEqual([]);

      signalFreezer.freeze([pid]);
      resumeAllFrozen();
      await new Promise((r) => setTimeout(r, 50));
      expect(state(pid)).toBe('S');
      expect(frozenPids()).toEqual([]);
    } finally {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  });

  it('continuing a process that has exited meanwhile is not an error', async () => {
    const child = spawn('true', [], { stdio: 'ignore' });
    await new Promise((r) => child.once('exit', r));
    expect(() => signalFreezer.resume([child.pid!])).not.toThrow();
  });
});
