// The helpers every integration test uses: the contact points from the global setup, a client,
// and a per-file keyspace.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cassandraContactPoints, createCassandraClient } from '../../support/cassandra-client.js';
import { testKeyspaceName, useTestKeyspace } from '../../support/keyspace.js';

const fixture = useTestKeyspace('test support');
const keyspacesClient = createCassandraClient();
afterAll(() => keyspacesClient.shutdown());

describe('test support', () => {
  it('the global setup provides the contact points of a running Cassandra', () => {
    const provided = inject('cassandraContactPoints');
    expect(provided).toMatch(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/);
    expect(cassandraContactPoints()).toEqual(provided.split(','));
  });

  it('gives the file its own keyspace and a logged-in client', async () => {
    expect(fixture.keyspace).toMatch(/^it_test_support_[0-9a-f]{8}$/);
    await fixture.client.execute(`CREATE TABLE ${fixture.keyspace}.t (k int PRIMARY KEY, v text)`);
    await fixture.client.execute(`INSERT INTO ${fixture.keyspace}.t (k, v) VALUES (1, 'one')`);
    const rs = await fixture.client.execute(`SELECT v FROM ${fixture.keyspace}.t WHERE k = 1`);
    expect(rs.first()?.get('v')).toBe('one');
    const keyspaces = await keyspacesClient.execute(
      'SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?',
      [fixture.keyspace],
    );
    expect(keyspaces.first()?.get('replication')).toMatchObject({
      class: 'org.apache.cassandra.locator.SimpleStrategy',
      replication_factor: '1',
    });
  });

  it('keyspace names are valid CQL identifiers within 48 characters', () => {
    const name = testKeyspaceName('A very long feature name, with punctuation! and more words than fit');
    expect(name).toMatch(/^it_[a-z0-9_]+_[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(48);
    expect(testKeyspaceName('---')).toMatch(/^it_test_[0-9a-f]{8}$/);
  });
});
