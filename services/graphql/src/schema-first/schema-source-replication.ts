// GRAPHQL_SCHEMA_SOURCE_REPLICATION → the replication of the stargate_graphql keyspace, in
// Stargate's format: a replication factor ("3", SimpleStrategy) or "dc1=3,dc2=2" (NetworkTopologyStrategy).
import type { Replication } from '../../../common/src/cql/ddl.js';

export function parseSchemaSourceReplication(text: string): Replication {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed) && Number(trimmed) >= 1) {
    return { strategy: 'SimpleStrategy', replicationFactor: Number(trimmed) };
  }
  const datacenters: Record<string, number> = {};
  for (const entry of trimmed.split(',')) {
    const match = /^\s*([\w.-]+)\s*=\s*(\d+)\s*$/.exec(entry);
    if (!match || Number(match[2]) < 1) {
      throw new Error(`Invalid replication '${text}': use a replication factor (3) or dc1=3,dc2=2`);
    }
    datacenters[match[1]!] = Number(match[2]);
  }
  return { strategy: 'NetworkTopologyStrategy', datacenters };
}
