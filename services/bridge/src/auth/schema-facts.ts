// What authorization needs to know about a keyspace's schema beyond the statement's text: which
// user-defined functions and aggregates it defines (an aggregate runs its state and final
// functions; a UDF may share a native function's name) and which columns are masked (dynamic
// data masking). Read from system_schema with the bridge's session and cached briefly, like grants.

import type cassandra from 'cassandra-driver';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import type { Guard } from './token-store.js';

export interface AggregateParts {
  /** State and final functions, in the aggregate's keyspace. */
  stateFunction: string;
  finalFunction: string | undefined;
}

export interface KeyspaceFacts {
  /** Names of the keyspace's user-defined functions (any overload). */
  functions: ReadonlySet<string>;
  /** The keyspace's user-defined aggregates by name, one entry per overload. */
  aggregates: ReadonlyMap<string, readonly AggregateParts[]>;
  /** Table (or view) name → its masked columns. */
  maskedColumns: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface SchemaFacts {
  keyspace(name: string): Promise<KeyspaceFacts>;
}

const LOCAL_ONE = 10;
const read = { prepare: true, isIdempotent: true, consistency: LOCAL_ONE };
// Keyspace names come from callers' statements: the cache must not grow with them. What one
// keyspace's facts hold is the choice of whoever may create functions or mask columns: with every
// column of 120 tables of 33 columns masked, ~290 KB (measured with tools/measure/schema-entry-heap.ts
// --facts: ~75 bytes per name of 11 characters), so they are bounded in bytes too.
const MAX_KEYSPACES = 1000;
const MAX_FACTS_BYTES = 8 * 1024 * 1024;
/** Heap of one keyspace's facts without names, and per name kept (its Set or Map entry, its string). */
const FACTS_BYTES = 1024;
const NAME_BYTES = 80;

interface Cached {
  at: number;
  value: Promise<KeyspaceFacts>;
  /** Approximate heap once loaded (factsBytes); a load in flight counts for little. */
  bytes: number;
}

export class CassandraSchemaFacts implements SchemaFacts {
  private readonly cache = new BoundedCache<string, Cached>({
    maxEntries: MAX_KEYSPACES,
    maxChars: MAX_FACTS_BYTES,
    charsOf: (cached, keyspace) => cached.bytes + keyspace.length,
    oversized: 'alone',
  });

  constructor(
    private readonly client: () => cassandra.Client,
    private readonly cacheMs: number,
    private readonly guard: Guard = (_keyspace, _consistency, run) => run(),
  ) {}

  keyspace(name: string): Promise<KeyspaceFacts> {
    const hit = this.cache.get(name);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.value;
    const value = this.load(name);
    const at = Date.now();
    this.cache.set(name, { at, value, bytes: FACTS_BYTES });
    value.then(
      // Counted now that its size is known (older entries may leave for it).
      (facts) => {
        if (this.cache.get(name)?.value === value)
          this.cache.set(name, { at, value, bytes: factsBytes(facts) });
      },
      () => {
        if (this.cache.get(name)?.value === value) this.cache.delete(name);
      },
    );
    return value;
  }

  /** Keyspaces whose facts are kept, for tests and metrics. */
  get size(): number {
    return this.cache.size;
  }

  /** After this bridge changed a keyspace's schema (undefined: every keyspace). */
  invalidate(keyspace: string | undefined): void {
    if (keyspace === undefined) this.cache.clear();
    else this.cache.delete(keyspace);
  }

  private async load(keyspace: string): Promise<KeyspaceFacts> {
    const client = this.client();
    const select = (cql: string) =>
      this.guard('system_schema', LOCAL_ONE, () => client.execute(cql, [keyspace], read));
    const [functions, aggregates, masks] = await Promise.all([
      select('SELECT function_name FROM system_schema.functions WHERE keyspace_name = ?'),
      select(
        'SELECT aggregate_name, state_func, final_func FROM system_schema.aggregates WHERE keyspace_name = ?',
      ),
      select('SELECT table_name, column_name FROM system_schema.column_masks WHERE keyspace_name = ?'),
    ]);
    const facts = {
      functions: new Set(functions.rows.map((r) => String(r.function_name))),
      aggregates: new Map<string, AggregateParts[]>(),
      maskedColumns: new Map<string, Set<string>>(),
    };
    for (const r of aggregates.rows) {
      const name = String(r.aggregate_name);
      const parts = facts.aggregates.get(name) ?? [];
      parts.push({ stateFunction: String(r.state_func), finalFunction: r.final_func ?? undefined });
      facts.aggregates.set(name, parts);
    }
    for (const r of masks.rows) {
      const table = String(r.table_name);
      const columns = facts.maskedColumns.get(table) ?? new Set<string>();
      columns.add(String(r.column_name));
      facts.maskedColumns.set(table, columns);
    }
    return facts;
  }
}

function factsBytes(facts: KeyspaceFacts): number {
  const name = (text: string | undefined) => (text === undefined ? 0 : NAME_BYTES + text.length);
  let bytes = FACTS_BYTES;
  for (const f of facts.functions) bytes += name(f);
  for (const [aggregate, overloads] of facts.aggregates) {
    bytes += name(aggregate);
    for (const parts of overloads) bytes += name(parts.stateFunction) + name(parts.finalFunction);
  }
  for (const [table, columns] of facts.maskedColumns) {
    bytes += name(table);
    for (const column of columns) bytes += name(column);
  }
  return bytes;
}
