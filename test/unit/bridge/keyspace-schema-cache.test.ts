// The bridge's cache of keyspace descriptions, over an in-memory Cassandra client that knows no
// keyspace: names asked in a loop stay within the negative cache's bound, and a schema change
// forgets them.
import type cassandra from 'cassandra-driver';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { KeyspaceSchemaCache } from '../../../services/bridge/src/schema/keyspace-schema-cache.js';

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

describe('KeyspaceSchemaCache', () => {
  it('keeps 100,000 distinct unknown keyspace names within the negative cache bound', async () => {
    const { client, reads } = emptyCluster({ value: 'v1' });
    const stats = { hits: 0, misses: 0, hit: () => stats.hits++, miss: () => stats.misses++ };
    const cache = new KeyspaceSchemaCache(() => client, pino({ level: 'silent' }), stats, 1000, {
      keyspaces: { maxEntries: 100 },
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
