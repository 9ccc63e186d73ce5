// node.json in each node's folder: where the node was last started (address and ports), so
// `stop` and `status` find every node of a data folder whatever options they are given.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientEncryptionMeta } from './client-encryption.js';
import { type NodeLayout, nodeLayout, type ResolvedOptions } from './options.js';

export interface NodeMeta {
  index: number;
  address: string;
  nativePort: number;
  storagePort: number;
  jmxPort: number;
  pid: number;
  startedAt: string;
  cassandraVersion: string;
  /** -Xmx of that start (absent in folders from before it was recorded). */
  heapMb?: number;
  /** Set when the node requires TLS on its CQL port: how the launcher's probes connect. */
  clientEncryption?: ClientEncryptionMeta;
}

export function writeNodeMeta(node: NodeLayout, meta: NodeMeta): void {
  writeFileSync(node.metaPath, `${JSON.stringify(meta, null, 2)}\n`);
}

export function readNodeMeta(node: Pick<NodeLayout, 'metaPath'>): NodeMeta | undefined {
  try {
    return JSON.parse(readFileSync(node.metaPath, 'utf8')) as NodeMeta;
  } catch {
    return undefined;
  }
}

/** Node numbers that have a folder in the data folder. */
export function nodeIndexesOnDisk(dataDir: string): number[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => /^node(\d+)$/.exec(entry.name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The layout of a node, with address and ports as it was last started when node.json says so. */
export function knownNodeLayout(options: ResolvedOptions, index: number): NodeLayout {
  const layout = nodeLayout(options, index);
  const meta = readNodeMeta(layout);
  if (!meta) return layout;
  return {
    ...layout,
    address: meta.address,
    nativePort: meta.nativePort,
    storagePort: meta.storagePort,
    jmxPort: meta.jmxPort,
  };
}

/** Nodes 1..options.nodes plus any other node folder found on disk. */
export function knownNodes(options: ResolvedOptions): NodeLayout[] {
  const indexes = new Set<number>(Array.from({ length: options.nodes }, (_, i) => i + 1));
  for (const index of nodeIndexesOnDisk(options.dataDir)) indexes.add(index);
  return [...indexes].sort((a, b) => a - b).map((index) => knownNodeLayout(options, index));
}

export function nodeDirExists(options: ResolvedOptions, index: number): boolean {
  return existsSync(join(options.dataDir, `node${index}`));
}
