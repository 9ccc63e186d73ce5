// Auth tokens live in Cassandra in Stargate's layout (data_endpoint_auth.token), so any bridge
// replica accepts a token another one issued. Each token has a sliding TTL: reading it through
// resolve() writes it again with a fresh TTL.
import { randomUUID } from 'node:crypto';
import type cassandra from 'cassandra-driver';
import { types } from '../codecs/driver-types.js';

export const AUTH_KEYSPACE = 'data_endpoint_auth';
// "token" is a CQL keyword, so the table name is quoted.
const TABLE = `${AUTH_KEYSPACE}."token"`;
const write = { prepare: true, consistency: types.consistencies.localQuorum };
const read = { prepare: true, consistency: types.consistencies.localQuorum, isIdempotent: true };

/** Runs a statement of a keyspace at a consistency level, failing fast in an outage. */
export type Guard = <T>(keyspace: string, consistency: number, run: () => Promise<T>) => Promise<T>;

export interface TokenRecord {
  username: string;
}

export class TokenStore {
  private schemaReady: Promise<void> | undefined;

  constructor(
    private readonly client: () => cassandra.Client,
    private readonly ttlSeconds: number,
    private readonly replication: string,
    /** Runs a read or write of the keyspace so that it fails fast in an outage (CassandraSession.guarded). */
    private readonly guard: Guard = (_keyspace, _consistency, run) => run(),
  ) {
    // The replication map comes from configuration, not from users; still refuse anything that
    // is not a single {...} map literal before it is placed in DDL.
    if (!/^\{[^;{}]*\}$/.test(replication.trim())) {
      throw new Error(`BRIDGE_AUTH_KEYSPACE_REPLICATION must be a CQL map literal, got ${replication}`);
    }
  }

  ensureSchema(): Promise<void> {
    this.schemaReady ??= (async () => {
      const client = this.client();
      await client.execute(
        `CREATE KEYSPACE IF NOT EXISTS ${AUTH_KEYSPACE} WITH replication = ${this.replication}`,
      );
      await client.execute(
        `CREATE TABLE IF NOT EXISTS ${TABLE} (auth_token uuid PRIMARY KEY, username text, created_timestamp int)`,
      );
    })().catch((err) => {
      this.schemaReady = undefined;
      throw err;
    });
    return this.schemaReady;
  }

  async issue(username: string): Promise<string> {
    await this.ensureSchema();
    const token = randomUUID();
    await this.client().execute(
      `INSERT INTO ${TABLE} (auth_token, username, created_timestamp) VALUES (?, ?, ?) USING TTL ?`,
      [types.Uuid.fromString(token), username, Math.floor(Date.now() / 1000), this.ttlSeconds],
      write,
    );
    return token;
  }

  /** The token's user, extending its lifetime; undefined if unknown or expired. */
  async resolve(token: string): Promise<TokenRecord | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) return undefined;
    await this.ensureSchema();
    const id = types.Uuid.fromString(token);
    const quorum = types.consistencies.localQuorum;
    const rs = await this.guard(AUTH_KEYSPACE, quorum, () =>
      this.client().execute(
        `SELECT username, created_timestamp FROM ${TABLE} WHERE auth_token = ?`,
        [id],
        read,
      ),
    );
    const row = rs.first();
    if (!row) return undefined;
    await this.guard(AUTH_KEYSPACE, quorum, () =>
      this.client().execute(
        `INSERT INTO ${TABLE} (auth_token, username, created_timestamp) VALUES (?, ?, ?) USING TTL ?`,
        [id, row.username, row.created_timestamp, this.ttlSeconds],
        write,
      ),
    );
    return { username: String(row.username) };
  }
}
