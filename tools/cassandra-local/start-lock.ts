// One launcher at a time starts nodes in a data folder. A second one (another terminal, a
// parallel test run) waits for the first and then finds the cluster running. A lock left by a
// launcher that died is removed.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CassandraLocalError } from './errors.js';
import type { LogFn } from './options.js';
import { isProcessAlive } from './pid-file.js';
import { sleep } from './readiness.js';

export interface StartLock {
  path: string;
  release: () => void;
}

export function startLockPath(dataDir: string): string {
  return join(dataDir, 'start.lock');
}

export async function acquireStartLock(
  dataDir: string,
  options: { log: LogFn; timeoutMs: number; signal?: AbortSignal },
): Promise<StartLock> {
  mkdirSync(dataDir, { recursive: true });
  const path = startLockPath(dataDir);
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  while (true) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      const release = (): void => {
        process.off('exit', release);
        if (readOwner(path) === process.pid) rmSync(path, { force: true });
      };
      process.on('exit', release);
      return { path, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(path);
    if (owner === undefined && ageMs(path) < 5_000) {
      await sleep(100); // just created: its owner is writing its pid
      continue;
    }
    if (owner === undefined || !isProcessAlive(owner)) {
      options.log(`Removed a stale start lock ${path} (its launcher, pid ${owner ?? '?'}, is gone)`);
      rmSync(path, { force: true });
      continue;
    }
    if (owner === process.pid) {
      throw new CassandraLocalError(`this process already holds ${path}: nested start`);
    }
    if (!announced) {
      options.log(`Another launcher (pid ${owner}) is starting Cassandra in ${dataDir}; waiting for it`);
      announced = true;
    }
    if (options.signal?.aborted)
      throw new CassandraLocalError('start aborted while waiting for the start lock');
    if (Date.now() >= deadline) {
      throw new CassandraLocalError(`gave up waiting for launcher pid ${owner} (lock ${path})`);
    }
    await sleep(500);
  }
}

/** The live launcher that holds the data folder's start lock, if any. */
export function startLockOwner(dataDir: string): number | undefined {
  const owner = readOwner(startLockPath(dataDir));
  return owner !== undefined && isProcessAlive(owner) ? owner : undefined;
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
