// Which Cassandra the benchmark runs against: CASSANDRA_CONTACT_POINTS when set (nothing is started
// or stopped then), else the local node of .local/cassandra through the launcher, started or
// reused. The benchmark takes part in the test suite's lease protocol (test/support/cluster-leases):
// while it runs, a test run that finishes does not stop the node under it, and the last run out
// stops the node only if a test run or a benchmark started it.

import cassandra from 'cassandra-driver';
import {
  clearStartedByTests,
  markStartedByTests,
  startedByTestsPid,
  takeLease,
} from '../../test/support/cluster-leases.js';
import {
  deathLine,
  defaultDataDir,
  diagnoseNodeDeath,
  isProcessAlive,
  startCluster,
  stopCluster,
} from '../../tools/cassandra-local/index.js';
import { listenerPid } from './listener-pid.js';

export interface BenchCassandra {
  contactPoints: string;
  /** How it was found, for the report. */
  source: string;
  /** The node's pid when it is the local launcher's (its CPU is then counted apart). */
  pid?: number;
  /** This bench started the node (so it may stop it, or freeze it in the peer comparison). */
  startedHere: boolean;
  /** When the launcher's node has died: one line with its cause, from its logs. */
  death(): string | undefined;
  /** Ends the benchmark's use of it (stops the node only when it is ours to stop, and not kept). */
  release(options: { keep: boolean; log: (line: string) => void }): Promise<void>;
}

export async function useCassandra(log: (line: string) => void): Promise<BenchCassandra> {
  const external = process.env.CASSANDRA_CONTACT_POINTS;
  if (external) {
    // A single node on this machine: its CPU is counted apart (the cluster's other nodes are not).
    const points = external.split(',');
    const pid = points.length === 1 ? listenerPid(points[0]!) : undefined;
    return {
      contactPoints: external,
      ...(pid === undefined ? {} : { pid }),
      source: 'CASSANDRA_CONTACT_POINTS',
      startedHere: false,
      death: () => undefined,
      release: async () => undefined,
    };
  }
  const lease = takeLease(defaultDataDir);
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  try {
    // The launcher's default heap (a quarter of the memory, 1–4 GiB): the old fixed 1 GiB ran out
    // while loading the 100,000-document collection. CASSANDRA_HEAP_MB overrides it.
    cluster = await startCluster({ dataDir: defaultDataDir, reuseRunning: true, log });
  } catch (err) {
    lease.release();
    throw err;
  }
  const node = cluster.nodes[0]!;
  const nodePid = node.pid;
  if (!cluster.alreadyRunning) markStartedByTests(defaultDataDir, nodePid);
  return {
    contactPoints: cluster.contactPoints.join(','),
    pid: nodePid,
    death: () =>
      isProcessAlive(nodePid)
        ? undefined
        : deathLine(diagnoseNodeDeath(node, { pid: nodePid, heapMb: node.heapMb })),
    startedHere: !cluster.alreadyRunning,
    source: cluster.alreadyRunning
      ? 'local launcher (reused the running node)'
      : 'local launcher (started for this run)',
    release: async ({ keep, log: write }) => {
      lease.release();
      if (keep) return;
      const others = lease.others();
      if (others.length > 0) {
        write(`leaving Cassandra running: test run(s) ${others.join(', ')} still use it`);
        return;
      }
      // Only a node that a test run or a benchmark started, and that is still that process.
      if (startedByTestsPid(defaultDataDir) !== nodePid || !isProcessAlive(nodePid)) return;
      clearStartedByTests(defaultDataDir);
      write(
        'stopping the local Cassandra (a test run or benchmark started it; --keep-cassandra leaves it up)',
      );
      await stopCluster({ dataDir: defaultDataDir, log: write });
    },
  };
}

/** The benchmark's own driver client (the direct baseline, data loading): the same settings everywhere. */
export function benchDriverClient(contactPoints: string): cassandra.Client {
  return new cassandra.Client({
    contactPoints: contactPoints.split(','),
    localDataCenter: process.env.CASSANDRA_LOCAL_DC ?? 'datacenter1',
    credentials: {
      username: process.env.CASSANDRA_USERNAME ?? 'cassandra',
      password: process.env.CASSANDRA_PASSWORD ?? 'cassandra',
    },
    socketOptions: { readTimeout: 60_000 },
  });
}
