// The bridge's cache of keyspace descriptions. The hash check of ExecuteQueryWithSchema runs on
// every API request, so it must not read system_schema each time. An entry is dropped when this
// bridge runs a schema statement on its keyspace, and everything is dropped when the cluster's
// schema version changes (polled: catches DDL made through other replicas or cqlsh).
import type cassandra from 'cassandra-driver';
import type { Logger } from 'pino';
import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import { describeKeyspace } from './describe-keyspace.js';

export interface SchemaCacheStats {
  hit(): void;
  miss(): void;
}

export class KeyspaceSchemaCache {
  private readonly entries = new Map<string, Promise<CqlKeyspaceDescribe | undefined>>();
  private schemaVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: () => cassandra.Client,
    private readonly logger: Logger,
    private readonly stats: SchemaCacheStats,
    private readonly pollIntervalMs = 1000,
  ) {}

  async get(keyspace: string): Promise<CqlKeyspaceDescribe | undefined> {
    let entry = this.entries.get(keyspace);
    if (entry) {
      this.stats.hit();
      return entry;
    }
    this.stats.miss();
    entry = describeKeyspace(this.client(), keyspace);
    this.entries.set(keyspace, entry);
    // A failed read must not stay cached.
    entry.catch(() => this.entries.delete(keyspace));
    return entry;
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
    if (keyspace === undefined) this.entries.clear();
    else this.entries.delete(keyspace);
  }

  startPolling(): void {
    const poll = async () => {
      try {
        await this.checkSchemaVersion();
      } catch {
        // Cassandra down: nothing to learn; descriptions are re-read when it is back.
        this.entries.clear();
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
      this.entries.clear();
    }
    this.schemaVersion = version;
  }
}
