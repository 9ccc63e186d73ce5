// The bridge's cache of keyspace descriptions, over in-memory Cassandra clients: names asked in a
// loop stay within the negative cache's bound, a schema change forgets them, and descriptions of
// large keyspaces stay within the cache's byte budget.
import type cassandra from 'cassandra-driver';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { describeKeyspace } from '../../../services/bridge/src/schema/describe-keyspace.js';
import { describedKeyspaceBytes } from '../../../services/bridge/src/schema/described-keyspace-bytes.js';
import {
  DEFAULT_KEYSPACE_SCHEMA_CACHE_BOUNDS,
  KeyspaceSchemaCache,
} from '../../../services/bridge/src/schema/keyspace-schema-cache.js';

function emptyCluster(schemaVersion: { value: string }) {
  const reads = { keyspaces: 0 };
  const client = {
    async execute(cql: string) {
      if (cql.includes('system.local')) return { first: () => ({ schema_version: schemaVersion.value }) };
      reads.keyspaces++;
      return { first: () => undefined, rows: [] };
    },
  } as unknown as cassandra.Client;
  return { client, reads };
}

/** Every keyspace asked for exists, with `tables` tables of a key and `columns` text columns. */
function wideCluster(tables: number, columns: number) {
  const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}_${i}`);
  const tableRows = names(tables, 'table').map((table_name) => ({
    table_name,
    comment: '',
    default_time_to_live: 0,
    gc_grace_seconds: 864_000,
  }));
  const columnRows = tableRows.flatMap(({ table_name }) => [
    { table_name, column_name: 'id', kind: 'partition_key', position: 0, type: 'uuid' },
    ...names(columns, 'column').map((column_name) => ({
      table_name,
      column_name,
      kind: 'regular',
      position: -1,
      type: 'text',
    })),
  ]);
  const result = (rows: object[]) => ({ rows, first: () => rows[0] });
  const client = {
    async execute(cql: string) {
      if (cql.includes('system.local')) return result([{ schema_version: 'v1' }]);
      if (cql.includes('system_schema.keyspaces'))
        return result([{ durable_writes: true, replication: { class: 'SimpleStrategy' } }]);
      return result([]);
    },
    eachRow(
      cql: string,
      _p: unknown,
      _o: unknown,
      onRow: (n: number, row: object) => void,
      end: (e: null) => void,
    ) {
      if (cql.includes('system_schema.tables')) for (const row of tableRows) onRow(0, { ...row });
      if (cql.includes('system_schema.columns')) for (const row of columnRows) onRow(0, row);
      end(null);
    },
  } as unknown as cassandra.Client;
  return client;
}

describe('KeyspaceSchemaCache', () => {
  it('keeps the descriptions of 100 large keyspaces within its byte budget, not its count', async () => {
    // 120 tables of 30 columns: ~0.5 MB each once read; 1,000 of them would be ~500 MB.
    const client = wideCluster(120, 29);
    const stats = { hit: () => {}, miss: () => {} };
    const budget = 8 * 1024 * 1024;
    const cache = new KeyspaceSchemaCache(() => client, pino({ level: 'silent' }), stats, 1000, {
      ...DEFAULT_KEYSPACE_SCHEMA_CACHE_BOUNDS,
      keyspaces: { maxEntries: 1000, maxBytes: budget },
    });
    for (let k = 0; k < 100; k++) expect((await cache.get(`ks${k}`))?.tables).toHaveLength(120);
    await Promise.resolve();
    const each = describedKeyspaceBytes((await describeKeyspace(client, 'ks0'))!);
    expect(each).toBeGreaterThan(400_000);
    // All alike: as many as fit (with their names), the latest ones.
    expect(cache.sizes.keyspaces).toBe(Math.floor(budget / (each + 4)));
  });

  it('keeps 100,000 distinct unknown keyspace names within the negative cache bound', async () => {
    const { client, reads } = emptyCluster({ value: 'v1' });
    const stats = { hits: 0, misses: 0, hit: () => stats.hits++, miss: () => stats.misses++ };
    const cache = new KeyspaceSchemaCache(() => client, pino({ level: 'silent' }), stats, 1000, {
      keyspaces: { maxEntries: 100, maxBytes: 1024 * 1024 },
      missing: { maxEntries: 1000 },
    });
    let notFound = 0;
    for (let i = 0; i < 100_000; i++)
      if ((await cache.get(`no_such_keyspace_${i}`)) === undefined) notFound++;
    await Promise.resolve();
    expect(notFound).toBe(100_000);
    expect(cache.sizes).toEqual({ keyspaces: 0, missing: 1000 });
    expect(reads.keyspaces).toBe(100_000);
  });

  it('answers a name found missing from memory until the schema version changes', async () => {
    const version = { value: 'v1' };
    const { client, reads } = emptyCluster(version);
    const stats = { hit: () => {}, miss: () => {} };
    const cache = new KeyspaceSchemaCache(() => client, pino({ level: 'silent' }), stats);
    await cache.getFresh('ks');
    await cache.getFresh('ks');
    expect(reads.keyspaces).toBe(1);
    version.value = 'v2';
    await cache.getFresh('ks');
    expect([reads.keyspaces, cache.sizes.missing]).toEqual([2, 1]);
  });
});
