// Pid files and the questions asked about the process they name: is it alive, and is it really
// this node's Cassandra (a pid may have been reused by an unrelated process since)?
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CASSANDRA_MAIN_CLASS } from './jvm-options.js';
import type { NodeLayout } from './options.js';

export interface PidRecord {
  pid: number;
  /** When the pid file was written (ms since epoch). */
  writtenAt: number;
}

export function writePidFile(node: NodeLayout, pid: number): void {
  writeFileSync(node.pidPath, `${pid}\n`);
}

export function readPidFile(node: NodeLayout): PidRecord | undefined {
  try {
    const pid = Number.parseInt(readFileSync(node.pidPath, 'utf8').trim(), 10);
    if (!Number.isInteger(pid) || pid <= 0) return { pid: 0, writtenAt: 0 };
    return { pid, writtenAt: statSync(node.pidPath).mtimeMs };
  } catch {
    return undefined;
  }
}

export function removePidFile(node: NodeLayout): void {
  rmSync(node.pidPath, { force: true });
}

/** Alive and not a zombie. */
export function isProcessAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

export function processCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim() : undefined;
  }
}

/** The process runs CassandraDaemon with this node's cassandra.yaml. */
export function isNodeProcess(pid: number, node: NodeLayout): boolean {
  if (!isProcessAlive(pid)) return false;
  const cmdline = processCommandLine(pid);
  if (cmdline === undefined) return true; // cannot tell: assume it is
  const config = pathToFileURL(node.yamlPath).href;
  return (
    cmdline.includes(CASSANDRA_MAIN_CLASS) && (cmdline.includes(config) || cmdline.includes(node.yamlPath))
  );
}
