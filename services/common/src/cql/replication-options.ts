// A keyspace's replication, in the two forms it comes in: the options map Cassandra stores
// (system_schema.keyspaces.replication, or the text of a CQL map literal such as the bridge's
// keyspace descriptions and BRIDGE_AUTH_KEYSPACE_REPLICATION) and the replicas per datacenter
// that follow from it.
import type { Value__Output } from '../proto/generated/stargate/Value.js';

/** Replicas per datacenter; '*' is SimpleStrategy's count, which ignores datacenters. */
export type ReplicationFactors = Map<string, number>;

/** The SimpleStrategy entry of ReplicationFactors. */
export const ANY_DATACENTER = '*';

/**
 * "{'class': 'NetworkTopologyStrategy', 'dc1': '3'}" (values quoted or not, as CQL allows) →
 * {class: 'NetworkTopologyStrategy', dc1: '3'}. Keys without a value are left out.
 */
export function parseReplicationOptions(text: string | undefined): Record<string, string> {
  const options: Record<string, string> = {};
  const entry = /'((?:[^']|'')*)'\s*:\s*(?:'((?:[^']|'')*)'|([^\s,'}]+))/g;
  for (const m of (text ?? '').matchAll(entry)) {
    options[m[1]!.replace(/''/g, "'")] = (m[2] ?? m[3]!).replace(/''/g, "'");
  }
  return options;
}

/**
 * The replication column of a system_schema.keyspaces row (a map<text, text> value) → its
 * options; undefined when the row carries no map.
 */
export function replicationOptionsOf(value: Value__Output | undefined): Record<string, string> | undefined {
  const elements = value?.collection?.elements;
  if (!elements) return undefined;
  const options: Record<string, string> = {};
  for (let i = 0; i + 1 < elements.length; i += 2) {
    options[elements[i]!.string ?? ''] = elements[i + 1]!.string ?? '';
  }
  return options;
}

/**
 * Replication options → replicas per datacenter; undefined for local or unknown strategies (and a
 * map without counts), which have no factor to compare or count on.
 */
export function replicationFactors(
  replication: Map<string, string> | Record<string, string> | null | undefined,
): ReplicationFactors | undefined {
  if (!replication) return undefined;
  const options = replication instanceof Map ? Object.fromEntries(replication) : replication;
  const strategy = options.class ?? '';
  if (strategy.endsWith('SimpleStrategy')) {
    const rf = Number(options.replication_factor);
    return Number.isInteger(rf) && rf > 0 ? new Map([[ANY_DATACENTER, rf]]) : undefined;
  }
  if (!strategy.endsWith('NetworkTopologyStrategy')) return undefined;
  const factors: ReplicationFactors = new Map();
  for (const [dc, value] of Object.entries(options)) {
    // "3", or "3/1" with transient replicas: the first number counts every replica.
    const rf = Number.parseInt(String(value), 10);
    if (dc !== 'class' && Number.isInteger(rf) && rf > 0) factors.set(dc, rf);
  }
  return factors.size > 0 ? factors : undefined;
}

/** {dc1: 3, dc2: 3} / "SimpleStrategy 1": replication factors as a log line or message says them. */
export function describeFactors(factors: ReplicationFactors): string {
  const simple = factors.get(ANY_DATACENTER);
  if (simple !== undefined) return `SimpleStrategy with ${simple} replica(s)`;
  const dcs = [...factors].map(([dc, rf]) => `${dc}: ${rf}`).join(', ');
  return `NetworkTopologyStrategy {${dcs}}`;
}

export const replicationLiteralExpected =
  "a CQL map of SimpleStrategy or NetworkTopologyStrategy, e.g. {'class': 'NetworkTopologyStrategy', 'dc1': 3}";

/** What is wrong with a replication map literal that goes into DDL, or undefined when it is fine. */
export function replicationLiteralProblem(value: string): string | undefined {
  // It comes from configuration, not from users; still only one {...} literal is placed in DDL.
  if (!/^\{[^;{}]*\}$/.test(value.trim())) return 'it is not one {...} map literal';
  if (!replicationFactors(parseReplicationOptions(value))) {
    return 'it names neither SimpleStrategy with a replication_factor nor NetworkTopologyStrategy with a count per datacenter';
  }
  return undefined;
}
