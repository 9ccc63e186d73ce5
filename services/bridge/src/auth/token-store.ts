// Auth tokens live in Cassandra in Stargate's layout (data_endpoint_auth.token), so any bridge
// replica accepts a token another one issued. Each token has a sliding TTL: reading it through
// resolve() writes it again with a fresh TTL.
//
// Several bridges may create the keyspace and table at once on a new cluster, each through its own
// coordinator. The table gets a fixed id, so two concurrent creations make the same table (with
// random ids they would make two, and the nodes would disagree on which one holds the tokens); the
// bridge then waits until every node knows it, because IF NOT EXISTS answers at once on a node that
// already has it, before the other nodes do; and a statement that still meets a node without it
// (unconfigured table) runs once more after that wait.
import { randomUUID } from 'node:crypto';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type cassandra from 'cassandra-driver';
import { AUTH_KEYSPACE } from '../../../common/src/auth/private-keyspaces.js';
import { replicationLiteralProblem } from '../../../common/src/cql/replication-options.js';
import { types } from '../codecs/driver-types.js';
import { fromDriverError } from '../errors/from-driver-error.js';

// "token" is a CQL keyword, so the table name is quoted.
const TABLE = `${AUTH_KEYSPACE}."token"`;
/** The token table's id in every cluster this bridge creates it in (see above). */
export const TOKEN_TABLE_ID = '5f3b3c52-7a3e-4c0e-9f4e-2b1d6a9e0c17';
const write = { prepare: true, consistency: types.consistencies.localQuorum };
const read = { prepare: true, consistency: types.consistencies.localQuorum, isIdempotent: true };
// The driver's own wait after a schema change it made (maxSchemaAgreementWaitSeconds).
const SCHEMA_AGREEMENT_WAIT_MS = 10_000;
const SCHEMA_AGREEMENT_POLL_MS = 200;

/** Runs a statement of a keyspace at a consistency level, failing fast in an outage. */
export type Guard = <T>(keyspace: string, consistency: number, run: () => Promise<T>) => Promise<T>;

export interface TokenRecord {
  username: string;
}

export interface TokenStoreOptions {
  client: () => cassandra.Client;
  ttlSeconds: number;
  /** BRIDGE_AUTH_KEYSPACE_REPLICATION: the keyspace's replication when this bridge creates it. */
  replication: string;
  /** Runs a read or write of the keyspace so that it fails fast in an outage (CassandraSession.guarded). */
  guard?: Guard;
  /** Runs once the keyspace and table exist (the replication check); must not throw. */
  onSchemaReady?: (client: cassandra.Client) => Promise<void>;
}

export class TokenStore {
  private schemaReady: Promise<void> | undefined;
  private checked = false;
  private readonly client: () => cassandra.Client;
  private readonly ttlSeconds: number;
  private readonly replication: string;
  private readonly guard: Guard;

  constructor(private readonly options: TokenStoreOptions) {
    this.client = options.client;
    this.ttlSeconds = options.ttlSeconds;
    this.replication = options.replication.trim();
    this.guard = options.guard ?? ((_keyspace, _consistency, run) => run());
    const problem = replicationLiteralProblem(this.replication);
    if (problem) {
      throw new Error(`BRIDGE_AUTH_KEYSPACE_REPLICATION=${options.replication} is not usable: ${problem}`);
    }
  }

  ensureSchema(): Promise<void> {
    this.schemaReady ??= (async () => {
      const client = this.client();
      await client.execute(
        `CREATE KEYSPACE IF NOT EXISTS ${AUTH_KEYSPACE} WITH replication = ${this.replication}`,
      );
      await client.execute(
        `CREATE TABLE IF NOT EXISTS ${TABLE} (auth_token uuid PRIMARY KEY, username text, created_timestamp int) ` +
          `WITH ID = ${TOKEN_TABLE_ID}`,
      );
      await waitForSchemaAgreement(client);
      if (!this.checked) {
        this.checked = true;
        await this.options.onSchemaReady?.(client);
      }
    })().catch((err) => {
      this.schemaReady = undefined;
      throw err;
    });
    return this.schemaReady;
  }

  /** Runs a statement of the token table; once more after the schema wait if a node did not know the table yet. */
  private async withSchema<T>(run: () => Promise<T>): Promise<T> {
    await this.ensureSchema();
    try {
      return await run();
    } catch (err) {
      if (!isMissingSchema(err)) throw err;
      this.schemaReady = undefined;
      await this.ensureSchema();
      return run();
    }
  }

  async issue(username: string): Promise<string> {
    const token = randomUUID();
    await this.withSchema(() =>
      this.client().execute(
        `INSERT INTO ${TABLE} (auth_token, username, created_timestamp) VALUES (?, ?, ?) USING TTL ?`,
        [types.Uuid.fromString(token), username, Math.floor(Date.now() / 1000), this.ttlSeconds],
        write,
      ),
    );
    return token;
  }

  /** The token's user, extending its lifetime; undefined if unknown or expired. */
  async resolve(token: string): Promise<TokenRecord | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) return undefined;
    const id = types.Uuid.fromString(token);
    const quorum = types.consistencies.localQuorum;
    const rs = await this.withSchema(() =>
      this.guard(AUTH_KEYSPACE, quorum, () =>
        this.client().execute(
          `SELECT username, created_timestamp FROM ${TABLE} WHERE auth_token = ?`,
          [id],
          read,
        ),
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

/** A statement failed because its coordinator does not know the keyspace or table (yet). */
function isMissingSchema(err: unknown): boolean {
  const e = fromDriverError(err);
  return (
    e.code === GrpcStatus.INVALID_ARGUMENT && /unconfigured table|keyspace .* does not exist/i.test(e.message)
  );
}

/** Waits until every node that is up has the same schema version (gives up quietly after the driver's 10 s). */
async function waitForSchemaAgreement(client: cassandra.Client): Promise<void> {
  // The driver has Metadata#checkSchemaAgreement (it queries system.local and system.peers), but
  // its typings leave it out.
  const metadata = client.metadata as unknown as { checkSchemaAgreement(): Promise<boolean> };
  const deadline = Date.now() + SCHEMA_AGREEMENT_WAIT_MS;
  while (!(await metadata.checkSchemaAgreement())) {
    if (Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, SCHEMA_AGREEMENT_POLL_MS));
  }
}
