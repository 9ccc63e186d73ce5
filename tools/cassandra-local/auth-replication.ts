// Multi-node clusters: system_auth starts with replication factor 1, so losing the one node that
// holds a role would make logins fail. Raise it to min(3, nodes) and rewrite the superuser role so
// every replica has it (fault tests stop nodes on purpose).
import cassandra from 'cassandra-driver';
import type { LogFn } from './options.js';
import type { Credentials } from './readiness.js';

export async function replicateAuth(
  contactPoints: readonly string[],
  credentials: Credentials,
  replicationFactor: number,
  log: LogFn,
): Promise<void> {
  const client = new cassandra.Client({
    contactPoints: [...contactPoints],
    localDataCenter: 'datacenter1',
    credentials: { username: credentials.username, password: credentials.password },
    ...(credentials.tls ? { sslOptions: credentials.tls } : {}),
    socketOptions: { readTimeout: 30_000 },
  });
  try {
    await client.connect();
    const rs = await client.execute(
      "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'",
    );
    const replication = (rs.first()?.get('replication') ?? {}) as Record<string, string>;
    if (Number(replication['replication_factor']) === replicationFactor) return;
    log(`Setting system_auth replication factor to ${replicationFactor} (so logins survive a stopped node)`);
    // A node that has just joined may not be in normal state yet in the coordinator's view of the
    // ring, and Cassandra refuses to change a replication factor until it is: try again shortly.
    await retrying(
      'Raising system_auth replication',
      (err) => /not in normal state/.test(err.message),
      () =>
        client.execute(
          `ALTER KEYSPACE system_auth WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${replicationFactor}}`,
        ),
      log,
    );
    // Copy every role (a fresh cluster has only the superuser) onto all its new replicas. Until that
    // is done, only one replica holds the superuser's row, so Cassandra's own check of our login
    // (a QUORUM read) may find nothing and answer "User cassandra has no SELECT permission": each
    // such read repairs the row on the replicas it asked, so trying again soon succeeds.
    await retrying(
      'Copying the roles to their new replicas',
      () => true,
      () => copyRoles(client),
      log,
    );
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

const ATTEMPTS = 30;

/** Runs `step` again, once a second and at most ATTEMPTS times, while it fails with a Cassandra
 *  error that `transient` accepts. */
async function retrying(
  what: string,
  transient: (err: cassandra.errors.ResponseError) => boolean,
  step: () => Promise<unknown>,
  log: LogFn,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (err) {
      if (attempt >= ATTEMPTS || !(err instanceof cassandra.errors.ResponseError) || !transient(err))
        throw err;
      log(`${what}: ${err.message}; trying again`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function copyRoles(client: cassandra.Client): Promise<void> {
  const all = { consistency: cassandra.types.consistencies.all, prepare: true };
  const roles = await client.execute('SELECT * FROM system_auth.roles', [], all);
  const columns = roles.columns.map((column) => column.name);
  const insert = `INSERT INTO system_auth.roles (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  for (const row of roles.rows) {
    await client.execute(
      insert,
      columns.map((name) => row.get(name)),
      all,
    );
  }
}
