// The bridge's cassandra-driver connections keep no socket idle timeout once connected (the driver
// leaves its connect timeout armed, which re-arms a timer on every read and write).
import type { Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../services/bridge/src/cassandra/create-client.js';
import { cassandraContactPoints } from '../../support/cassandra-client.js';

interface HostWithPool {
  pool: { connections: Array<{ netClient: Socket }> };
}

describe('bridge driver connections', () => {
  const client = createClient({
    contactPoints: cassandraContactPoints(),
    localDatacenter: 'datacenter1',
    username: 'cassandra',
    password: 'cassandra',
    requestTimeoutMs: 10_000,
    speculativeDelayMs: 500,
    maxPreparedStatements: 100,
  });
  afterAll(() => client.shutdown());

  it('have no socket timeout once connected, and still answer', async () => {
    await client.connect();
    const rs = await client.execute('SELECT release_version FROM system.local');
    expect(rs.first()?.get('release_version')).toMatch(/^5\./);
    const sockets = client.hosts
      .values()
      .flatMap((host) => (host as unknown as HostWithPool).pool.connections.map((c) => c.netClient));
    expect(sockets.length).toBeGreaterThan(0);
    for (const socket of sockets) expect(socket.timeout ?? 0).toBe(0);
  });
});
