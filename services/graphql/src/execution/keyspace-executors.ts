// One executor per keyspace, built from its description and rebuilt when the description's hash
// changes (a column added through REST or CQL shows up without a restart). The description comes
// from SchemaCache, whose entries data requests revalidate for free (ExecuteQueryWithSchema);
// a caller that suspects a stale schema (a validation error, an introspection query) asks for
// `refreshed`, which costs one DescribeKeyspace round trip (shared by concurrent callers).

import type { KeyspaceDescription, SchemaCache } from '../../../common/src/schema/schema-cache.js';
import { tenantScopedKey } from '../../../common/src/tenancy/tenant-context.js';
import type { GraphQLSchema } from '../graphql-js.js';
import type { GraphqlExecutor } from './graphql-executor.js';

export interface KeyspaceExecutorsOptions {
  schemaCache: SchemaCache;
  buildSchema(description: KeyspaceDescription, keyspace: string): GraphQLSchema;
  createExecutor(schema: GraphQLSchema): Promise<GraphqlExecutor>;
  /** Entries unused this long are dropped. */
  ttlMs: number;
  maxEntries: number;
}

interface Entry {
  hash: number | undefined;
  executor: Promise<GraphqlExecutor>;
  lastUsed: number;
}

export class KeyspaceExecutors {
  private readonly entries = new Map<string, Entry>();
  private readonly refreshing = new Map<string, Promise<KeyspaceDescription | undefined>>();

  constructor(private readonly options: KeyspaceExecutorsOptions) {}

  /** The executor for the keyspace's current schema; undefined when the keyspace does not exist. */
  async get(keyspace: string, token: string): Promise<GraphqlExecutor | undefined> {
    const description = await this.options.schemaCache.get(keyspace, { token });
    return description ? this.forDescription(keyspace, description) : this.forget(keyspace);
  }

  /** Like get, after asking the bridge whether the keyspace changed. */
  async refreshed(keyspace: string, token: string): Promise<GraphqlExecutor | undefined> {
    // Per tenant: two tenants' keyspaces of one name are two schemas.
    const key = tenantScopedKey(keyspace);
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.options.schemaCache
        .refresh(keyspace, { token })
        .finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    const description = await pending;
    return description ? this.forDescription(keyspace, description) : this.forget(keyspace);
  }

  /** Drops every executor (on shutdown). */
  async clear(): Promise<void> {
    const executors = [...this.entries.values()].map((e) => e.executor);
    this.entries.clear();
    await Promise.allSettled(executors.map(async (e) => (await e).close()));
  }

  private forget(keyspace: string): undefined {
    this.entries.delete(tenantScopedKey(keyspace));
    return undefined;
  }

  private forDescription(keyspace: string, description: KeyspaceDescription): Promise<GraphqlExecutor> {
    const hash = description.hash?.value;
    const now = Date.now();
    const key = tenantScopedKey(keyspace);
    const entry = this.entries.get(key);
    if (entry && entry.hash === hash) {
      entry.lastUsed = now;
      return entry.executor;
    }
    this.evict(now);
    const executor = Promise.resolve()
      .then(() => this.options.createExecutor(this.options.buildSchema(description, keyspace)))
      .catch((err: unknown) => {
        // Do not keep a failed build: the next request tries again.
        if (this.entries.get(key)?.executor === executor) this.entries.delete(key);
        throw err;
      });
    this.entries.set(key, { hash, executor, lastUsed: now });
    return executor;
  }

  private evict(now: number): void {
    for (const [keyspace, entry] of this.entries) {
      if (now - entry.lastUsed > this.options.ttlMs) this.entries.delete(keyspace);
    }
    while (this.entries.size >= this.options.maxEntries) {
      let oldest: [string, Entry] | undefined;
      for (const item of this.entries) if (!oldest || item[1].lastUsed < oldest[1].lastUsed) oldest = item;
      if (!oldest) break;
      this.entries.delete(oldest[0]);
    }
  }
}
