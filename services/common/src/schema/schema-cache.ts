// The API side of Stargate's schema contract, and the one home of schema freshness for REST,
// GraphQL and Docs: keyspace descriptions cached per process (a bounded LRU with TTL), keyspaces
// found missing remembered in a bounded negative cache, one refresh per keyspace in flight at a
// time (shared by concurrent callers), and tables looked up with one revalidation before they are
// reported missing. A data request builds its query from the cached view (a pure translation in
// the API) and sends it with ExecuteQueryWithSchema: one bridge round trip in the steady state;
// if the keyspace changed, the bridge answers with the new description, which is cached and
// handed back so the caller translates again.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeCallError } from '../bridge/bridge-call-error.js';
import type { BridgeClient, RequestOptions } from '../bridge/bridge-client.js';
import { BoundedCache } from '../cache/bounded-cache.js';
import type { CqlKeyspaceDescribe__Output } from '../proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { Query } from '../proto/generated/stargate/Query.js';
import type { QueryWithSchemaResponse__Output } from '../proto/generated/stargate/QueryWithSchemaResponse.js';
import type { Response__Output } from '../proto/generated/stargate/Response.js';
import { type MessageCodec, messageCodec } from '../proto/message-codec.js';
import { tenantScopedKey } from '../tenancy/tenant-context.js';
import { decodedDescriptionBytes } from './decoded-description-bytes.js';
import { type TableView, tableView } from './table-view.js';

export type KeyspaceDescription = CqlKeyspaceDescribe__Output;

interface Known {
  description: KeyspaceDescription;
  /** When the bridge last confirmed this description (ms since epoch). */
  validatedAt: number;
  /** Approximate heap it holds (decoded-description-bytes.ts). */
  bytes: number;
}

export interface SchemaCacheBounds {
  /** Descriptions kept (least recently used goes first). */
  maxKeyspaces: number;
  /**
   * Approximate heap bytes of the descriptions kept (decoded-description-bytes.ts): one of 120
   * tables of 20–40 columns holds ~1.5 MB with its table views, so 1,000 could hold 1.5 GB; one
   * larger than this alone is kept alone.
   */
  maxDescriptionBytes: number;
  /** A description unused this long is dropped (ms). */
  ttlMs: number;
  /** Missing keyspace names remembered (least recently used goes first). */
  maxMissing: number;
  /** Refreshes in flight tracked for sharing (beyond it, a refresh is simply not shared). */
  maxRefreshing: number;
}

export const DEFAULT_SCHEMA_CACHE_BOUNDS: SchemaCacheBounds = {
  maxKeyspaces: 1000,
  maxDescriptionBytes: 24 * 1024 * 1024,
  ttlMs: 300_000,
  maxMissing: 1000,
  maxRefreshing: 1000,
};

/** How often a query is rebuilt because the keyspace changed under it before giving up. */
export const SCHEMA_ATTEMPTS = 3;

export class KeyspaceNotFoundError extends Error {
  constructor(readonly keyspace: string) {
    super(`Keyspace '${keyspace}' not found`);
    this.name = 'KeyspaceNotFoundError';
  }
}

export class TableNotFoundError extends Error {
  constructor(
    readonly keyspace: string,
    readonly table: string,
  ) {
    super(`Table '${table}' not found in keyspace '${keyspace}'`);
    this.name = 'TableNotFoundError';
  }
}

/** The hash ExecuteQueryWithSchema checks a description by. */
export function keyspaceHash(description: KeyspaceDescription): number {
  return description.hash?.value ?? 0;
}

let responseCodec: MessageCodec<unknown, Response__Output> | undefined;
function decodeResponse(bytes: Buffer): Response__Output {
  responseCodec ??= messageCodec<unknown, Response__Output>('stargate.Response');
  return responseCodec.decode(bytes);
}

/** The answer of send(): the response, or the keyspace's newer description to translate again with. */
export type Sent = { response: Response__Output } | { moved: KeyspaceDescription };

/** The answer of sendEncoded(): the bridge's encoded Response, or the newer description. */
export type SentEncoded = { encodedResponse: Buffer } | { moved: KeyspaceDescription };

/** Freshness a caller asks for: a description confirmed by the bridge at most this long ago. */
export interface Freshness {
  maxAgeMs?: number;
}

export class SchemaCache {
  private readonly known: BoundedCache<string, Known>;
  /** Keyspace name → when the bridge last answered "no such keyspace". */
  private readonly missing: BoundedCache<string, number>;
  private readonly refreshing: BoundedCache<string, Promise<KeyspaceDescription | undefined>>;

  constructor(
    private readonly bridge: BridgeClient,
    ttlMs = DEFAULT_SCHEMA_CACHE_BOUNDS.ttlMs,
    readonly bounds: SchemaCacheBounds = { ...DEFAULT_SCHEMA_CACHE_BOUNDS, ttlMs },
  ) {
    this.known = new BoundedCache({
      maxEntries: bounds.maxKeyspaces,
      maxChars: bounds.maxDescriptionBytes,
      charsOf: (known, key) => known.bytes + key.length,
      oversized: 'alone',
      ttlMs: bounds.ttlMs,
      touchOnGet: true,
    });
    this.missing = new BoundedCache({ maxEntries: bounds.maxMissing, ttlMs: bounds.ttlMs });
    this.refreshing = new BoundedCache({ maxEntries: bounds.maxRefreshing });
  }

  /**
   * The cached description, or a fresh one; undefined when the keyspace does not exist. Without
   * `maxAgeMs` any cached description is used (data requests revalidate it for free) and a missing
   * keyspace is always asked about again; with it, either answer is reused only if that recent.
   */
  async get(
    keyspace: string,
    options: RequestOptions,
    freshness: Freshness = {},
  ): Promise<KeyspaceDescription | undefined> {
    const { maxAgeMs } = freshness;
    const entry = this.known.get(tenantScopedKey(keyspace));
    if (entry && (maxAgeMs === undefined || Date.now() - entry.validatedAt <= maxAgeMs)) {
      return entry.description;
    }
    if (!entry && maxAgeMs !== undefined) {
      const missingAt = this.missing.get(tenantScopedKey(keyspace));
      if (missingAt !== undefined && Date.now() - missingAt <= maxAgeMs) return undefined;
    }
    return this.refresh(keyspace, options);
  }

  /**
   * Asks the bridge whether the cached copy is still current (empty reply = unchanged). Concurrent
   * refreshes of one keyspace with one token share a round trip.
   */
  refresh(keyspace: string, options: RequestOptions): Promise<KeyspaceDescription | undefined> {
    const key = `${options.token}\u0000${tenantScopedKey(keyspace)}`;
    const pending = this.refreshing.get(key);
    if (pending) return pending;
    const started = this.describe(keyspace, options).finally(() => {
      if (this.refreshing.get(key) === started) this.refreshing.delete(key);
    });
    this.refreshing.set(key, started);
    return started;
  }

  /**
   * The table's view from the cached description; a table (or keyspace) missing from it may have
   * been created since (by another API process), so the description is revalidated once before
   * KeyspaceNotFoundError or TableNotFoundError.
   */
  async table(keyspace: string, table: string, options: RequestOptions): Promise<TableView> {
    let description = await this.get(keyspace, options);
    for (let revalidated = false; ; revalidated = true) {
      if (!description) throw new KeyspaceNotFoundError(keyspace);
      const view = tableView(description, table);
      if (view) return view;
      if (revalidated) throw new TableNotFoundError(keyspace, table);
      description = await this.refresh(keyspace, options);
    }
  }

  /**
   * Sends a query built from the description of hash `keyspaceHash`: the response, or (if the
   * keyspace changed since) the new description, now cached, for the caller to build the query again.
   */
  async send(keyspace: string, keyspaceHash: number, query: Query, options: RequestOptions): Promise<Sent> {
    const sent = await this.sendEncoded(keyspace, keyspaceHash, query, options);
    return 'moved' in sent ? sent : { response: decodeResponse(sent.encodedResponse) };
  }

  /** send() with the response left as the bridge's encoded bytes (see BridgeClient). */
  async sendEncoded(
    keyspace: string,
    keyspaceHash: number,
    query: Query,
    options: RequestOptions,
  ): Promise<SentEncoded> {
    const reply = await this.bridge.executeQueryWithSchemaEncoded(
      { query, keyspaceName: keyspace, keyspaceHash },
      options,
    );
    if ('encodedResponse' in reply) return reply;
    return { moved: this.movedTo(keyspace, reply) };
  }

  /** The keyspace's new description from a reply without a response, now cached. */
  private movedTo(keyspace: string, reply: QueryWithSchemaResponse__Output): KeyspaceDescription {
    if (reply.noKeyspace || !reply.newKeyspace) {
      this.forget(keyspace, Date.now());
      throw new KeyspaceNotFoundError(keyspace);
    }
    this.store(keyspace, reply.newKeyspace);
    return reply.newKeyspace;
  }

  /** Forgets what is known of the keyspace (after this process changed its schema). */
  invalidate(keyspace: string): void {
    this.known.delete(tenantScopedKey(keyspace));
    this.missing.delete(tenantScopedKey(keyspace));
    for (const key of this.refreshing.keys()) {
      if (key.endsWith(`\u0000${tenantScopedKey(keyspace)}`)) this.refreshing.delete(key);
    }
  }

  /** Entries held, for tests and metrics: every one is bounded by `bounds`. */
  get sizes(): { keyspaces: number; missing: number; refreshing: number } {
    return { keyspaces: this.known.size, missing: this.missing.size, refreshing: this.refreshing.size };
  }

  private async describe(
    keyspace: string,
    options: RequestOptions,
  ): Promise<KeyspaceDescription | undefined> {
    const cached = this.known.get(tenantScopedKey(keyspace));
    try {
      const reply = await this.bridge.describeKeyspace(
        { keyspaceName: keyspace, hash: cached?.description.hash ?? undefined },
        options,
      );
      const description = reply.cqlKeyspace ? reply : cached?.description;
      if (!description) {
        this.forget(keyspace, Date.now());
        return undefined;
      }
      this.store(keyspace, description);
      return description;
    } catch (err) {
      if (err instanceof BridgeCallError && err.code === GrpcStatus.NOT_FOUND) {
        this.forget(keyspace, Date.now());
        return undefined;
      }
      throw err;
    }
  }

  private store(keyspace: string, description: KeyspaceDescription): void {
    this.missing.delete(tenantScopedKey(keyspace));
    const key = tenantScopedKey(keyspace);
    const known = this.known.get(key);
    // Revalidated (the same object): its size is known.
    const bytes = known?.description === description ? known.bytes : decodedDescriptionBytes(description);
    this.known.set(key, { description, validatedAt: Date.now(), bytes });
  }

  private forget(keyspace: string, at: number): void {
    this.known.delete(tenantScopedKey(keyspace));
    this.missing.set(tenantScopedKey(keyspace), at);
  }
}

/** The error when a keyspace kept changing under a query for SCHEMA_ATTEMPTS rebuilds. */
export function schemaKeptChanging(keyspace: string): BridgeCallError {
  return new BridgeCallError(
    GrpcStatus.ABORTED,
    `The schema of keyspace '${keyspace}' kept changing; try again`,
  );
}
