// The JVM command line of one node. The GC, JPMS and Netty flags are those of Cassandra's own
// conf/jvm17-server.options (branch cassandra-5.0): without the --add-exports/--add-opens list and
// the jamm agent the JVM dies at start.
import { delimiter } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodeLayout } from './options.js';

export const CASSANDRA_MAIN_CLASS = 'org.apache.cassandra.service.CassandraDaemon';

const JVM17_GC = [
  '-XX:+UseG1GC',
  '-XX:+ParallelRefProcEnabled',
  '-XX:MaxTenuringThreshold=1',
  '-XX:G1HeapRegionSize=16m',
  '-XX:G1RSetUpdatingPauseTimePercent=5',
  '-XX:MaxGCPauseMillis=300',
  '-XX:InitiatingHeapOccupancyPercent=70',
];

/** Module flags every Cassandra JVM on JDK 17 needs (the server, and tools such as nodetool). */
export const JVM17_JPMS = [
  '-Djdk.attach.allowAttachSelf=true',
  ...[
    'java.base/jdk.internal.misc',
    'java.management.rmi/com.sun.jmx.remote.internal.rmi',
    'java.rmi/sun.rmi.registry',
    'java.rmi/sun.rmi.server',
    'java.sql/java.sql',
    'java.base/java.lang.ref',
    'jdk.unsupported/sun.misc',
    'jdk.compiler/com.sun.tools.javac.file',
    'jdk.attach/sun.tools.attach',
  ].map((pkg) => `--add-exports=${pkg}=ALL-UNNAMED`),
  ...[
    'java.base/java.lang.module',
    'java.base/jdk.internal.loader',
    'java.base/jdk.internal.ref',
    'java.base/jdk.internal.reflect',
    'java.base/jdk.internal.math',
    'java.base/jdk.internal.module',
    'java.base/jdk.internal.util.jar',
    'jdk.management/com.sun.management.internal',
    'java.base/sun.nio.ch',
    'java.base/java.io',
    'java.base/java.lang.reflect',
    'jdk.compiler/com.sun.tools.javac',
    'java.base/java.lang',
    'java.base/java.util',
  ].map((pkg) => `--add-opens=${pkg}=ALL-UNNAMED`),
];

const JVM17_NETTY = [
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dio.netty.allocator.useCacheForAllThreads=true',
  '-Dio.netty.allocator.maxOrder=11',
];

export interface JvmArgsInput {
  node: NodeLayout;
  classpath: readonly string[];
  jammJar: string;
  heapMb: number;
  /** Single node: short ring delay; a joining node of a multi-node cluster needs a little longer. */
  ringDelayMs: number;
  extra?: readonly string[];
}

export function buildJvmArgs(input: JvmArgsInput): string[] {
  const { node } = input;
  return [
    `-Xms${input.heapMb}M`,
    `-Xmx${input.heapMb}M`,
    '-Xss256k',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:+PerfDisableSharedMem',
    '-Djava.net.preferIPv4Stack=true',
    ...JVM17_GC,
    ...JVM17_JPMS,
    ...JVM17_NETTY,
    `-javaagent:${input.jammJar}`,
    `-Dcassandra.config=${pathToFileURL(node.yamlPath).href}`,
    '-Dcassandra-foreground=yes',
    `-Dcassandra.storagedir=${node.dir}`,
    `-Dcassandra.logdir=${node.logDir}`,
    `-Dcassandra.triggers_dir=${node.triggersDir}`,
    `-Dlogback.configurationFile=${node.logbackPath}`,
    '-Dcassandra.superuser_setup_delay_ms=0',
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    `-Dcassandra.ring_delay_ms=${input.ringDelayMs}`,
    // JMX on the loopback interface only, one port per node.
    `-Dcassandra.jmx.local.port=${node.jmxPort}`,
    `-Dcom.sun.management.jmxremote.rmi.port=${node.jmxPort}`,
    ...(input.extra ?? []),
    '-cp',
    input.classpath.join(delimiter),
    CASSANDRA_MAIN_CLASS,
  ];
}
