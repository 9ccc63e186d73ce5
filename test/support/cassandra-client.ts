// A cassandra-driver Client to the Cassandra of this test run (see global-setup.ts), logged in
// as the superuser cassandra/cassandra. Close it with `client.shutdown()` (e.g. in afterAll).
import cassandra from 'cassandra-driver';
import { inject } from 'vitest';

export function cassandraContactPoints(): string[] {
  const provided = inject('cassandraContactPoints');
  if (!provided) throw new Error('no Cassandra contact points: is test/support/global-setup.ts configured?');
  return provided.split(',').map((point) => point.trim());
}

export function createCassandraClient(options: Partial<cassandra.DseClientOptions> = {}): cassandra.Client {
  return new cassandra.Client({
    contactPoints: cassandraContactPoints(),
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
    // Schema changes take hundreds of ms on a small machine.
    socketOptions: { readTimeout: 30_000 },
    ...options,
  });
}
