// Between scenarios (and before the final read-back): every Cassandra node runs, every gateway
// process runs, and both bridges have connections to all three nodes again. A scenario that ended
// early (an error) may have left a node or a process down; this puts it back, so the next scenario
// starts from a whole system. Returns what it had to repair.
import { isProcessAlive } from '../../tools/cassandra-local/index.js';
import { waitConnectedToAll } from './bridge-health.js';
import type { FaultCluster } from './cluster.js';
import type { FaultStack, ServiceId } from './services.js';

const CONNECTED_TIMEOUT_MS = 30_000;
const NODES = [1, 2, 3];
const PROCESSES: ServiceId[] = ['bridge1', 'bridge2', 'rest', 'docs', 'graphql', 'grpc'];

export async function makeWhole(
  cluster: FaultCluster,
  stack: FaultStack,
  log: (line: string) => void,
): Promise<string[]> {
  const repaired: string[] = [];
  for (const index of NODES) {
    if (isProcessAlive(cluster.node(index).pid)) continue;
    log(`node ${index} is down: starting it again`);
    await cluster.restart(index);
    repaired.push(`node ${index} restarted`);
  }
  for (const id of PROCESSES) {
    if (stack.get(id).alive) continue;
    log(`${id} is not running: starting it again`);
    await stack.restart(id);
    repaired.push(`${id} restarted`);
  }
  for (const bridge of ['bridge1', 'bridge2'] as const) {
    if (
      !(await waitConnectedToAll(stack.bridgeMetricsUrl(bridge), cluster.contactPoints, CONNECTED_TIMEOUT_MS))
    ) {
      log(`${bridge} has no connection to every node after ${CONNECTED_TIMEOUT_MS / 1000} s`);
      repaired.push(`${bridge} not connected to every node`);
    }
  }
  return repaired;
}
