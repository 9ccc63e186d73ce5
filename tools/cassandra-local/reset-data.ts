// `npm run cassandra -- reset`: the way out for a data folder whose node cannot start any more (it
// dies replaying its commit log, say). Deletes each node's Cassandra data and nothing else: never
// while a node of the folder runs or a launcher starts one, never outside the data folder, never
// through a symbolic link. Logs stay (they tell what happened), and so do the config and the jar list.
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, type Stats, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CassandraLocalError } from './errors.js';
import { knownNodeLayout, nodeIndexesOnDisk } from './node-meta.js';
import { type ClusterOptions, type NodeLayout, resolveOptions } from './options.js';
import { isNodeProcess, readPidFile } from './pid-file.js';
import { acquireStartLock, startLockOwner } from './start-lock.js';

/** What a node folder holds that makes it "this node's data"; everything else is kept. */
export const RESET_ENTRIES = ['data', 'commitlog', 'hints', 'saved_caches', 'cdc_raw', 'cassandra.pid'];

export interface DeletedEntry {
  path: string;
  bytes: number;
}

export interface ResetResult {
  dataDir: string;
  deleted: DeletedEntry[];
}

export class ResetRefusedError extends CassandraLocalError {}

export async function resetData(options: ClusterOptions = {}): Promise<ResetResult> {
  const resolved = resolveOptions(options);
  const { dataDir, log } = resolved;
  if (!existsSync(dataDir)) return { dataDir, deleted: [] };
  const launcher = startLockOwner(dataDir);
  if (launcher !== undefined) {
    throw new ResetRefusedError(
      `A launcher (pid ${launcher}) is starting Cassandra in ${dataDir}: reset refused. Stop it first.`,
    );
  }
  const lock = await acquireStartLock(dataDir, { log, timeoutMs: 0 });
  try {
    const nodes = nodeIndexesOnDisk(dataDir).map((index) => knownNodeLayout(resolved, index));
    for (const node of nodes) {
      const pid = runningPid(node);
      if (pid !== undefined) {
        throw new ResetRefusedError(
          `Cassandra node ${node.index} of ${dataDir} is running (pid ${pid}): reset refused, it never deletes the ` +
            `data of a running node. Stop it first: npm run cassandra -- stop --data-dir ${dataDir}`,
        );
      }
    }
    const deleted: DeletedEntry[] = [];
    if (nodes.length > 0) log(`Resetting ${dataDir} (no node of it is running):`);
    for (const { dir } of nodes) {
      // A node folder that is a link leads outside the data folder: left alone.
      if (lstatSync(dir).isSymbolicLink()) continue;
      for (const name of RESET_ENTRIES) {
        const path = join(dir, name);
        const stat = lstatOrUndefined(path);
        if (!stat) continue;
        const bytes = sizeOf(path);
        if (stat.isSymbolicLink()) unlinkSync(path);
        else rmSync(path, { recursive: true, force: true });
        deleted.push({ path, bytes });
        log(`  deleted ${path} (${formatBytes(bytes)})`);
      }
    }
    return { dataDir, deleted };
  } finally {
    lock.release();
  }
}

/** The pid of a live Cassandra of this node folder: by its pid file, else by a process scan. */
function runningPid(node: NodeLayout): number | undefined {
  const record = readPidFile(node);
  if (record && isNodeProcess(record.pid, node)) return record.pid;
  return scanForNode(node.dir);
}

/** Linux: any process started with this node folder as its storage dir (its pid file may be gone). */
function scanForNode(dir: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined; // no /proc (macOS): the pid file is all there is
  }
  const needle = `-Dcassandra.storagedir=${dir}\0`;
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (`${readFileSync(`/proc/${name}/cmdline`, 'utf8')}`.includes(needle)) return Number(name);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return undefined;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Bytes under a path, links not followed. */
function sizeOf(path: string): number {
  const stat = lstatOrUndefined(path);
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const name of readdirSync(path)) total += sizeOf(join(path, name));
  return total;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
