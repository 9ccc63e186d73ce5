// vitest global setup: gives every test file the contact points of a real Cassandra.
// - CASSANDRA_CONTACT_POINTS set: that cluster is used, nothing is started.
// - otherwise the local launcher starts (or reuses) the node in .local/cassandra; it is stopped at
//   the end only if this run started it and no other test run still uses it.
// Tests read the contact points with `inject('cassandraContactPoints')` ("127.0.0.1:9042"), or
// through test/support/cassandra-client.ts.
import type { TestProject } from 'vitest/node';
import { defaultDataDir, startCluster, stopCluster } from '../../tools/cassandra-local/index.js';
import { clearStartedByTests, markStartedByTests, startedByTestsPid, takeLease } from './cluster-leases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Comma-separated host:port list of the Cassandra nodes the tests use. */
    cassandraContactPoints: string;
  }
}

const log = (line: string): void => console.log(`[cassandra] ${line}`);

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.CASSANDRA_CONTACT_POINTS;
  if (external) {
    log(`using ${external} (CASSANDRA_CONTACT_POINTS)`);
    project.provide('cassandraContactPoints', external);
    return undefined;
  }
  const dataDir = defaultDataDir;
  const lease = takeLease(dataDir);
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  try {
    cluster = await startCluster({ dataDir, reuseRunning: true, log });
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

  return async () => {
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
