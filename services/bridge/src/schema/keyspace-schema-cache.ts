// The bridge's cache of keyspace descriptions. The hash check of ExecuteQueryWithSchema runs on
// every API request, so it must not read system_schema each time. An entry is dropped when this
// bridge runs a schema statement on its keyspace, and everything is dropped when the cluster's
// schema version changes (polled: catches DDL made through other replicas or cqlsh). Both the
// descriptions and the names found missing are bounded LRUs: keyspace names asked in a loop
// cannot grow memory, and unknown names cannot push the known keyspaces out. Descriptions are
// bounded in approximate bytes too: their size is the choice of whoever may create tables.
import type cassandra from 'cassandra-driver';
import type { Logger } from 'pino';
import { BoundedCache, type CacheBounds } from '../../../common/src/cache/bounded-cache.js';
import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import { describeKeyspace } from './describe-keyspace.js';
import { describedKeyspaceBytes } from './described-keyspace-bytes.js';

export interface SchemaCacheStats {
  hit(): void;
  miss(): void;
}

export interface KeyspaceSchemaCacheBounds {
  /**
   * Keyspace descriptions kept (and reads of them in flight), and their approximate heap bytes
   * (described-keyspace-bytes.ts); one larger than maxBytes alone is kept alone.
   */
  keyspaces: { maxEntries: number; maxBytes: number };
  /** Names that were found not to be keyspaces. */
  missing: CacheBounds;
}

export const DEFAULT_KEYSPACE_SCHEMA_CACHE_BOUNDS: KeyspaceSchemaCacheBounds = {
  // One of 120 tables of 20–40 columns holds ~0.6 MB: 1,000 could hold 600 MB.
  keyspaces: { maxEntries: 1000, maxBytes: 32 * 1024 * 1024 },
  missing: { maxEntries: 1000 },
};

type Description = Promise<CqlKeyspaceDescribe | undefined>;

interface Entry {
  read: Description;
  /** Approximate heap of the description once read (a read in flight counts for little). */
  bytes: number;
}

export class KeyspaceSchemaCache {
  private readonly entries: BoundedCache<string, Entry>;
  private readonly missing: BoundedCache<string, true>;
  private schemaVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: () => cassandra.Client,
    private readonly logger: Logger,
    private readonly stats: SchemaCacheStats,
    private readonly pollIntervalMs = 1000,
    readonly bounds: KeyspaceSchemaCacheBounds = DEFAULT_KEYSPACE_SCHEMA_CACHE_BOUNDS,
  ) {
    this.entries = new BoundedCache({
      maxEntries: bounds.keyspaces.maxEntries,
      maxChars: bounds.keyspaces.maxBytes,
      charsOf: (entry, keyspace) => entry.bytes + keyspace.length,
      oversized: 'alone',
    });
    this.missing = new BoundedCache(bounds.missing);
  }

  async get(keyspace: string): Promise<CqlKeyspaceDescribe | undefined> {
    if (this.missing.has(keyspace)) {
      this.stats.hit();
      return undefined;
    }
    const entry = this.entries.get(keyspace);
    if (entry) {
      this.stats.hit();
      return entry.read;
    }
    this.stats.miss();
    const read = describeKeyspace(this.client(), keyspace);
    this.entries.set(keyspace, { read, bytes: 1 });
    const isCurrent = () => this.entries.get(keyspace)?.read === read;
    read.then(
      (description) => {
        if (!isCurrent()) return;
        if (description === undefined) {
          // "No such keyspace" moves to the negative cache, so unknown names never fill `entries`.
          this.entries.delete(keyspace);
          this.missing.set(keyspace, true);
        } else {
          // Counted now that its size is known (older entries may leave for it).
          this.entries.set(keyspace, { read, bytes: describedKeyspaceBytes(description) });
        }
      },
      // A failed read must not stay cached.
      () => {
        if (isCurrent()) this.entries.delete(keyspace);
      },
    );
    return read;
  }

  /** Entries held (each cache bounded by `bounds`), for tests and metrics. */
  get sizes(): { keyspaces: number; missing: number } {
    return { keyspaces: this.entries.size, missing: this.missing.size };
  }

  /**
   * Like get(), but first checks the cluster's schema version now instead of trusting the last
   * poll: DescribeKeyspace is how an API revalidates, so it must see a table created a moment
   * ago through cqlsh or another replica.
   */
  async getFresh(keyspace: string): Promise<CqlKeyspaceDescribe | undefined> {
    await this.checkSchemaVersion();
    return this.get(keyspace);
  }

  invalidate(keyspace: string | undefined): void {
    if (keyspace === undefined) {
      this.entries.clear();
      this.missing.clear();
    } else {
      this.entries.delete(keyspace);
      this.missing.delete(keyspace);
    }
  }

  startPolling(): void {
    const poll = async () => {
      try {
        await this.checkSchemaVersion();
      } catch {
        // Cassandra down: nothing to learn; descriptions are re-read when it is back.
        this.invalidate(undefined);
      }
      this.timer = setTimeout(poll, this.pollIntervalMs);
      this.timer.unref();
    };
    void poll();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private async checkSchemaVersion(): Promise<void> {
    const rs = await this.client().execute('SELECT schema_version FROM system.local', [], {
      readTimeout: 2000,
    });
    const version = String(rs.first()?.schema_version ?? '');
    if (this.schemaVersion !== undefined && version !== this.schemaVersion) {
      this.logger.debug({ version }, 'schema version changed: dropping cached keyspace descriptions');
      this.invalidate(undefined);
    }
    this.schemaVersion = version;
  }
}
