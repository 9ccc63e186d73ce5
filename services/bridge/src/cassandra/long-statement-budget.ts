// The driver keeps the text of every statement it prepared (its cache counts statements:
// BRIDGE_MAX_PREPARED_STATEMENTS), so statements of ~1 MB (a long literal, a vector written inline)
// would fill the bridge's heap long before the count is reached. Long statements are therefore
// also counted in characters: once those prepared since the last reset add up to LONG_BUDGET_CHARS,
// the driver's prepared cache is cleared (every statement is prepared again at its next use, one
// round trip each). Short statements are bounded by the count alone (5,000 × 4 KB = 20 MB).
import type cassandra from 'cassandra-driver';

const LONG_STATEMENT_CHARS = 4096;

/** Whether the bridge's statement caches (classification, tenant rewrites, page sizes) keep `cql`. */
export function isKeptStatement(cql: string): boolean {
  return cql.length <= LONG_STATEMENT_CHARS;
}
const LONG_BUDGET_CHARS = 16 * 1024 * 1024;

interface Tally {
  /** Long statements prepared since the last reset (the driver holds these very strings). */
  keys: Set<string>;
  chars: number;
}

const tallies = new WeakMap<cassandra.Client, Tally>();

/** Call before the driver prepares `cql` on `client` (its keyspace is part of the driver's key). */
export function notePrepared(client: cassandra.Client, cql: string): void {
  if (isKeptStatement(cql)) return;
  let tally = tallies.get(client);
  if (!tally) {
    tally = { keys: new Set(), chars: 0 };
    tallies.set(client, tally);
  }
  const key = `${client.keyspace ?? ''}\u0000${cql}`;
  if (tally.keys.has(key)) return;
  if (tally.chars + cql.length > LONG_BUDGET_CHARS) {
    client.metadata.clearPrepared();
    tally.keys.clear();
    tally.chars = 0;
  }
  tally.keys.add(key);
  tally.chars += cql.length;
}
