// Roles and keyspaces for authorization tests: a reader (SELECT on ks1), a writer (SELECT and
// MODIFY on ks1), a member who reads ks1 only through a granted role, a role with no grants, and
// a superuser role. Created through the bridge with the superuser token; dropped afterwards.
import { randomBytes } from 'node:crypto';
import type { TestBridge } from './bridge-harness.js';
import { uniqueKeyspaceName } from './unique-name.js';

export const ROLE_PASSWORD = 'pw-123';

export interface AuthFixture {
  ks1: string;
  ks2: string;
  roles: { reader: string; writer: string; group: string; member: string; admin: string; nobody: string };
  /** Tokens by role key, from POST /v1/auth. */
  tokens: Record<string, string>;
  su(cql: string): Promise<unknown>;
  drop(): Promise<void>;
}

export async function createAuthFixture(
  bridge: TestBridge,
  feature: string,
  extraSetup: (su: (cql: string) => Promise<unknown>, ks: string) => Promise<void> = async () => undefined,
): Promise<AuthFixture> {
  const ks1 = uniqueKeyspaceName(`${feature}_one`);
  const ks2 = uniqueKeyspaceName(`${feature}_two`);
  const suffix = randomBytes(3).toString('hex');
  const role = (name: string) => `it_${name}_${suffix}`;
  const roles = {
    reader: role('reader'),
    writer: role('writer'),
    group: role('group'),
    member: role('member'),
    admin: role('admin'),
    nobody: role('nobody'),
  };
  const su = (cql: string) => bridge.client.executeQuery({ cql }, { token: bridge.token });
  for (const ks of [ks1, ks2]) {
    await su(`CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await su(`CREATE TABLE ${ks}.t (k int PRIMARY KEY, v text)`);
    await su(`INSERT INTO ${ks}.t (k, v) VALUES (1, 'one')`);
    await extraSetup(su, ks);
  }
  for (const name of Object.values(roles)) {
    const superuser = name === roles.admin ? ' AND SUPERUSER = true' : '';
    await su(`CREATE ROLE ${name} WITH PASSWORD = '${ROLE_PASSWORD}' AND LOGIN = true${superuser}`);
  }
  await su(`GRANT SELECT ON KEYSPACE ${ks1} TO ${roles.reader}`);
  await su(`GRANT SELECT ON KEYSPACE ${ks1} TO ${roles.writer}`);
  await su(`GRANT MODIFY ON KEYSPACE ${ks1} TO ${roles.writer}`);
  await su(`GRANT SELECT ON KEYSPACE ${ks1} TO ${roles.group}`);
  await su(`GRANT ${roles.group} TO ${roles.member}`);
  const tokens: Record<string, string> = {};
  for (const [key, name] of Object.entries(roles)) tokens[key] = await bridge.login(name, ROLE_PASSWORD);
  return {
    ks1,
    ks2,
    roles,
    tokens,
    su,
    async drop() {
      for (const name of Object.values(roles)) await su(`DROP ROLE IF EXISTS ${name}`).catch(() => undefined);
      for (const ks of [ks1, ks2]) await su(`DROP KEYSPACE IF EXISTS ${ks}`).catch(() => undefined);
    },
  };
}

/** A token that existed and has expired: written with a 1 s TTL, then waited out. */
export async function expiredToken(bridge: TestBridge, username: string): Promise<string> {
  const token = crypto.randomUUID();
  await bridge.client.executeQuery(
    {
      cql: 'INSERT INTO data_endpoint_auth."token" (auth_token, username, created_timestamp) VALUES (?, ?, ?) USING TTL 1',
      values: {
        values: [
          { uuid: { value: Buffer.from(token.replace(/-/g, ''), 'hex') } },
          { string: username },
          { int: Math.floor(Date.now() / 1000) },
        ],
      },
    },
    { token: bridge.token },
  );
  await new Promise((r) => setTimeout(r, 2000));
  return token;
}
