// One executor per keyspace, built from its description and rebuilt when the description's hash
// changes (a column added through REST or CQL shows up without a restart). The description comes
// from SchemaCache, whose entries data requests revalidate for free (ExecuteQueryWithSchema);
// a caller that suspects a stale schema (a validation error, an introspection query) asks for
// `refreshed`, which costs one DescribeKeyspace round trip (SchemaCache shares it between
// concurrent callers). Executors are held in a bounded LRU: `maxEntries` and `maxBytes` (estimated
// from the description: one keyspace of a hundred wide tables holds ~10 MB), dropped after `ttlMs`
// unused; one that leaves (dropped, or replaced by a new schema) is closed, which gives back its
// share of the kept-text budget. A keyspace larger than `maxBytes` alone is still served, alone.

import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import type { KeyspaceDescription, SchemaCache } from '../../../common/src/schema/schema-cache.js';
import { tenantScopedKey } from '../../../common/src/tenancy/tenant-context.js';
import type { GraphQLSchema } from '../graphql-js.js';
import type { GraphqlExecutor } from './graphql-executor.js';
import { keyspaceSchemaBytes } from './keyspace-schema-bytes.js';

export interface KeyspaceExecutorsOptions {
  schemaCache: SchemaCache;
  buildSchema(description: KeyspaceDescription, keyspace: string): GraphQLSchema;
  createExecutor(schema: GraphQLSchema): Promise<GraphqlExecutor>;
  /** Entries unused this long are dropped. */
  ttlMs: number;
  maxEntries: number;
  /** Approximate heap bytes of all executors kept (keyspace-schema-bytes.ts). */
  maxBytes: number;
}

interface Entry {
  hash: number | undefined;
  executor: Promise<GraphqlExecutor>;
  /** Estimated from the description it is built from. */
  bytes: number;
}

export class KeyspaceExecutors {
  private readonly entries: BoundedCache<string, Entry>;

  constructor(private readonly options: KeyspaceExecutorsOptions) {
    this.entries = new BoundedCache({
      maxEntries: options.maxEntries,
      maxChars: options.maxBytes,
      charsOf: (entry, key) => entry.bytes + key.length,
      oversized: 'alone',
      ttlMs: options.ttlMs,
      touchOnGet: true,
      onDrop: (entry) => {
        entry.executor.then((e) => e.close()).catch(() => undefined);
      },
    });
  }

  /** The executor for the keyspace's current schema; undefined when the keyspace does not exist. */
  async get(keyspace: string, token: string): Promise<GraphqlExecutor | undefined> {
    const description = await this.options.schemaCache.get(keyspace, { token });
    return description ? this.forDescription(keyspace, description) : this.forget(keyspace);
  }

  /** Like get, after asking the bridge whether the keyspace changed. */
  async refreshed(keyspace: string, token: string): Promise<GraphqlExecutor | undefined> {
    const description = await this.options.schemaCache.refresh(keyspace, { token });
    return description ? this.forDescription(keyspace, description) : this.forget(keyspace);
  }

  /** Drops every executor (on shutdown). */
  async clear(): Promise<void> {
    const executors = this.entries.values().map((e) => e.executor);
    this.entries.clear();
    await Promise.allSettled(executors.map(async (e) => (await e).close()));
  }

  private forget(keyspace: string): undefined {
    this.entries.delete(tenantScopedKey(keyspace));
    return undefined;
  }

  private forDescription(keyspace: string, description: KeyspaceDescription): Promise<GraphqlExecutor> {
    const hash = description.hash?.value;
    // Per tenant: two tenants' keyspaces of one name are two schemas.
    const key = tenantScopedKey(keyspace);
    const entry = this.entries.get(key);
    if (entry && entry.hash === hash) return entry.executor;
    const executor = Promise.resolve()
      .then(() => this.options.createExecutor(this.options.buildSchema(description, keyspace)))
      .catch((err: unknown) => {
        // Do not keep a failed build: the next request tries again.
        if (this.entries.get(key)?.executor === executor) this.entries.delete(key);
        throw err;
      });
    this.entries.set(key, { hash, executor, bytes: keyspaceSchemaBytes(description) });
    return executor;
  }
}
