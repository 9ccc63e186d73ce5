// One Cassandra JVM as an operating-system process: started detached (it outlives the CLI that
// started it), its output in the node's stdout.log, its pid in the node's pid file; stopped with
// SIGTERM, then SIGKILL if it takes too long.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, renameSync } from 'node:fs';
import type { NodeLayout } from './options.js';
import { isProcessAlive, removePidFile, writePidFile } from './pid-file.js';
import { waitForNodePortsFree } from './port-check.js';
import { sleep } from './readiness.js';

export interface StartedProcess {
  child: ChildProcess;
  pid: number;
  /** Set once the process has exited. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  exited: Promise<void>;
}

/** How many earlier stdout logs a node keeps (stdout.log.1 … .3): enough to see a death repeat. */
export const KEPT_STDOUT_LOGS = 3;

/** stdout.log → stdout.log.1 → … → stdout.log.3 (dropped): one file per run, newest first. */
function rotateStdoutLogs(path: string): void {
  for (let i = KEPT_STDOUT_LOGS - 1; i >= 0; i--) {
    const from = i === 0 ? path : `${path}.${i}`;
    if (existsSync(from)) renameSync(from, `${path}.${i + 1}`);
  }
}

export function spawnNodeProcess(node: NodeLayout, java: string, args: string[]): StartedProcess {
  rotateStdoutLogs(node.stdoutLogPath);
  const out = openSync(node.stdoutLogPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(java, args, { cwd: node.dir, detached: true, stdio: ['ignore', out, out] });
  } finally {
    closeSync(out);
  }
  if (child.pid === undefined) {
    throw new Error(`could not start ${java} for node ${node.index}`);
  }
  const started: StartedProcess = {
    child,
    pid: child.pid,
    exit: undefined,
    exited: new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        started.exit = { code, signal };
        resolve();
      });
    }),
  };
  // A spawn error (ENOENT, EACCES) arrives as an event; record it as an exit.
  child.once('error', () => {
    started.exit ??= { code: null, signal: null };
  });
  writePidFile(node, child.pid);
  child.unref();
  return started;
}

export function describeExit(exit: StartedProcess['exit']): string {
  if (!exit) return 'still running';
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}

export type StopOutcome = 'not-running' | 'terminated' | 'killed';

export interface StopProcessOptions {
  /** How long SIGTERM may take before SIGKILL (default 30 s). */
  graceMs?: number;
  onKill?: () => void;
}

/** SIGTERM, wait, SIGKILL if needed; resolves once the process is gone. */
export async function stopProcess(pid: number, options: StopProcessOptions = {}): Promise<StopOutcome> {
  if (!isProcessAlive(pid)) return 'not-running';
  const graceMs = options.graceMs ?? 30_000;
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return 'terminated';
  options.onKill?.();
  signal(pid, 'SIGKILL');
  if (await waitForExit(pid, 10_000)) return 'killed';
  throw new Error(`process ${pid} is still alive after SIGKILL`);
}

export async function stopNodeProcess(
  node: NodeLayout,
  pid: number,
  options: StopProcessOptions = {},
): Promise<StopOutcome> {
  const outcome = await stopProcess(pid, options);
  removePidFile(node);
  // Best effort: if they are still busy, the next start says so clearly.
  await waitForNodePortsFree(node, 15_000);
  return outcome;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
