// `nodetool repair -full <keyspace>` on one node of a fault-suite cluster, run with the launcher's
// own JDK and Cassandra classpath (no nodetool script is installed here).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { JVM17_JPMS, type NodeInfo, provisionCassandra } from '../../tools/cassandra-local/index.js';
import type { FaultClusterOptions } from './cluster.js';

/** Its standard output, once the repair has finished (5 minutes at most). */
export async function nodetoolRepair(
  cluster: FaultClusterOptions,
  node: NodeInfo,
  keyspace: string,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const { jdk, classpath } = await provisionCassandra({ ...cluster, log });
  const { stdout } = await promisify(execFile)(
    jdk.java,
    [
      ...JVM17_JPMS,
      '-cp',
      classpath.jars.join(':'),
      'org.apache.cassandra.tools.NodeTool',
      '-h',
      '127.0.0.1',
      '-p',
      String(node.jmxPort),
      'repair',
      '-full',
      keyspace,
    ],
    { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}
