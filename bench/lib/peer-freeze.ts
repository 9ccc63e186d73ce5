// --peer-freeze: the side of the peer comparison that is not being measured is stopped (SIGSTOP)
// for the other side's run and continued (SIGCONT) right after, so its JVMs' background work (GC,
// JIT, compaction, gossip timers) takes no core from the side being measured. Every pid frozen here
// is remembered until it is continued: the bench's teardown, its SIGINT handler and process exit
// continue whatever is still stopped, so no process is ever left stopped behind the bench.

/** Stops and continues processes; injected in unit tests (no real signals there). */
export interface Freezer {
  freeze(pids: number[]): void;
  resume(pids: number[]): void;
}

const frozen = new Set<number>();
let exitHookInstalled = false;

function signal(pid: number, sig: 'SIGSTOP' | 'SIGCONT'): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    // A process that has exited meanwhile has nothing left to continue.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH' || sig === 'SIGSTOP') throw err;
  }
}

/** Continues every process still stopped by this module (idempotent; safe in an 'exit' handler). */
export function resumeAllFrozen(): void {
  for (const pid of [...frozen]) {
    frozen.delete(pid);
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // Gone already.
    }
  }
}

/** The pids stopped right now (for the report and tests). */
export function frozenPids(): number[] {
  return [...frozen];
}

export const signalFreezer: Freezer = {
  freeze(pids) {
    if (!exitHookInstalled) {
      // Synchronous process.kill works in an 'exit' handler: the last guard, whatever path exits.
      process.once('exit', resumeAllFrozen);
      // A SIGTERM or SIGHUP to the bench would end it without 'exit': continue, then die of it.
      for (const sig of ['SIGTERM', 'SIGHUP'] as const)
        process.once(sig, () => {
          resumeAllFrozen();
          process.kill(process.pid, sig);
        });
      exitHookInstalled = true;
    }
    for (const pid of pids) {
      // Remembered before the signal, so a partial failure is still continued later.
      frozen.add(pid);
      signal(pid, 'SIGSTOP');
    }
  },
  resume(pids) {
    // Every pid is continued even when one of them fails.
    let failure: unknown;
    for (const pid of pids) {
      frozen.delete(pid);
      try {
        signal(pid, 'SIGCONT');
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure) throw failure;
  },
};
