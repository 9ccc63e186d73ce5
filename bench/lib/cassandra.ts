// Which Cassandra the benchmark runs against: CASSANDRA_CONTACT_POINTS when set (nothing is started
// or stopped then), else the local node of .local/cassandra through the launcher, started or
// reused. The benchmark takes part in the test suite's lease protocol (test/support/cluster-leases):
// while it runs, a test run that finishes does not stop the node under it, and the last run out
// stops the node only if a test run or a benchmark started it.

import {
  clearStartedByTests,
  markStartedByTests,
  startedByTestsPid,
  takeLease,
} from '../../test/support/cluster-leases.js';
import {
  defaultDataDir,
  isProcessAlive,
  startCluster,
  stopCluster,
} from '../../tools/cassandra-local/index.js';

export interface BenchCassandra {
  contactPoints: string;
  /** How it was found, for the report. */
  source: string;
  /** The node's pid when it is the local launcher's (its CPU is then counted apart). */
  pid?: number;
  /** Ends the benchmark's use of it (stops the node only when it is ours to stop, and not kept). */
  release(options: { keep: boolean; log: (line: string) => void }): Promise<void>;
}

export async function useCassandra(log: (line: string) => void): Promise<BenchCassandra> {
  const external = process.env.CASSANDRA_CONTACT_POINTS;
  if (external) {
    return {
      contactPoints: external,
      source: 'CASSANDRA_CONTACT_POINTS',
      release: async () => undefined,
    };
  }
  const lease = takeLease(defaultDataDir);
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  try {
    // 2 GiB when this run starts the node: with the launcher's default 1 GiB, loading the
    // 100,000-document collection beside a test suite ran the node out of heap.
    cluster = await startCluster({ dataDir: defaultDataDir, reuseRunning: true, heapMb: 2048, log });
  } catch (err) {
    lease.release();
    throw err;
  }
  const nodePid = cluster.nodes[0]!.pid;
  if (!cluster.alreadyRunning) markStartedByTests(defaultDataDir, nodePid);
  return {
    contactPoints: cluster.contactPoints.join(','),
    pid: nodePid,
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
