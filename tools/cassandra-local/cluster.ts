// Starts, stops and inspects a local Cassandra cluster of one or more nodes: each node a JVM on
// its own loopback address, started one after another, each answering CQL before the next starts.
import { replicateAuth } from './auth-replication.js';
import { checkClientEncryption, clientEncryptionMeta, probeTlsOptions } from './client-encryption.js';
import {
  CassandraAlreadyRunningError,
  CassandraExitedError,
  CassandraStartTimeoutError,
  StartAbortedError,
} from './errors.js';
import { findJdk17, type Jdk } from './find-jdk.js';
import { buildJvmArgs } from './jvm-options.js';
import { nodeLogTail } from './log-tail.js';
import { deathReport, diagnoseNodeDeath, type NodeDeath } from './node-death.js';
import { knownNodeLayout, knownNodes, readNodeMeta, writeNodeMeta } from './node-meta.js';
import { describeExit, spawnNodeProcess, stopNodeProcess } from './node-process.js';
import { inspectNode, reclaimNode } from './node-state.js';
import {
  type ClusterOptions,
  clusterLayout,
  contactPointOf,
  type NodeLayout,
  nodeLayout,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { isNodeProcess, readPidFile, removePidFile } from './pid-file.js';
import { assertNodePortsFree } from './port-check.js';
import { type Credentials, waitForCql } from './readiness.js';
import { type CassandraClasspath, resolveClasspath } from './resolve-classpath.js';
import { acquireStartLock } from './start-lock.js';
import { writeNodeConfig } from './write-config.js';

export interface NodeInfo {
  index: number;
  address: string;
  /** "address:port" of its CQL listener. */
  contactPoint: string;
  pid: number;
  /** The node's folder (data, config, logs, pid file). */
  dir: string;
  systemLog: string;
  jmxPort: number;
  /** Its -Xmx, when known (node.json of older folders lacks it). */
  heapMb: number | undefined;
}

export interface RunningCluster {
  contactPoints: string[];
  nodes: NodeInfo[];
  /** True when every node was already running (nothing was started by this call). */
  alreadyRunning: boolean;
  dataDir: string;
  /** Stops every node of this data folder. */
  stop(): Promise<void>;
  /** Stops one node (fault tests); the others keep running. */
  stopNode(index: number): Promise<void>;
  /** Starts one node again (no-op when it is running). */
  startNode(index: number): Promise<NodeInfo>;
}

export interface Provisioned {
  jdk: Jdk;
  classpath: CassandraClasspath;
}

/** Finds JDK 17 and resolves (or reads the cached) Cassandra classpath. */
export async function provisionCassandra(options: ClusterOptions = {}): Promise<Provisioned> {
  const resolved = resolveOptions(options);
  return provision(resolved);
}

async function provision(resolved: ResolvedOptions): Promise<Provisioned> {
  const jdk = findJdk17({
    env: resolved.env,
    ...(resolved.jvmRoots ? { jvmRoots: resolved.jvmRoots } : {}),
  });
  const classpath = await resolveClasspath({
    cacheDir: resolved.dataDir,
    cassandraVersion: resolved.cassandraVersion,
    jdk,
    env: resolved.env,
    log: resolved.log,
  });
  return { jdk, classpath };
}

export async function startCluster(options: ClusterOptions = {}): Promise<RunningCluster> {
  const resolved = resolveOptions(options);
  const layouts = clusterLayout(resolved);

  const lock = await acquireStartLock(resolved.dataDir, {
    log: resolved.log,
    // Another launcher may be starting every node, each within the ready timeout.
    timeoutMs: resolved.readyTimeoutMs * resolved.nodes + 120_000,
    ...(resolved.signal ? { signal: resolved.signal } : {}),
  });
  const startedHere: NodeInfo[] = [];
  try {
    const running = new Map<number, NodeInfo>();
    for (const node of layouts) {
      const state = await reclaimNode(node, {
        log: resolved.log,
        credentials: runningNodeLogin(resolved, node),
        readyTimeoutMs: resolved.readyTimeoutMs,
      });
      if (state.state === 'running')
        running.set(node.index, nodeInfo(node, state.pid, readNodeMeta(node)?.heapMb));
    }
    if (running.size > 0 && !resolved.reuseRunning) {
      throw new CassandraAlreadyRunningError([...running.values()].map((n) => n.contactPoint));
    }
    if (running.size < layouts.length) {
      const provisioned = await provision(resolved);
      const waitingForPeers: NodeLayout[] = [];
      for (const node of layouts) {
        if (running.has(node.index)) continue;
        const peersMissing = layouts.some((n) => n.index !== node.index && !running.has(n.index));
        const { info, waiting } = await startOneNode(node, resolved, provisioned, peersMissing);
        startedHere.push(info);
        running.set(node.index, info);
        if (waiting) waitingForPeers.push(node);
      }
      // Nodes that could not log anyone in alone must answer now that every node runs.
      for (const node of waitingForPeers) await waitUntilAnswering(node, resolved);
      if (resolved.nodes > 1) {
        await replicateAuth(
          layouts.map(contactPointOf),
          startLogin(resolved),
          Math.min(3, resolved.nodes),
          resolved.log,
        );
      }
    }
    const nodes = layouts.map((node) => running.get(node.index)!);
    return clusterHandle(resolved, nodes, startedHere.length === 0);
  } catch (err) {
    // Leave nothing half-done behind: stop what this call started.
    for (const info of startedHere.reverse()) {
      await stopNodeProcess(nodeLayout(resolved, info.index), info.pid, { graceMs: 15_000 }).catch(
        () => undefined,
      );
    }
    throw err;
  } finally {
    lock.release();
  }
}

function clusterHandle(
  resolved: ResolvedOptions,
  nodes: NodeInfo[],
  alreadyRunning: boolean,
): RunningCluster {
  // heapMb is passed on only when it was asked for: otherwise a restart recomputes it (same memory,
  // same rule) and its start line says where it came from.
  const { signal: _ignored, heapMb, heapSource, ...others } = resolved;
  const rest = heapSource === 'option' ? { ...others, heapMb } : others;
  return {
    contactPoints: nodes.map((n) => n.contactPoint),
    nodes,
    alreadyRunning,
    dataDir: resolved.dataDir,
    stop: async () => {
      await stopCluster(rest);
    },
    stopNode: (index) => stopNode(index, rest),
    startNode: (index) => startNode(index, rest),
  };
}

/** How the launcher logs in to the nodes it starts with these options. */
function startLogin(resolved: ResolvedOptions): Credentials {
  const credentials = { username: resolved.username, password: resolved.password };
  if (!resolved.clientEncryption) return credentials;
  return { ...credentials, tls: probeTlsOptions(clientEncryptionMeta(resolved.clientEncryption)) };
}

/** How the launcher logs in to a node that runs: as its last start (node.json) set it up. */
function runningNodeLogin(resolved: ResolvedOptions, node: NodeLayout): Credentials {
  const meta = readNodeMeta(node);
  if (!meta) return startLogin(resolved);
  const credentials = { username: resolved.username, password: resolved.password };
  return meta.clientEncryption
    ? { ...credentials, tls: probeTlsOptions(meta.clientEncryption) }
    : credentials;
}

async function waitUntilAnswering(node: NodeLayout, resolved: ResolvedOptions): Promise<void> {
  const result = await waitForCql({
    contactPoint: contactPointOf(node),
    credentials: startLogin(resolved),
    timeoutMs: resolved.readyTimeoutMs,
    shouldStop: () => resolved.signal?.aborted === true,
  });
  if (!result.ok) {
    if (resolved.signal?.aborted) throw new StartAbortedError();
    throw startTimeout(node, resolved, result.lastError);
  }
  resolved.log(`Cassandra node ${node.index} (${node.address}) answers now that its peers run`);
}

async function startOneNode(
  node: NodeLayout,
  resolved: ResolvedOptions,
  provisioned: Provisioned,
  peersMissing = false,
): Promise<{ info: NodeInfo; waiting: boolean }> {
  const { log } = resolved;
  if (resolved.clientEncryption) checkClientEncryption(resolved.clientEncryption);
  await assertNodePortsFree(node);
  const seed = nodeLayout(resolved, 1);
  writeNodeConfig({
    node,
    clusterName: resolved.clusterName,
    seedAddress: seed.address,
    storagePort: seed.storagePort,
    ...(resolved.clientEncryption ? { clientEncryption: resolved.clientEncryption } : {}),
    overrides: resolved.yamlOverrides,
  });
  const args = buildJvmArgs({
    node,
    classpath: provisioned.classpath.jars,
    jammJar: provisioned.classpath.jammJar,
    heapMb: resolved.heapMb,
    ringDelayMs: resolved.nodes === 1 ? 1_000 : 5_000,
    extra: resolved.jvmArgs,
  });
  const which = resolved.nodes === 1 ? 'Cassandra' : `Cassandra node ${node.index} (${node.address})`;
  log(
    `${which} starting (data: ${node.dir}, log: ${node.systemLogPath}, heap: ${resolved.heapMb} MiB, ${resolved.heapReason})`,
  );
  const startedAt = Date.now();
  const proc = spawnNodeProcess(node, provisioned.jdk.java, args);
  writeNodeMeta(node, {
    index: node.index,
    address: node.address,
    nativePort: node.nativePort,
    storagePort: node.storagePort,
    jmxPort: node.jmxPort,
    pid: proc.pid,
    startedAt: new Date(startedAt).toISOString(),
    cassandraVersion: resolved.cassandraVersion,
    heapMb: resolved.heapMb,
    ...(resolved.clientEncryption
      ? { clientEncryption: clientEncryptionMeta(resolved.clientEncryption) }
      : {}),
  });
  const signal = resolved.signal;
  const result = await waitForCql({
    contactPoint: contactPointOf(node),
    credentials: startLogin(resolved),
    timeoutMs: resolved.readyTimeoutMs,
    shouldStop: () => proc.exit !== undefined || signal?.aborted === true,
    peersMissing,
  });
  if (result.ok) {
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    if (result.waitingForPeers) {
      log(`${which} answers CQL after ${seconds} s; logins wait for a quorum of its peers`);
    } else {
      log(
        `${which} ready after ${seconds} s at ${contactPointOf(node)} (Cassandra ${result.releaseVersion})`,
      );
    }
    return { info: nodeInfo(node, proc.pid, resolved.heapMb), waiting: result.waitingForPeers === true };
  }
  if (proc.exit !== undefined) {
    removePidFile(node);
    const death = diagnoseNodeDeath(node, {
      pid: proc.pid,
      exit: proc.exit,
      heapMb: resolved.heapMb,
      totalMemoryBytes: resolved.totalMemoryBytes,
    });
    const tail = nodeLogTail(node);
    const report = deathReport(death, `(${describeExit(proc.exit)})`);
    // Without log lines that show the cause, the end of the logs is the best there is.
    if (death.cause.evidence.length === 0) report.push('--- last lines ---', tail);
    throw new CassandraExitedError(death, report.join('\n'), tail);
  }
  await stopNodeProcess(node, proc.pid, { graceMs: 10_000 });
  if (signal?.aborted) throw new StartAbortedError();
  throw startTimeout(node, resolved, result.lastError);
}

function startTimeout(
  node: NodeLayout,
  resolved: ResolvedOptions,
  lastError: string,
): CassandraStartTimeoutError {
  return new CassandraStartTimeoutError(
    node.index,
    resolved.readyTimeoutMs,
    lastError,
    node.systemLogPath,
    nodeLogTail(node),
  );
}

function nodeInfo(node: NodeLayout, pid: number, heapMb: number | undefined): NodeInfo {
  return {
    index: node.index,
    address: node.address,
    contactPoint: contactPointOf(node),
    pid,
    dir: node.dir,
    systemLog: node.systemLogPath,
    jmxPort: node.jmxPort,
    heapMb,
  };
}

export interface StoppedNode {
  index: number;
  address: string;
  pid: number | undefined;
  outcome: 'not-running' | 'terminated' | 'killed' | 'stale-pid-file';
  seconds: number;
}

/** Stops every node found in the data folder (last node first) and removes their pid files. */
export async function stopCluster(options: ClusterOptions = {}): Promise<StoppedNode[]> {
  const resolved = resolveOptions(options);
  const stopped: StoppedNode[] = [];
  for (const node of knownNodes(resolved).reverse()) {
    stopped.push(await stopKnownNode(node, resolved));
  }
  return stopped;
}

export async function stopNode(index: number, options: ClusterOptions = {}): Promise<void> {
  const resolved = resolveOptions(options);
  await stopKnownNode(knownNodeLayout(resolved, index), resolved);
}

async function stopKnownNode(node: NodeLayout, resolved: ResolvedOptions): Promise<StoppedNode> {
  const record = readPidFile(node);
  const started = Date.now();
  const base = { index: node.index, address: node.address, pid: record?.pid };
  if (!record) return { ...base, outcome: 'not-running', seconds: 0 };
  if (!isNodeProcess(record.pid, node)) {
    removePidFile(node);
    resolved.log(`Node ${node.index}: removed stale pid file (process ${record.pid} is gone)`);
    return { ...base, outcome: 'stale-pid-file', seconds: 0 };
  }
  const graceMs = 30_000;
  const outcome = await stopNodeProcess(node, record.pid, {
    graceMs,
    onKill: () =>
      resolved.log(
        `Node ${node.index} (pid ${record.pid}) did not stop within ${graceMs / 1000} s of SIGTERM: sent SIGKILL`,
      ),
  });
  const seconds = (Date.now() - started) / 1000;
  resolved.log(
    `Stopped Cassandra node ${node.index} at ${node.address} (pid ${record.pid}) in ${seconds.toFixed(1)} s`,
  );
  return { ...base, outcome, seconds };
}

/** Starts one node of the cluster described by the options (the seed is node 1). */
export async function startNode(index: number, options: ClusterOptions = {}): Promise<NodeInfo> {
  const resolved = resolveOptions({ ...options, nodes: Math.max(options.nodes ?? 1, index) });
  const node = nodeLayout(resolved, index);
  const lock = await acquireStartLock(resolved.dataDir, {
    log: resolved.log,
    timeoutMs: resolved.readyTimeoutMs + 120_000,
  });
  try {
    const state = await reclaimNode(node, {
      log: resolved.log,
      credentials: runningNodeLogin(resolved, node),
      readyTimeoutMs: resolved.readyTimeoutMs,
    });
    if (state.state === 'running') return nodeInfo(node, state.pid, readNodeMeta(node)?.heapMb);
    return (await startOneNode(node, resolved, await provision(resolved))).info;
  } finally {
    lock.release();
  }
}

export interface NodeStatus {
  index: number;
  address: string;
  contactPoint: string;
  pid: number | undefined;
  state: 'up' | 'not-answering' | 'stopped' | 'stale-pid-file';
  releaseVersion?: string;
  cqlError?: string;
  systemLog: string;
  /** Why it stopped, when it died (its pid file outlived it). */
  death?: NodeDeath;
}

export interface ClusterStatus {
  dataDir: string;
  nodes: NodeStatus[];
  allUp: boolean;
}

export async function clusterStatus(options: ClusterOptions = {}): Promise<ClusterStatus> {
  const resolved = resolveOptions(options);
  const nodes: NodeStatus[] = [];
  for (const node of knownNodes(resolved)) {
    const inspection = await inspectNode(node, runningNodeLogin(resolved, node));
    const base = {
      index: node.index,
      address: node.address,
      contactPoint: contactPointOf(node),
      pid: inspection.pid,
      systemLog: node.systemLogPath,
    };
    if (inspection.cql?.ok) {
      nodes.push({ ...base, state: 'up', releaseVersion: inspection.cql.releaseVersion });
    } else if (inspection.processRunning) {
      nodes.push({ ...base, state: 'not-answering', cqlError: inspection.cql?.error ?? 'no answer' });
    } else if (inspection.stalePidFile) {
      const death = diagnoseNodeDeath(node, {
        pid: inspection.pid,
        totalMemoryBytes: resolved.totalMemoryBytes,
      });
      nodes.push({ ...base, state: 'stale-pid-file', death });
    } else {
      nodes.push({ ...base, state: 'stopped' });
    }
  }
  return {
    dataDir: resolved.dataDir,
    nodes,
    allUp: nodes.length > 0 && nodes.every((n) => n.state === 'up'),
  };
}
