// The fault suite's own 3-node Cassandra cluster (tools/cassandra-local, its own data folder and
// loopback addresses): started or reused, one node killed with SIGKILL and started again, and the
// wait until every node's failure detector sees every other node up.
import { join } from 'node:path';
import {
  clusterStatus,
  isProcessAlive,
  type NodeInfo,
  repoRoot,
  resetData,
  startCluster,
  startNode,
  stopCluster,
} from '../../tools/cassandra-local/index.js';
import { NodeLog, peerUpLine } from './gossip-log.js';
import { now } from './load/request-record.js';

/**
 * As production should run: auth caches valid well beyond their refresh interval (1 s here), so a
 * coordinator whose system_auth reads fail keeps serving the cached entries instead of stalling
 * each request for its read timeouts (Cassandra 5.0 reads auth data at LOCAL_QUORUM). With the
 * launcher's test setting (valid 2 s), requests in flight when quorum was lost hung up to 12 s.
 */
export const AUTH_CACHE_OVERRIDES = {
  roles_validity: '60000ms',
  permissions_validity: '60000ms',
  credentials_validity: '60000ms',
};

/** Where a cluster lives: its data folder, its node count and its first loopback address. */
export interface FaultClusterOptions {
  dataDir: string;
  nodes: number;
  baseAddress: string;
  yamlOverrides: Record<string, string>;
}

export const CLUSTER_OPTIONS: FaultClusterOptions = {
  dataDir: join(repoRoot, '.local', 'faults-cassandra'),
  nodes: 3,
  baseAddress: '127.0.0.40',
  yamlOverrides: AUTH_CACHE_OVERRIDES,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const KILL_WAIT_MS = 10_000;

export class FaultCluster {
  private constructor(
    private readonly nodes: NodeInfo[],
    private readonly log: (line: string) => void,
    /** Aborted when the run is torn down: nothing is killed or started any more. */
    private readonly signal: AbortSignal | undefined,
    private readonly options: FaultClusterOptions,
    /** The nodes were running already (reused, not started). */
    readonly alreadyRunning: boolean,
  ) {}

  /**
   * Starts the cluster, or reuses it when its nodes already run (an earlier --keep-cluster). A
   * stopped cluster's data is reset first (the launcher's resetData: logs and config stay), so every
   * run starts from the same empty cluster rather than from whatever earlier runs wrote.
   */
  static async start(
    log: (line: string) => void,
    signal?: AbortSignal,
    options: FaultClusterOptions = CLUSTER_OPTIONS,
  ): Promise<FaultCluster> {
    const status = await clusterStatus({ dataDir: options.dataDir });
    const running = status.nodes.filter((n) => n.state === 'up' || n.state === 'not-answering');
    if (running.length === 0 && status.nodes.length > 0) {
      const reset = await resetData({ dataDir: options.dataDir, log });
      log(`reset the stopped cluster's data (${reset.deleted.length} entries) for a fresh start`);
    }
    const cluster = await startCluster({
      ...options,
      reuseRunning: true,
      log,
      ...(signal ? { signal } : {}),
    });
    if (cluster.alreadyRunning) log(`reusing the running cluster at ${cluster.contactPoints.join(', ')}`);
    return new FaultCluster([...cluster.nodes], log, signal, options, cluster.alreadyRunning);
  }

  get contactPoints(): string[] {
    return this.nodes.map((n) => n.contactPoint);
  }

  node(index: number): NodeInfo {
    const node = this.nodes.find((n) => n.index === index);
    if (!node) throw new Error(`the cluster has no node ${index}`);
    return node;
  }

  nodeLog(index: number): NodeLog {
    return new NodeLog(this.node(index).systemLog);
  }

  /** kill -9 of the node's JVM (a crash: no drain, no gossip goodbye); resolves with the kill time. */
  async kill(index: number): Promise<number> {
    this.signal?.throwIfAborted();
    const { pid } = this.node(index);
    const at = now();
    process.kill(pid, 'SIGKILL');
    const deadline = at + KILL_WAIT_MS;
    while (isProcessAlive(pid)) {
      if (now() > deadline) throw new Error(`Cassandra node ${index} (pid ${pid}) survived SIGKILL`);
      await sleep(20);
    }
    this.log(`killed Cassandra node ${index} (pid ${pid}) with SIGKILL`);
    return at;
  }

  /** Starts a killed node again; resolves with the time it answers CQL. */
  async restart(index: number): Promise<number> {
    this.signal?.throwIfAborted();
    // Aborting stops a node that is starting (the launcher checks the signal while it waits).
    const info = await startNode(index, {
      ...this.options,
      log: this.log,
      ...(this.signal ? { signal: this.signal } : {}),
    });
    const at = now();
    this.nodes[this.nodes.findIndex((n) => n.index === index)] = info;
    return at;
  }

  /**
   * Waits until every other node logged the node as UP after `marks` (log offsets per node taken
   * before it went down) and the node itself saw every other node UP. Resolves with how long it took
   * from the call, or undefined when it did not happen within `timeoutMs`.
   */
  async waitSeenUp(
    index: number,
    marks: Map<number, number>,
    timeoutMs: number,
  ): Promise<number | undefined> {
    const started = now();
    const deadline = started + timeoutMs;
    const self = this.node(index);
    for (const other of this.nodes) {
      if (other.index === index) continue;
      const left = deadline - now();
      const seenByOther = await new NodeLog(other.systemLog).waitFor(
        peerUpLine(self.address),
        marks.get(other.index) ?? 0,
        left,
      );
      const seesOther = await new NodeLog(self.systemLog).waitFor(
        peerUpLine(other.address),
        marks.get(index) ?? 0,
        Math.max(0, deadline - now()),
      );
      if (seenByOther === undefined || seesOther === undefined) return undefined;
    }
    return now() - started;
  }

  /** Log offsets of every node now. */
  logMarks(): Map<number, number> {
    return new Map(this.nodes.map((n) => [n.index, new NodeLog(n.systemLog).mark()]));
  }
}

/** Stops every node of the cluster's data folder (also the half-started ones of an interrupted start). */
export async function stopFaultCluster(
  log: (line: string) => void,
  options: FaultClusterOptions = CLUSTER_OPTIONS,
): Promise<void> {
  await stopCluster({ dataDir: options.dataDir, log });
}
