// The executors of deployed schemas, one per keyspace and version: /graphql/{keyspace} serves the
// deployed schema instead of the CQL-first one while the keyspace has a latest_version in
// stargate_graphql.schema_source. Which version is deployed is read at most once per `checkMs`
// per keyspace (a deploy made through another process shows within that time; one made through
// this process at once). A role that may not read stargate_graphql gets the CQL-first schema (its
// data access is authorized statement by statement either way). The executors are a bounded LRU,
// in count and in approximate bytes (a deployed schema of 100 entities of 30 fields holds ~10 MB,
// deployed-schema-bytes.ts); one that leaves is closed, and built again when asked for.

import { status as GrpcStatus } from '@grpc/grpc-js';
import { tokenKey } from '../../../common/src/auth/token-key.js';
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { tenantScopedKey } from '../../../common/src/tenancy/tenant-context.js';
import type { GraphqlExecutor } from '../execution/graphql-executor.js';
import type { GraphQLSchema } from '../graphql-js.js';
import type { ResolverDeps } from '../resolvers/graphql-context.js';
import { makeDeployedSchemaExecutable } from './deployed-schema.js';
import { deployedSchemaBytes } from './deployed-schema-bytes.js';
import type { BuiltVersion } from './schema-deployer.js';
import { mapDeployedSchema } from './schema-mapping.js';
import type { SchemaSourceStore } from './schema-source-store.js';

interface Checked {
  version: string | undefined;
  contents: string | undefined;
  at: number;
}

interface Deployed {
  version: string;
  executor: Promise<GraphqlExecutor>;
  /** Estimated from the SDL (deployed-schema-bytes.ts). */
  bytes: number;
}

export interface DeployedSchemasBounds {
  /** Executors kept (least recently used goes first). */
  maxExecutors: number;
  /** Their approximate heap bytes; one larger alone is kept alone. */
  maxExecutorBytes: number;
  /** Characters of deployed SDL kept with the versions checked. */
  maxCheckedChars: number;
}

export class DeployedSchemas {
  // Bounded: any keyspace name or token a client sends could otherwise add an entry for ever.
  private readonly checked: BoundedCache<string, Checked>;
  /** Tokens refused reading stargate_graphql: not asked again within checkMs. */
  private readonly denied: BoundedCache<string, true>;
  /** Only keyspaces with a deployed schema get an executor. */
  private readonly executors: BoundedCache<string, Deployed>;

  constructor(
    private readonly store: SchemaSourceStore,
    private readonly deps: ResolverDeps,
    private readonly createExecutor: (schema: GraphQLSchema) => Promise<GraphqlExecutor>,
    private readonly checkMs: number,
    bounds: DeployedSchemasBounds,
  ) {
    this.checked = new BoundedCache({
      maxEntries: 1000,
      maxChars: bounds.maxCheckedChars,
      charsOf: (checked, key) => (checked.contents?.length ?? 0) + key.length,
      oversized: 'alone',
    });
    this.executors = new BoundedCache({
      maxEntries: bounds.maxExecutors,
      maxChars: bounds.maxExecutorBytes,
      charsOf: (deployed, key) => deployed.bytes + key.length,
      oversized: 'alone',
      onDrop: (deployed) => {
        deployed.executor.then((e) => e.close()).catch(() => undefined);
      },
    });
    this.denied = new BoundedCache({ maxEntries: 10_000, ttlMs: checkMs });
  }

  /** The executor of the keyspace's deployed schema, or undefined when none is deployed. */
  async get(keyspace: string, token: string): Promise<GraphqlExecutor | undefined> {
    const now = Date.now();
    // Per tenant: two tenants' keyspaces of one name are two schemas.
    const key = tenantScopedKey(keyspace);
    let checked = this.checked.get(key);
    if (!checked || now - checked.at >= this.checkMs) {
      if (this.denied.has(tokenKey(token))) return undefined;
      let source: Awaited<ReturnType<SchemaSourceStore['current']>>;
      try {
        source = await this.store.current(keyspace, { token, deadlineMs: this.deps.deadlineMs });
      } catch (err) {
        if (!(err instanceof BridgeCallError && err.code === GrpcStatus.PERMISSION_DENIED)) throw err;
        this.denied.set(tokenKey(token), true);
        return undefined;
      }
      checked = { version: source?.version, contents: source?.contents, at: now };
      this.checked.set(key, checked);
    }
    if (!checked.version || checked.contents === undefined) {
      this.executors.delete(key); // closed by onDrop
      return undefined;
    }
    const known = this.executors.get(key);
    if (known?.version === checked.version) return known.executor;
    const contents = checked.contents;
    return this.serve(
      key,
      checked.version,
      contents,
      () => makeDeployedSchemaExecutable(mapDeployedSchema(contents), keyspace, this.deps).schema,
    );
  }

  /**
   * After a deploy or undeploy through this process. A deploy hands over the schema it built: it is
   * served as it is (building a large schema twice per deploy doubled its cost); otherwise the
   * version is read again on the next request.
   */
  changed(keyspace: string, built?: BuiltVersion): void {
    const key = tenantScopedKey(keyspace);
    if (!built) {
      this.checked.delete(key);
      return;
    }
    this.checked.set(key, { version: built.version, contents: built.contents, at: Date.now() });
    void this.serve(key, built.version, built.contents, () => built.schema).catch(() => undefined);
  }

  private serve(
    key: string,
    version: string,
    contents: string,
    schema: () => GraphQLSchema,
  ): Promise<GraphqlExecutor> {
    const executor = Promise.resolve()
      .then(() => this.createExecutor(schema()))
      .catch((err: unknown) => {
        if (this.executors.get(key)?.executor === executor) this.executors.delete(key);
        throw err;
      });
    this.executors.set(key, { version, executor, bytes: deployedSchemaBytes(contents) });
    return executor;
  }

  async clear(): Promise<void> {
    const all = this.executors.values().map((e) => e.executor);
    this.executors.clear();
    await Promise.allSettled(all.map(async (e) => (await e).close()));
  }

  /** Executors kept, for tests and metrics. */
  get size(): number {
    return this.executors.size;
  }
}
