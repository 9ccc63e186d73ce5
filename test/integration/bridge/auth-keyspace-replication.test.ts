// The token keyspace's replication against BRIDGE_AUTH_KEYSPACE_REPLICATION, on the run's
// Cassandra: a keyspace created with fewer replicas (as CREATE KEYSPACE IF NOT EXISTS leaves it when
// the setting is raised later) gets a warning naming the fix, or is altered when
// BRIDGE_AUTH_KEYSPACE_ALTER is set; one with more is left alone. The check runs on a keyspace of
// its own here: the run's data_endpoint_auth serves every other test, so the bridge's own check of
// it is only shown warning (a single node cannot serve LOCAL_QUORUM with three replicas).
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKeyspaceReplication } from '../../../services/bridge/src/auth/auth-keyspace-replication.js';
import { AUTH_KEYSPACE } from '../../../services/common/src/auth/private-keyspaces.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { createCassandraClient } from '../../support/cassandra-client.js';
import { capturingLogger, WARN } from '../../support/log-lines.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';

const ks = uniqueKeyspaceName('auth_rf');
const THREE_PER_DC = "{'class': 'NetworkTopologyStrategy', 'datacenter1': 3}";
let client: cassandra.Client;

async function replication(keyspace: string): Promise<Record<string, string>> {
  const rs = await client.execute('SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', [
    keyspace,
  ]);
  return Object.fromEntries(rs.first()?.get('replication') as Map<string, string>);
}

beforeAll(async () => {
  client = createCassandraClient({ encoding: { map: Map } });
  await client.connect();
  await client.execute(
    `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
});

afterAll(async () => {
  await client?.execute(`DROP KEYSPACE IF EXISTS ${ks}`).catch(() => undefined);
  await client?.shutdown();
});

describe('token keyspace replication check', () => {
  it('warns about a keyspace with fewer replicas than configured, naming the fix, and changes nothing', async () => {
    const { logger, lines } = capturingLogger();
    const outcome = await checkKeyspaceReplication(client, {
      keyspace: ks,
      configured: THREE_PER_DC,
      alter: false,
      logger,
    });
    expect(outcome).toBe('weaker');
    const warnings = lines.filter((l) => l.level === WARN);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      keyspace: ks,
      replication: 'SimpleStrategy with 1 replica(s)',
      configured: 'NetworkTopologyStrategy {datacenter1: 3}',
    });
    expect(warnings[0]!.msg).toContain(`ALTER KEYSPACE "${ks}" WITH replication = ${THREE_PER_DC}`);
    expect(warnings[0]!.msg).toContain(`nodetool repair -full ${ks}`);
    expect(warnings[0]!.msg).toContain('BRIDGE_AUTH_KEYSPACE_ALTER=true');
    expect(await replication(ks)).toEqual({
      class: 'org.apache.cassandra.locator.SimpleStrategy',
      replication_factor: '1',
    });
  });

  it('alters it to the configured replication when told to, and says a repair is needed', async () => {
    const { logger, lines } = capturingLogger();
    expect(
      await checkKeyspaceReplication(client, { keyspace: ks, configured: THREE_PER_DC, alter: true, logger }),
    ).toBe('altered');
    expect(await replication(ks)).toEqual({
      class: 'org.apache.cassandra.locator.NetworkTopologyStrategy',
      datacenter1: '3',
    });
    const warnings = lines.filter((l) => l.level === WARN);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/^altered keyspace .* a repair is needed now: nodetool repair -full/);

    // Checked again (the next start): as configured, nothing to say.
    const again = capturingLogger();
    expect(
      await checkKeyspaceReplication(client, {
        keyspace: ks,
        configured: THREE_PER_DC,
        alter: true,
        logger: again.logger,
      }),
    ).toBe('enough');
    expect(again.lines).toEqual([]);
  });

  it('never lowers a keyspace that has more replicas than configured', async () => {
    const { logger, lines } = capturingLogger();
    const outcome = await checkKeyspaceReplication(client, {
      keyspace: ks,
      configured: "{'class': 'SimpleStrategy', 'replication_factor': 1}",
      alter: true,
      logger,
    });
    expect(outcome).toBe('enough');
    expect(lines).toEqual([]);
    expect(await replication(ks)).toMatchObject({ datacenter1: '3' });
  });

  it('a bridge checks data_endpoint_auth when it starts, and still issues tokens', async () => {
    // Make sure the keyspace exists (a bridge with the default creates it), then start one that
    // wants more replicas than any keyspace of a one-node cluster has.
    const first = await startTestBridge();
    await first.close();
    const before = await replication(AUTH_KEYSPACE);
    const { logger, lines } = capturingLogger();
    const configured = "{'class': 'NetworkTopologyStrategy', 'datacenter1': 5}";
    const t: TestBridge = await startTestBridge(
      { BRIDGE_AUTH_KEYSPACE_REPLICATION: configured, LOG_LEVEL: 'info' },
      { logger },
    );
    try {
      const warning = lines.find((l) => l.level === WARN && l.keyspace === AUTH_KEYSPACE);
      expect(warning?.msg).toContain(
        `keyspace ${AUTH_KEYSPACE} has fewer replicas than BRIDGE_AUTH_KEYSPACE_REPLICATION`,
      );
      expect(warning?.msg).toContain(`ALTER KEYSPACE "${AUTH_KEYSPACE}" WITH replication = ${configured}`);
      expect(warning?.configured).toBe('NetworkTopologyStrategy {datacenter1: 5}');
      expect(await replication(AUTH_KEYSPACE)).toEqual(before);
      expect(await t.login('cassandra', 'cassandra')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await t.close();
    }
  });
});
