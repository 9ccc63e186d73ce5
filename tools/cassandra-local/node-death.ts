// A dead node's cause of death as the launcher, `npm start` and the test run tell it: read from the
// node's own logs (death-cause.ts), with what to do next (a larger heap, or `reset` when a node
// dies at every start).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type DeathCause, diagnoseDeath, type ProcessExit } from './death-cause.js';
import { largerHeapMb, machineMemoryBytes } from './heap-size.js';
import { tailLines } from './log-tail.js';
import { readNodeMeta } from './node-meta.js';
import { KEPT_STDOUT_LOGS } from './node-process.js';
import { defaultDataDir, nodeFiles } from './options.js';

export interface NodeDeath {
  index: number;
  pid: number | undefined;
  /** The data folder the node belongs to. */
  dataDir: string;
  systemLogPath: string;
  cause: DeathCause;
  /** What to do next, one sentence each. */
  advice: string[];
}

export interface DiagnoseOptions {
  pid?: number | undefined;
  exit?: ProcessExit | undefined;
  /** Default: node.json's, else the JVM arguments in the log. */
  heapMb?: number | undefined;
  totalMemoryBytes?: number;
}

/** Reads the node's logs and says why its last run ended. */
export function diagnoseNodeDeath(
  node: { index: number; dir: string },
  options: DiagnoseOptions = {},
): NodeDeath {
  const files = nodeFiles(node.dir);
  const earlierStdout: string[][] = [];
  for (let i = 1; i <= KEPT_STDOUT_LOGS; i++) {
    const path = `${files.stdoutLogPath}.${i}`;
    if (!existsSync(path)) break;
    earlierStdout.push(tailLines(path, 400));
  }
  const cause = diagnoseDeath(
    {
      // Enough for the whole last run of a node that died at start, and for the runs before it.
      systemLog: tailLines(files.systemLogPath, 6_000, 2 * 1024 * 1024),
      stdout: tailLines(files.stdoutLogPath, 400),
      earlierStdout,
    },
    { heapMb: options.heapMb ?? readNodeMeta(files)?.heapMb, exit: options.exit },
  );
  const dataDir = dirname(node.dir);
  return {
    index: node.index,
    pid: options.pid,
    dataDir,
    systemLogPath: files.systemLogPath,
    cause,
    advice: adviceFor(cause, dataDir, options.totalMemoryBytes ?? machineMemoryBytes()),
  };
}

/** `npm run cassandra -- reset`, with --data-dir unless it is the default folder. */
export function resetCommand(dataDir: string): string {
  const custom = resolve(dataDir) !== resolve(defaultDataDir);
  return `npm run cassandra -- reset${custom ? ` --data-dir ${dataDir}` : ''}`;
}

export function adviceFor(cause: DeathCause, dataDir: string, totalMemoryBytes: number): string[] {
  const advice: string[] = [];
  if (cause.kind === 'out-of-heap' && cause.heapMb !== undefined) {
    const larger = largerHeapMb(cause.heapMb, totalMemoryBytes);
    advice.push(
      larger === undefined
        ? `${cause.heapMb} MiB is as much heap as this machine can give: give it less data or load`
        : `restart with --heap-mb ${larger} (or CASSANDRA_HEAP_MB=${larger})`,
    );
  }
  const stuck = cause.phase === 'commit-log replay' || cause.repeats > 1;
  if (stuck && cause.kind !== 'stopped' && cause.kind !== 'killed') {
    const why =
      cause.phase === 'commit-log replay'
        ? 'if it dies again while replaying its commit log'
        : `it died this way ${cause.repeats} starts in a row; if it goes on`;
    advice.push(`${why}, \`${resetCommand(dataDir)}\` deletes this folder's Cassandra data for a fresh node`);
  }
  return advice;
}

function who(death: NodeDeath): string {
  return death.pid === undefined
    ? `Cassandra node ${death.index}`
    : `Cassandra node ${death.index} (pid ${death.pid})`;
}

/** One line: "Cassandra node 1 (pid 42) died: ran out of heap (1024 MiB) — restart with …; see <log>". */
export function deathLine(death: NodeDeath, when = ''): string {
  const advice = death.advice.length > 0 ? ` — ${death.advice.join('; ')}` : '';
  return `${who(death)} died${when ? ` ${when}` : ''}: ${death.cause.summary}${advice}; see ${death.systemLogPath}`;
}

/** Several lines: what happened, what to do, the log lines that show it, where to read more. */
export function deathReport(death: NodeDeath, when = ''): string[] {
  return [
    `${who(death)} died${when ? ` ${when}` : ''}: ${death.cause.summary}.`,
    ...death.advice.map((line) => `  → ${line}`),
    ...(death.cause.evidence.length > 0
      ? ['  From its logs:', ...death.cause.evidence.map((l) => `    ${l}`)]
      : []),
    `  Full log: ${death.systemLogPath}`,
  ];
}
