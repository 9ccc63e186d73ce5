// How much heap each Cassandra node gets: Cassandra's own sizing idea (a quarter of the machine's
// memory, conf/cassandra-env.sh) bounded for a developer machine, unless --heap-mb or
// CASSANDRA_HEAP_MB says otherwise.
import { totalmem } from 'node:os';
import { CassandraLocalError } from './errors.js';

const MIB = 1024 * 1024;
/** Below this Cassandra 5.0 with our memtable and cache sizes has no room to work in. */
export const MIN_SINGLE_NODE_HEAP_MB = 1024;
/** Above this a dev node gains little, and the services and the tests need the rest of the machine. */
export const MAX_SINGLE_NODE_HEAP_MB = 4096;
/** The least any node of a local cluster gets: 512 MiB starts and serves a fault test's small data. */
export const MIN_CLUSTER_NODE_HEAP_MB = 512;
export const HEAP_ENV = 'CASSANDRA_HEAP_MB';

export type HeapSource = 'option' | 'env' | 'machine';

export interface HeapChoice {
  heapMb: number;
  source: HeapSource;
  /** Why this size, for the start line: "--heap-mb", "a quarter of 23.5 GiB RAM, at most 4 GiB", … */
  reason: string;
}

/** Whole multiples of 64 MiB, rounded down, so the figures stay readable. */
function floor64(mb: number): number {
  return Math.floor(mb / 64) * 64;
}

/**
 * The default heap of each node: a quarter of the memory, at least 1 GiB and at most 4 GiB for a
 * single node. The nodes of a local cluster share one machine, so they share that one budget
 * (divided by the node count) instead of each taking a quarter of the memory; each still gets at
 * least 512 MiB.
 */
export function defaultHeapMb(totalMemoryBytes: number, nodes = 1): number {
  const quarter = totalMemoryBytes / MIB / 4;
  const single = Math.min(MAX_SINGLE_NODE_HEAP_MB, Math.max(MIN_SINGLE_NODE_HEAP_MB, floor64(quarter)));
  if (nodes <= 1) return single;
  return Math.max(MIN_CLUSTER_NODE_HEAP_MB, floor64(single / nodes));
}

/**
 * The memory this process may use: the machine's, or less when a cgroup (a container) limits it.
 * Node reports "no limit" as 0, undefined or a huge number depending on the version.
 */
export function machineMemoryBytes(): number {
  const total = totalmem();
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  return constrained !== undefined && constrained > 0 && constrained < total ? constrained : total;
}

/** A larger heap worth suggesting after a node ran out of it; undefined when the machine has none. */
export function largerHeapMb(currentMb: number, totalMemoryBytes: number): number | undefined {
  // Half of the memory at most: the JVM needs native memory beside the heap, and so does the rest.
  const ceiling = floor64(totalMemoryBytes / MIB / 2);
  const wanted = Math.min(ceiling, Math.max(currentMb * 2, defaultHeapMb(totalMemoryBytes, 1)));
  return wanted > currentMb ? wanted : undefined;
}

export interface HeapInput {
  /** --heap-mb (or the programmatic option). */
  optionMb?: number | undefined;
  env: NodeJS.ProcessEnv;
  totalMemoryBytes: number;
  nodes: number;
}

/** --heap-mb first, then CASSANDRA_HEAP_MB, then the machine's rule. */
export function chooseHeap(input: HeapInput): HeapChoice {
  if (input.optionMb !== undefined) {
    return { heapMb: input.optionMb, source: 'option', reason: 'set with --heap-mb' };
  }
  const fromEnv = input.env[HEAP_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const mb = Number(fromEnv.trim());
    if (!Number.isInteger(mb) || mb <= 0) {
      throw new CassandraLocalError(
        `${HEAP_ENV} must be a whole number of MiB (e.g. 4096), got "${fromEnv}"; unset it for the default`,
      );
    }
    return { heapMb: mb, source: 'env', reason: `set with ${HEAP_ENV}` };
  }
  const gib = (input.totalMemoryBytes / 1024 / MIB).toFixed(1);
  const rule =
    input.nodes === 1
      ? `a quarter of ${gib} GiB memory, 1–4 GiB`
      : `a quarter of ${gib} GiB memory, 1–4 GiB, shared by ${input.nodes} nodes, at least 512 MiB each`;
  return { heapMb: defaultHeapMb(input.totalMemoryBytes, input.nodes), source: 'machine', reason: rule };
}
