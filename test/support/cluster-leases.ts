// Test runs that share the local Cassandra (two terminals, or a developer's run beside CI's)
// each hold a lease while they run. The run that started Cassandra notes the node's pid; at the
// end, the last run out stops Cassandra only if it is still that same process, so a Cassandra a
// developer started by hand is never stopped by the tests.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../tools/cassandra-local/index.js';

export interface Lease {
  /** Leases of other live test runs. */
  others(): number[];
  release(): void;
}

export function takeLease(dataDir: string): Lease {
  const dir = join(dataDir, 'test-leases');
  mkdirSync(dir, { recursive: true });
  const own = join(dir, String(process.pid));
  writeFileSync(own, `${new Date().toISOString()}\n`);
  return {
    others: () => {
      const pids: number[] = [];
      for (const name of readdirSync(dir)) {
        const pid = Number(name);
        if (!Number.isInteger(pid) || pid === process.pid) continue;
        if (isProcessAlive(pid)) pids.push(pid);
        else rmSync(join(dir, name), { force: true });
      }
      return pids;
    },
    release: () => rmSync(own, { force: true }),
  };
}

function markerPath(dataDir: string): string {
  return join(dataDir, 'started-by-tests.pid');
}

/** Remembers that the tests started the node with this pid. */
export function markStartedByTests(dataDir: string, nodePid: number): void {
  writeFileSync(markerPath(dataDir), `${nodePid}\n`);
}

/** The node pid recorded by the run that started Cassandra, if any. */
export function startedByTestsPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(markerPath(dataDir), 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function clearStartedByTests(dataDir: string): void {
  rmSync(markerPath(dataDir), { force: true });
}
