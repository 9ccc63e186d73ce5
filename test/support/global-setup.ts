// vitest global setup: gives every test file the contact points of a real Cassandra.
// - CASSANDRA_CONTACT_POINTS set: that cluster is used, nothing is started.
// - otherwise the local launcher starts (or reuses) the node in .local/cassandra; it is stopped at
//   the end only if this run started it and no other test run still uses it.
// While the run lasts, the local node's pid is watched: if it dies, the run is cancelled at once
// with one line naming the cause from its logs, instead of every later test failing into its
// timeout. Tests read the contact points with `inject('cassandraContactPoints')` ("127.0.0.1:9042"),
// or through test/support/cassandra-client.ts.
import type { TestProject } from 'vitest/node';
import {
  deathLine,
  defaultDataDir,
  startCluster,
  stopCluster,
  watchNodes,
} from '../../tools/cassandra-local/index.js';
import { clearStartedByTests, markStartedByTests, startedByTestsPid, takeLease } from './cluster-leases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Comma-separated host:port list of the Cassandra nodes the tests use. */
    cassandraContactPoints: string;
  }
}

const log = (line: string): void => console.log(`[cassandra] ${line}`);

export interface LocalCassandraSetup {
  dataDir: string;
  /** Address of node 1 (default 127.0.0.1). */
  baseAddress?: string;
  heapMb?: number;
  /** How often the node's pid is checked (default 1 s). */
  watchIntervalMs?: number;
  /** A cancelled run whose tests still run after this is cancelled again, by force (default 10 s). */
  forceCancelAfterMs?: number;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.CASSANDRA_CONTACT_POINTS;
  if (external) {
    log(`using ${external} (CASSANDRA_CONTACT_POINTS)`);
    project.provide('cassandraContactPoints', external);
    return undefined;
  }
  return setupLocalCassandra(project, { dataDir: defaultDataDir });
}

/** Starts or reuses a local node, watches it for the run, and returns the teardown. */
export async function setupLocalCassandra(
  project: TestProject,
  options: LocalCassandraSetup,
): Promise<() => Promise<void>> {
  const { dataDir } = options;
  const lease = takeLease(dataDir);
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  try {
    cluster = await startCluster({
      dataDir,
      reuseRunning: true,
      log,
      ...(options.baseAddress ? { baseAddress: options.baseAddress } : {}),
      ...(options.heapMb ? { heapMb: options.heapMb } : {}),
    });
  } catch (err) {
    lease.release();
    throw err;
  }
  const nodePid = cluster.nodes[0]!.pid;
  if (cluster.alreadyRunning) {
    log(`reusing the running Cassandra at ${cluster.contactPoints.join(',')}`);
  } else {
    markStartedByTests(dataDir, nodePid);
  }
  project.provide('cassandraContactPoints', cluster.contactPoints.join(','));

  let forceCancel: NodeJS.Timeout | undefined;
  const watch = watchNodes(
    cluster.nodes,
    (death) => {
      console.error(`✖ ${deathLine(death, 'during the test run')}`);
      process.exitCode = 1;
      // Graceful first: tests that are running end (quickly: Cassandra refuses connections), the
      // rest are skipped. A second cancel, if still needed, stops the workers.
      const cancel = () => project.vitest.cancelCurrentRun('cassandra-died' as never).catch(() => undefined);
      void cancel();
      forceCancel = setTimeout(() => void cancel(), options.forceCancelAfterMs ?? 10_000);
      forceCancel.unref();
    },
    { intervalMs: options.watchIntervalMs ?? 1_000 },
  );

  return async () => {
    watch.stop(); // from here on, a stop is ours
    clearTimeout(forceCancel);
    lease.release();
    const others = lease.others();
    if (others.length > 0) {
      log(`leaving Cassandra running: test run(s) ${others.join(', ')} still use it`);
      return;
    }
    if (startedByTestsPid(dataDir) !== nodePid) return; // someone else's Cassandra: leave it
    clearStartedByTests(dataDir);
    await stopCluster({ dataDir, log });
  };
}
