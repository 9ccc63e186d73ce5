// The launcher's options, their defaults, and where each node lives: one folder, one address and
// its ports per node. Node numbers start at 1: node1 listens on the base address, node2 on the next.
import { isIPv4 } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientEncryption } from './client-encryption.js';
import type { JvmRoot } from './find-jdk.js';
import { chooseHeap, type HeapSource, machineMemoryBytes } from './heap-size.js';

export const DEFAULT_CASSANDRA_VERSION = '5.0.9';
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const defaultDataDir = join(repoRoot, '.local', 'cassandra');

export type LogFn = (line: string) => void;

export interface ClusterOptions {
  /** Folder holding every node's data, config, logs and pid file. Default `<repo>/.local/cassandra`. */
  dataDir?: string;
  /** How many nodes (default 1). */
  nodes?: number;
  /** Address of node 1; node i listens on base + (i - 1). Default 127.0.0.1. */
  baseAddress?: string;
  /**
   * Heap per node. Default: CASSANDRA_HEAP_MB when set, else a quarter of the memory, 1–4 GiB,
   * shared by the nodes of a cluster (at least 512 MiB each): see heap-size.ts.
   */
  heapMb?: number;
  /** The memory the default heap is computed from (default: this machine's, or its cgroup limit). */
  totalMemoryBytes?: number;
  nativePort?: number;
  storagePort?: number;
  /** JMX (loopback only) port of node 1, node i uses base + (i - 1). Default 7199 + the offset of baseAddress from 127.0.0.1. */
  jmxBasePort?: number;
  clusterName?: string;
  /** How long one node may take to answer CQL (default 180 s). */
  readyTimeoutMs?: number;
  /** When the cluster is already running: return it (true) or throw CassandraAlreadyRunningError. */
  reuseRunning?: boolean;
  username?: string;
  password?: string;
  cassandraVersion?: string;
  /** Extra or replaced top-level cassandra.yaml keys. */
  yamlOverrides?: Record<string, unknown>;
  /** TLS required on the CQL port (client_encryption_options); see client-encryption.ts. */
  clientEncryption?: ClientEncryption;
  /** Extra JVM arguments, appended last. */
  jvmArgs?: string[];
  /** Progress lines; default: printed to stdout. */
  log?: LogFn;
  /** Environment used to find the JDK, Maven and CASSANDRA_HEAP_MB (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where JDKs are searched after JAVA17_HOME and JAVA_HOME. */
  jvmRoots?: JvmRoot[];
  /** Aborting stops a node that is starting and rejects with StartAbortedError. */
  signal?: AbortSignal;
}

export interface ResolvedOptions {
  dataDir: string;
  nodes: number;
  baseAddress: string;
  heapMb: number;
  /** Where heapMb comes from, and why it has its value (for the start line). */
  heapSource: HeapSource;
  heapReason: string;
  totalMemoryBytes: number;
  nativePort: number;
  storagePort: number;
  jmxBasePort: number;
  clusterName: string;
  readyTimeoutMs: number;
  reuseRunning: boolean;
  username: string;
  password: string;
  cassandraVersion: string;
  yamlOverrides: Record<string, unknown>;
  clientEncryption: ClientEncryption | undefined;
  jvmArgs: string[];
  log: LogFn;
  env: NodeJS.ProcessEnv;
  jvmRoots: JvmRoot[] | undefined;
  signal: AbortSignal | undefined;
}

export interface NodeLayout {
  /** 1-based. */
  index: number;
  address: string;
  nativePort: number;
  storagePort: number;
  jmxPort: number;
  dir: string;
  dataDir: string;
  commitlogDir: string;
  hintsDir: string;
  savedCachesDir: string;
  cdcRawDir: string;
  triggersDir: string;
  confDir: string;
  yamlPath: string;
  logbackPath: string;
  logDir: string;
  systemLogPath: string;
  stdoutLogPath: string;
  pidPath: string;
  metaPath: string;
}

export function resolveOptions(options: ClusterOptions = {}): ResolvedOptions {
  const nodes = options.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9) {
    throw new RangeError(`nodes must be an integer from 1 to 9, got ${nodes}`);
  }
  const baseAddress = options.baseAddress ?? '127.0.0.1';
  if (!isIPv4(baseAddress)) throw new RangeError(`baseAddress must be an IPv4 address, got ${baseAddress}`);
  addressOf(baseAddress, nodes - 1); // throws when the range leaves the last octet
  const env = options.env ?? process.env;
  const totalMemoryBytes = options.totalMemoryBytes ?? machineMemoryBytes();
  const heap = chooseHeap({ optionMb: options.heapMb, env, totalMemoryBytes, nodes });
  return {
    dataDir: resolve(options.dataDir ?? defaultDataDir),
    nodes,
    baseAddress,
    heapMb: heap.heapMb,
    heapSource: heap.source,
    heapReason: heap.reason,
    totalMemoryBytes,
    nativePort: options.nativePort ?? 9042,
    storagePort: options.storagePort ?? 7000,
    jmxBasePort: options.jmxBasePort ?? defaultJmxBasePort(baseAddress),
    clusterName: options.clusterName ?? 'Local Cluster',
    readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
    reuseRunning: options.reuseRunning ?? false,
    username: options.username ?? 'cassandra',
    password: options.password ?? 'cassandra',
    cassandraVersion: options.cassandraVersion ?? DEFAULT_CASSANDRA_VERSION,
    yamlOverrides: options.yamlOverrides ?? {},
    clientEncryption: options.clientEncryption,
    jvmArgs: options.jvmArgs ?? [],
    log: options.log ?? ((line: string) => console.log(line)),
    env,
    jvmRoots: options.jvmRoots,
    signal: options.signal,
  };
}

/** 127.0.0.1 → 7199, 127.0.0.20 → 7218: clusters on distinct loopback addresses get distinct JMX ports. */
export function defaultJmxBasePort(baseAddress: string): number {
  const octets = baseAddress.split('.').map(Number);
  if (octets[0] === 127 && octets[1] === 0 && octets[2] === 0) return 7199 + Math.max(0, octets[3]! - 1);
  return 7199;
}

export function addressOf(baseAddress: string, offset: number): string {
  const octets = baseAddress.split('.').map(Number);
  const last = octets[3]! + offset;
  if (last > 254)
    throw new RangeError(`node address ${octets.slice(0, 3).join('.')}.${last} is out of range`);
  return `${octets[0]}.${octets[1]}.${octets[2]}.${last}`;
}

/** The files of a node's folder that tell how its runs went. */
export interface NodeFiles {
  dir: string;
  logDir: string;
  systemLogPath: string;
  stdoutLogPath: string;
  pidPath: string;
  metaPath: string;
}

export function nodeFiles(dir: string): NodeFiles {
  const logDir = join(dir, 'logs');
  return {
    dir,
    logDir,
    systemLogPath: join(logDir, 'system.log'),
    stdoutLogPath: join(logDir, 'stdout.log'),
    pidPath: join(dir, 'cassandra.pid'),
    metaPath: join(dir, 'node.json'),
  };
}

export function nodeLayout(options: ResolvedOptions, index: number): NodeLayout {
  const dir = join(options.dataDir, `node${index}`);
  const confDir = join(dir, 'conf');
  return {
    index,
    address: addressOf(options.baseAddress, index - 1),
    nativePort: options.nativePort,
    storagePort: options.storagePort,
    jmxPort: options.jmxBasePort + index - 1,
    dataDir: join(dir, 'data'),
    commitlogDir: join(dir, 'commitlog'),
    hintsDir: join(dir, 'hints'),
    savedCachesDir: join(dir, 'saved_caches'),
    cdcRawDir: join(dir, 'cdc_raw'),
    triggersDir: join(dir, 'triggers'),
    confDir,
    yamlPath: join(confDir, 'cassandra.yaml'),
    logbackPath: join(confDir, 'logback.xml'),
    ...nodeFiles(dir),
  };
}

export function clusterLayout(options: ResolvedOptions): NodeLayout[] {
  return Array.from({ length: options.nodes }, (_, i) => nodeLayout(options, i + 1));
}

export function contactPointOf(node: NodeLayout): string {
  return `${node.address}:${node.nativePort}`;
}
