// The bridge's cache of keyspace descriptions. The hash check of ExecuteQueryWithSchema runs on
// every API request, so it must not read system_schema each time. An entry is dropped when this
// bridge runs a schema statement on its keyspace, and everything is dropped when the cluster's
// schema version changes (polled: catches DDL made through other replicas or cqlsh). Both the
// descriptions and the names found missing are bounded LRUs: keyspace names asked in a loop
// cannot grow memory, and unknown names cannot push the known keyspaces out.
import type cassandra from 'cassandra-driver';
import type { Logger } from 'pino';
import { BoundedCache, type CacheBounds } from '../../../common/src/cache/bounded-cache.js';
import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import { describeKeyspace } from './describe-keyspace.js';

export interface SchemaCacheStats {
  hit(): void;
  miss(): void;
}

export interface KeyspaceSchemaCacheBounds {
  /** Keyspace descriptions kept (and reads of them in flight). */
  keyspaces: CacheBounds;
  /** Names that were found not to be keyspaces. */
  missing: CacheBounds;
}

export const DEFAULT_KEYSPACE_SCHEMA_CACHE_BOUNDS: KeyspaceSchemaCacheBounds = {
  keyspaces: { maxEntries: 1000 },
  missing: { maxEntries: 1000 },
};

type Description = Promise<CqlKeyspaceDescribe | undefined>;

export class KeyspaceSchemaCache {
  private readonly entries: BoundedCache<string, Description>;
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
    this.entries = new BoundedCache(bounds.keyspaces);
    this.missing = new BoundedCache(bounds.missing);
  }

  async get(keyspace: string): Promise<CqlKeyspaceDescribe | undefined> {
    if (this.missing.has(keyspace)) {
      this.stats.hit();
      return undefined;
    }
    let entry = this.entries.get(keyspace);
    if (entry) {
      this.stats.hit();
      return entry;
    }
    this.stats.miss();
    const read = describeKeyspace(this.client(), keyspace);
    entry = read;
    this.entries.set(keyspace, read);
    read.then(
      (description) => {
        // "No such keyspace" moves to the negative cache, so unknown names never fill `entries`.
        if (description === undefined && this.entries.get(keyspace) === read) {
          this.entries.delete(keyspace);
          this.missing.set(keyspace, true);
        }
      },
      // A failed read must not stay cached.
      () => {
        if (this.entries.get(keyspace) === read) this.entries.delete(keyspace);
      },
    );
    return entry;
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
