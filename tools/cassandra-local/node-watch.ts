// Watches running nodes by their pids and reports each death once, with its cause from the logs:
// what `npm start` and the test run use to say at once that Cassandra died, instead of letting
// every later request time out.
import { diagnoseNodeDeath, type NodeDeath } from './node-death.js';
import { isProcessAlive } from './pid-file.js';

export interface WatchedNode {
  index: number;
  pid: number;
  /** The node's folder (logs, node.json). */
  dir: string;
  heapMb?: number | undefined;
}

export interface NodeWatch {
  stop(): void;
}

export function watchNodes(
  nodes: readonly WatchedNode[],
  onDeath: (death: NodeDeath) => void,
  options: { intervalMs?: number } = {},
): NodeWatch {
  const alive = new Set(nodes);
  const timer = setInterval(() => {
    for (const node of [...alive]) {
      if (isProcessAlive(node.pid)) continue;
      alive.delete(node);
      onDeath(diagnoseNodeDeath(node, { pid: node.pid, heapMb: node.heapMb }));
    }
    if (alive.size === 0) clearInterval(timer);
  }, options.intervalMs ?? 1_000);
  // Never the reason a process stays up.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
