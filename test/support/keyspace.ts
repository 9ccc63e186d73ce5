// A uniquely named keyspace per test file: it_<feature>_<random>, SimpleStrategy RF 1, dropped at
// the end. Create keyspaces and tables once per file (beforeAll): schema changes are slow.
import { randomBytes } from 'node:crypto';
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll } from 'vitest';
import { createCassandraClient } from './cassandra-client.js';

export interface TestKeyspace {
  name: string;
  drop(): Promise<void>;
}

/** "Bridge Auth!" → it_bridge_auth_1a2b3c4d (at most 48 characters, Cassandra's limit). */
export function testKeyspaceName(feature: string): string {
  const clean = feature
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return `it_${clean || 'test'}_${randomBytes(4).toString('hex')}`;
}

export async function createTestKeyspace(client: cassandra.Client, feature: string): Promise<TestKeyspace> {
  const name = testKeyspaceName(feature);
  await client.execute(
    `CREATE KEYSPACE ${name} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  return {
    name,
    drop: async () => {
      await client.execute(`DROP KEYSPACE IF EXISTS ${name}`);
    },
  };
}

export interface KeyspaceFixture {
  /** Valid inside tests and hooks after beforeAll. */
  readonly client: cassandra.Client;
  readonly keyspace: string;
}

/**
 * Registers beforeAll/afterAll in the calling file: a client and a fresh keyspace for the file's
 * tests, dropped (and the client closed) after them.
 */
export function useTestKeyspace(feature: string): KeyspaceFixture {
  let client: cassandra.Client | undefined;
  let keyspace: TestKeyspace | undefined;
  beforeAll(async () => {
    client = createCassandraClient();
    await client.connect();
    keyspace = await createTestKeyspace(client, feature);
  });
  afterAll(async () => {
    await keyspace?.drop();
    await client?.shutdown();
  });
  return {
    get client() {
      if (!client) throw new Error('useTestKeyspace: the client exists only after beforeAll');
      return client;
    },
    get keyspace() {
      if (!keyspace) throw new Error('useTestKeyspace: the keyspace exists only after beforeAll');
      return keyspace.name;
    },
  };
}
