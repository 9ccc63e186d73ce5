// The token keyspace's replication as it is in Cassandra against the configured one
// (BRIDGE_AUTH_KEYSPACE_REPLICATION). CREATE KEYSPACE IF NOT EXISTS leaves an existing keyspace as
// it is, so a keyspace created with the default (SimpleStrategy, one replica) stays so when the
// setting is raised later, and every node restart then makes the tokens stored on that node
// unreadable (they are read at LOCAL_QUORUM). The bridge checks it at start: a keyspace with fewer
// replicas is reported with the fix, or altered when BRIDGE_AUTH_KEYSPACE_ALTER is set. A keyspace
// with more replicas than configured is never lowered.
// The replication is read from system_schema: the driver's keyspace metadata is empty here
// (maps are decoded as Map, see create-client.ts).
import type cassandra from 'cassandra-driver';
import type { Logger } from 'pino';
import { quoteIdentifier } from '../../../common/src/cql/identifier.js';
import {
  ANY_DATACENTER,
  describeFactors,
  parseReplicationOptions,
  type ReplicationFactors,
  replicationFactors,
} from '../../../common/src/cql/replication-options.js';

/** Where the existing replication has fewer replicas than the configured one; empty when it has enough. */
export function replicationShortfall(configured: ReplicationFactors, actual: ReplicationFactors): string[] {
  const wanted = configured.get(ANY_DATACENTER);
  const simple = actual.get(ANY_DATACENTER);
  if (wanted !== undefined) {
    // SimpleStrategy configured: only the number of replicas counts, wherever they are.
    const have = [...actual.values()].reduce((a, b) => a + b, 0);
    return have < wanted ? [`${have} replica(s) in all, configured ${wanted}`] : [];
  }
  if (simple !== undefined) {
    // SimpleStrategy places its replicas without regard to datacenters: with several configured,
    // none of them is sure to hold any.
    const most = Math.max(...configured.values());
    if (configured.size === 1 && simple >= most) return [];
    return [
      `SimpleStrategy places its ${simple} replica(s) without regard to datacenters, configured ` +
        describeFactors(configured),
    ];
  }
  const shortfall: string[] = [];
  for (const [dc, rf] of configured) {
    const have = actual.get(dc) ?? 0;
    if (have < rf) shortfall.push(`${dc}: ${have} replica(s), configured ${rf}`);
  }
  return shortfall;
}

export interface ReplicationCheck {
  keyspace: string;
  /** BRIDGE_AUTH_KEYSPACE_REPLICATION, a CQL map literal (validated when the config loaded). */
  configured: string;
  /** BRIDGE_AUTH_KEYSPACE_ALTER: alter a weaker keyspace instead of only warning. */
  alter: boolean;
  logger: Logger;
  /** After an ALTER (the bridge re-reads every keyspace's replication). */
  onAltered?: () => void;
}

/** enough: as configured or more; weaker: warned; altered: ALTERed; unknown: no comparable strategy. */
export type ReplicationOutcome = 'enough' | 'weaker' | 'altered' | 'unknown' | 'missing';

const REPLICATION_CQL = 'SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?';

export async function checkKeyspaceReplication(
  client: cassandra.Client,
  check: ReplicationCheck,
): Promise<ReplicationOutcome> {
  const { keyspace, logger } = check;
  const row = (await client.execute(REPLICATION_CQL, [keyspace], { prepare: true })).first();
  if (!row) return 'missing';
  const actual = replicationFactors(row.get('replication') as Map<string, string>);
  const configured = replicationFactors(parseReplicationOptions(check.configured));
  if (!actual || !configured) {
    logger.info(
      { keyspace },
      `replication of keyspace ${keyspace} not compared: not Simple or NetworkTopology`,
    );
    return 'unknown';
  }
  const shortfall = replicationShortfall(configured, actual);
  if (shortfall.length === 0) return 'enough';
  const name = quoteIdentifier(keyspace);
  const fields = {
    keyspace,
    replication: describeFactors(actual),
    configured: describeFactors(configured),
    shortfall,
  };
  const repair = `nodetool repair -full ${keyspace} on every node (or a Reaper repair of the keyspace)`;
  if (!check.alter) {
    logger.warn(
      fields,
      `keyspace ${keyspace} has fewer replicas than BRIDGE_AUTH_KEYSPACE_REPLICATION (${shortfall.join('; ')}): ` +
        `the tokens on a node that is down cannot be read. Fix: ALTER KEYSPACE ${name} WITH replication = ` +
        `${check.configured.trim()}, then ${repair}; or start a bridge with BRIDGE_AUTH_KEYSPACE_ALTER=true, ` +
        'which runs the ALTER (the repair is still needed)',
    );
    return 'weaker';
  }
  await client.execute(`ALTER KEYSPACE ${name} WITH replication = ${check.configured.trim()}`);
  check.onAltered?.();
  logger.warn(
    fields,
    `altered keyspace ${keyspace} to BRIDGE_AUTH_KEYSPACE_REPLICATION (${shortfall.join('; ')}); a repair is ` +
      `needed now: ${repair}. Until it is done a token issued before may be answered unknown, and its user ` +
      'must log in again',
  );
  return 'altered';
}
