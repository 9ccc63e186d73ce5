// Reads a CQL replication map literal, the format of BRIDGE_AUTH_KEYSPACE_REPLICATION
// (schemas/config/bridge.json: `{'class': 'NetworkTopologyStrategy', 'dc1': 3}`), and says what
// the token keyspace's replication must be for a Cassandra cluster: NetworkTopologyStrategy with
// min(3, nodes) replicas in each datacenter, the rule k8ssandra-operator applies to the keyspaces
// it manages (v1.32.5 pkg/cassandra/util.go ComputeReplicationFromDatacenters(3, ...), used for
// system_auth, system_distributed, system_traces and Reaper's keyspace). SimpleStrategy ignores
// datacenters and racks; with one replica, tokens on a restarting node cannot be read.
import type { Datacenter } from './storage-topology.js';

/** The map's entries as strings, or undefined when the text is not one flat map literal. */
export function parseReplication(text: string | undefined): Map<string, string> | undefined {
  const body = /^\s*\{(.*)\}\s*$/s.exec(text ?? '')?.[1];
  if (body === undefined) return undefined;
  const entries = new Map<string, string>();
  const entry = /^\s*'((?:[^']|'')*)'\s*:\s*(?:'((?:[^']|'')*)'|(\d+))\s*(?:,|$)/;
  let rest = body;
  while (rest.trim() !== '') {
    const match = entry.exec(rest);
    if (!match) return undefined;
    entries.set(match[1]!.replace(/''/g, "'"), (match[2] ?? match[3]!).replace(/''/g, "'"));
    rest = rest.slice(match[0].length);
  }
  return entries;
}

/** Problems with a replication value for a cluster of these datacenters; empty when right. */
export function checkReplication(text: string | undefined, datacenters: readonly Datacenter[]): string[] {
  const entries = parseReplication(text);
  if (!entries) return [`${String(text)} is not a CQL replication map`];
  const strategy = entries.get('class')?.replace(/^org\.apache\.cassandra\.locator\./, '');
  if (strategy !== 'NetworkTopologyStrategy') return [`${String(text)} is not NetworkTopologyStrategy`];
  const problems: string[] = [];
  const wanted = new Map(datacenters.map((dc) => [dc.cassandraName, Math.min(3, dc.size)]));
  for (const [dc, factor] of wanted) {
    const actual = entries.get(dc);
    if (actual === undefined) problems.push(`${String(text)} gives datacenter ${dc} no replicas`);
    else if (Number(actual) !== factor) {
      problems.push(
        `${String(text)} gives datacenter ${dc} ${actual} replicas, not min(3, nodes) = ${factor}`,
      );
    }
  }
  for (const key of entries.keys()) {
    if (key !== 'class' && !wanted.has(key)) {
      problems.push(`${String(text)} names datacenter ${key}, which the cluster does not have`);
    }
  }
  return problems;
}
