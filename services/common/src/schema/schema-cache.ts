// The API side of Stargate's schema contract: keyspace descriptions cached per process and
// revalidated by hash. A data request builds its query from the cached description and sends it
// with ExecuteQueryWithSchema: one bridge round trip in the steady state; if the keyspace changed,
// the bridge answers with the new description and the query is rebuilt and sent again.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeCallError } from '../bridge/bridge-call-error.js';
import type { BridgeClient, RequestOptions } from '../bridge/bridge-client.js';
import type { CqlKeyspaceDescribe__Output } from '../proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { Query } from '../proto/generated/stargate/Query.js';
import type { Response__Output } from '../proto/generated/stargate/Response.js';
import { tenantScopedKey } from '../tenancy/tenant-context.js';

export type KeyspaceDescription = CqlKeyspaceDescribe__Output;

interface Entry {
  description: KeyspaceDescription;
  lastUsed: number;
}

const MAX_ATTEMPTS = 3;

export class KeyspaceNotFoundError extends Error {
  constructor(readonly keyspace: string) {
    super(`Keyspace '${keyspace}' not found`);
    this.name = 'KeyspaceNotFoundError';
  }
}

export class SchemaCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly bridge: BridgeClient,
    private readonly ttlMs = 300_000,
    private readonly maxEntries = 1000,
  ) {}

  /** The cached description, or a fresh one; undefined when the keyspace does not exist. */
  async get(keyspace: string, options: RequestOptions): Promise<KeyspaceDescription | undefined> {
    const entry = this.entries.get(tenantScopedKey(keyspace));
    if (entry && Date.now() - entry.lastUsed < this.ttlMs) {
      entry.lastUsed = Date.now();
      return entry.description;
    }
    return this.refresh(keyspace, options);
  }

  /** Asks the bridge whether the cached copy is still current (empty reply = unchanged). */
  async refresh(keyspace: string, options: RequestOptions): Promise<KeyspaceDescription | undefined> {
    const key = tenantScopedKey(keyspace);
    const cached = this.entries.get(key);
    try {
      const reply = await this.bridge.describeKeyspace(
        { keyspaceName: keyspace, hash: cached?.description.hash ?? undefined },
        options,
      );
      const description = reply.cqlKeyspace ? reply : cached?.description;
      if (!description) return undefined;
      this.store(key, description);
      return description;
    } catch (err) {
      if (err instanceof BridgeCallError && err.code === GrpcStatus.NOT_FOUND) {
        this.entries.delete(key);
        return undefined;
      }
      throw err;
    }
  }

  /** Runs the query built from the current description; rebuilds it if the schema moved on. */
  async execute(
    keyspace: string,
    build: (description: KeyspaceDescription) => Query,
    options: RequestOptions,
  ): Promise<{ response: Response__Output; description: KeyspaceDescription }> {
    let description = await this.get(keyspace, options);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (!description) throw new KeyspaceNotFoundError(keyspace);
      const query = build(description);
      const reply = await this.bridge.executeQueryWithSchema(
        { query, keyspaceName: keyspace, keyspaceHash: description.hash?.value ?? 0 },
        options,
      );
      if (reply.response) return { response: reply.response, description };
      if (reply.noKeyspace) {
        this.entries.delete(tenantScopedKey(keyspace));
        throw new KeyspaceNotFoundError(keyspace);
      }
      description = reply.newKeyspace;
      if (description) this.store(tenantScopedKey(keyspace), description);
    }
    throw new BridgeCallError(
      GrpcStatus.ABORTED,
      `The schema of keyspace '${keyspace}' kept changing; try again`,
    );
  }

  invalidate(keyspace: string): void {
    this.entries.delete(tenantScopedKey(keyspace));
  }

  /** key: tenantScopedKey(keyspace), so two tenants' keyspaces of one name are two entries. */
  private store(key: string, description: KeyspaceDescription): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = [...this.entries.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (oldest) this.entries.delete(oldest[0]);
    }
    this.entries.set(key, { description, lastUsed: Date.now() });
  }
}
