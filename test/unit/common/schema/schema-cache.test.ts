// The API's schema freshness (SchemaCache) against an in-memory bridge: bounded memory whatever
// names clients ask for, one refresh in flight per keyspace, one revalidation before "not found",
// and a changed keyspace handed back for a new translation.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { BridgeCallError } from '../../../../services/common/src/bridge/bridge-call-error.js';
import type { BridgeClient } from '../../../../services/common/src/bridge/bridge-client.js';
import { decodedDescriptionBytes } from '../../../../services/common/src/schema/decoded-description-bytes.js';
import {
  DEFAULT_SCHEMA_CACHE_BOUNDS,
  type KeyspaceDescription,
  KeyspaceNotFoundError,
  SchemaCache,
  TableNotFoundError,
} from '../../../../services/common/src/schema/schema-cache.js';

function description(keyspace: string, hash: number, tables: string[]): KeyspaceDescription {
  return {
    cqlKeyspace: { name: keyspace },
    hash: { value: hash },
    tables: tables.map((name) => ({
      name,
      partitionKeyColumns: [{ name: 'id', type: { basic: 13 } }],
      clusteringKeyColumns: [],
      staticColumns: [],
      columns: [{ name: 'v', type: { basic: 13 } }],
    })),
  } as unknown as KeyspaceDescription;
}

// One error object for every miss: building 100,000 stack traces would be most of a test's time.
const notFound = new BridgeCallError(GrpcStatus.NOT_FOUND, 'Keyspace not found');

/** A bridge that knows the given keyspaces (changeable) and counts its DescribeKeyspace calls. */
function fakeBridge(keyspaces: Map<string, KeyspaceDescription>) {
  const calls = { describe: 0 };
  const bridge = {
    async describeKeyspace(query: { keyspaceName: string; hash?: { value?: number } }) {
      calls.describe++;
      await Promise.resolve();
      const found = keyspaces.get(query.keyspaceName);
      if (!found) throw notFound;
      return query.hash?.value === found.hash?.value ? {} : found;
    },
    async executeQueryWithSchemaEncoded(query: { keyspaceName: string; keyspaceHash: number }) {
      const found = keyspaces.get(query.keyspaceName);
      if (!found) return { noKeyspace: {} };
      if (found.hash?.value !== query.keyspaceHash) return { newKeyspace: found };
      return { encodedResponse: ENCODED_RESPONSE };
    },
  };
  return { bridge: bridge as unknown as BridgeClient, calls };
}

const options = { token: 't' };
/** Response{result_set{}} as the bridge would send it. */
const ENCODED_RESPONSE = Buffer.from([0x0a, 0x00]);

describe('SchemaCache', () => {
  it('keeps its memory at its bounds when 100,000 distinct unknown keyspaces are asked for', async () => {
    const { bridge } = fakeBridge(new Map());
    const cache = new SchemaCache(bridge, 60_000, {
      maxKeyspaces: 100,
      maxDescriptionBytes: 1024 * 1024,
      ttlMs: 60_000,
      maxMissing: 500,
      maxRefreshing: 100,
    });
    let notFound = 0;
    for (let i = 0; i < 100_000; i++) {
      const name = `no_such_keyspace_${i}`;
      const asked =
        i % 2 === 0
          ? cache.get(name, options, { maxAgeMs: 1000 })
          : cache.table(name, 't', options).catch((err: unknown) => {
              if (!(err instanceof KeyspaceNotFoundError)) throw err;
            });
      if ((await asked) === undefined) notFound++;
    }
    expect(notFound).toBe(100_000);
    expect(cache.sizes).toEqual({ keyspaces: 0, missing: 500, refreshing: 0 });
  });

  it('keeps the descriptions of 100 large keyspaces within its byte budget, not its count', async () => {
    // 120 tables of 30 columns: ~1 MB of decoded objects and table views each; 1,000 would be ~1 GB.
    const keyspaces = new Map<string, KeyspaceDescription>();
    const columns = Array.from({ length: 29 }, (_, c) => `column_${c}`);
    for (let k = 0; k < 100; k++) {
      const wide = description(`ks${k}`, k + 1, []);
      wide.tables = Array.from({ length: 120 }, (_, t) => ({
        ...description('', 0, [`table_${t}`]).tables![0]!,
        columns: columns.map((name) => ({ name, type: { basic: 13, spec: 'basic' } })),
      }));
      keyspaces.set(`ks${k}`, wide);
    }
    const { bridge } = fakeBridge(keyspaces);
    const budget = 8 * 1024 * 1024;
    const cache = new SchemaCache(bridge, 60_000, {
      ...DEFAULT_SCHEMA_CACHE_BOUNDS,
      maxDescriptionBytes: budget,
    });
    for (let k = 0; k < 100; k++)
      expect((await cache.table(`ks${k}`, 'table_7', options)).name).toBe('table_7');
    expect(decodedDescriptionBytes(keyspaces.get('ks0')!)).toBeGreaterThan(500_000);
    // All alike: as many as fit (with their keys), the latest ones.
    expect(cache.sizes.keyspaces).toBe(
      Math.floor(budget / (decodedDescriptionBytes(keyspaces.get('ks0')!) + 4)),
    );
  });

  it('shares one DescribeKeyspace between concurrent refreshes of a keyspace', async () => {
    const { bridge, calls } = fakeBridge(new Map([['ks', description('ks', 1, ['a'])]]));
    const cache = new SchemaCache(bridge);
    const answers = await Promise.all([1, 2, 3, 4].map(() => cache.refresh('ks', options)));
    expect(calls.describe).toBe(1);
    expect(answers.every((a) => a?.cqlKeyspace?.name === 'ks')).toBe(true);
  });

  it('revalidates once before reporting a table missing, and finds a table created since', async () => {
    const keyspaces = new Map([['ks', description('ks', 1, ['a'])]]);
    const { bridge, calls } = fakeBridge(keyspaces);
    const cache = new SchemaCache(bridge);
    expect((await cache.table('ks', 'a', options)).name).toBe('a');
    keyspaces.set('ks', description('ks', 2, ['a', 'b']));
    const view = await cache.table('ks', 'b', options);
    expect([view.name, view.keyspaceHash, calls.describe]).toEqual(['b', 2, 2]);
    await expect(cache.table('ks', 'c', options)).rejects.toBeInstanceOf(TableNotFoundError);
    expect(calls.describe).toBe(3);
  });

  it('answers a description confirmed within maxAgeMs from memory, an older one after asking', async () => {
    const { bridge, calls } = fakeBridge(new Map([['ks', description('ks', 1, ['a'])]]));
    const cache = new SchemaCache(bridge);
    await cache.get('ks', options, { maxAgeMs: 60_000 });
    await cache.get('ks', options, { maxAgeMs: 60_000 });
    expect(calls.describe).toBe(1);
    await cache.get('ks', options, { maxAgeMs: -1 });
    expect(calls.describe).toBe(2);
  });

  it('hands back the new description when the keyspace changed under a query, and caches it', async () => {
    const keyspaces = new Map([['ks', description('ks', 1, ['a'])]]);
    const { bridge, calls } = fakeBridge(keyspaces);
    const cache = new SchemaCache(bridge);
    const view = await cache.table('ks', 'a', options);
    keyspaces.set('ks', description('ks', 2, ['a', 'b']));
    const sent = await cache.send('ks', view.keyspaceHash, { cql: 'SELECT 1' }, options);
    expect('moved' in sent && sent.moved.hash?.value).toBe(2);
    expect((await cache.table('ks', 'b', options)).keyspaceHash).toBe(2);
    expect(calls.describe).toBe(1);
    const again = await cache.send('ks', 2, { cql: 'SELECT 1' }, options);
    expect('response' in again).toBe(true);
  });

  it('hands over the encoded response as it came, or the new description (cached), or keyspace not found', async () => {
    const keyspaces = new Map([['ks', description('ks', 1, ['a'])]]);
    const { bridge } = fakeBridge(keyspaces);
    const cache = new SchemaCache(bridge);
    const view = await cache.table('ks', 'a', options);
    const sent = await cache.sendEncoded('ks', view.keyspaceHash, { cql: 'SELECT 1' }, options);
    expect('encodedResponse' in sent && sent.encodedResponse).toBe(ENCODED_RESPONSE);
    keyspaces.set('ks', description('ks', 2, ['a', 'b']));
    const moved = await cache.sendEncoded('ks', view.keyspaceHash, { cql: 'SELECT 1' }, options);
    expect('moved' in moved && moved.moved.hash?.value).toBe(2);
    expect((await cache.table('ks', 'b', options)).keyspaceHash).toBe(2);
    keyspaces.delete('ks');
    await expect(cache.sendEncoded('ks', 2, { cql: 'SELECT 1' }, options)).rejects.toBeInstanceOf(
      KeyspaceNotFoundError,
    );
  });
});
