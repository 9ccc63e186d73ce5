// The per-keyspace executors are bounded by the approximate heap of their schemas as well as by
// count: a schema of 120 tables of 30 columns holds ~9 MB (keyspace-schema-bytes.ts), so the 200
// the count allows could not fit a 160 MiB heap.
import { describe, expect, it } from 'vitest';
import type {
  KeyspaceDescription,
  SchemaCache,
} from '../../../../services/common/src/schema/schema-cache.js';
import type { GraphqlExecutor } from '../../../../services/graphql/src/execution/graphql-executor.js';
import { KeyspaceExecutors } from '../../../../services/graphql/src/execution/keyspace-executors.js';
import { keyspaceSchemaBytes } from '../../../../services/graphql/src/execution/keyspace-schema-bytes.js';
import type { GraphQLSchema } from '../../../../services/graphql/src/graphql-js.js';
import { TEXT } from '../support/sample-keyspace.js';

const MiB = 1024 * 1024;

function keyspaceOf(tables: number, columns: number): KeyspaceDescription {
  return {
    hash: { value: 1 },
    tables: Array.from({ length: tables }, (_, t) => ({
      name: `t${t}`,
      partitionKeyColumns: [{ name: 'id', type: TEXT }],
      columns: Array.from({ length: columns }, (_, c) => ({ name: `c${c}`, type: TEXT })),
    })),
  };
}

/** Executors over descriptions by keyspace name; counts those built and not yet closed. */
function executors(descriptions: (keyspace: string) => KeyspaceDescription, maxBytes: number) {
  const open = new Set<string>();
  const schemaCache = { get: async (keyspace: string) => descriptions(keyspace) } as unknown as SchemaCache;
  const keyspaces = new KeyspaceExecutors({
    schemaCache,
    buildSchema: (_description, keyspace) => ({ keyspace }) as unknown as GraphQLSchema,
    createExecutor: async (schema) => {
      const { keyspace } = schema as unknown as { keyspace: string };
      open.add(keyspace);
      return { close: async () => void open.delete(keyspace) } as unknown as GraphqlExecutor;
    },
    ttlMs: 60_000,
    maxEntries: 200,
    maxBytes,
  });
  return { keyspaces, open };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyspaceExecutors', () => {
  it('keeps the schemas of 30 large keyspaces within its byte budget, not its count', async () => {
    const wide = keyspaceOf(120, 30);
    expect(keyspaceSchemaBytes(wide)).toBeGreaterThan(9 * MiB);
    const { keyspaces, open } = executors(() => wide, 48 * MiB);
    for (let i = 0; i < 30; i++) expect(await keyspaces.get(`ks${i}`, 'token')).toBeDefined();
    await settled();
    expect(open.size).toBeLessThanOrEqual(5);
    expect(open.has('ks29')).toBe(true);
    expect(open.size * keyspaceSchemaBytes(wide)).toBeLessThanOrEqual(48 * MiB);
  });

  it('serves a keyspace larger than the whole budget, kept alone', async () => {
    const { keyspaces, open } = executors(
      (keyspace) => (keyspace === 'huge' ? keyspaceOf(600, 40) : keyspaceOf(2, 3)),
      48 * MiB,
    );
    await keyspaces.get('small1', 'token');
    await keyspaces.get('small2', 'token');
    const huge = await keyspaces.get('huge', 'token');
    await settled();
    expect([...open]).toEqual(['huge']);
    expect(await keyspaces.get('huge', 'token')).toBe(huge);
  });
});
