// The bridge's Kubernetes role on a real Cassandra. The script of the Job stargate-bridge-role, as
// rendered from deploy/k8s/base, runs under bash with its CQL (base/bridge-role/bridge-role.cql)
// and a cqlsh stand-in logged in as the superuser; then a bridge logged in as the role it created
// serves logins, tokens, callers' reads, writes and schema changes, and checks callers' grants,
// while the role cannot manage roles or make itself a superuser. Run twice, the Job rotates the
// password.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { status } from '@grpc/grpc-js';
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { cassandraContactPoints, createCassandraClient } from '../../support/cassandra-client.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { field, ofKind } from '../../unit/deploy/support/k8s-object.js';
import { renderKustomization } from '../../unit/deploy/support/render-kustomization.js';

const run = promisify(execFile);
const suffix = randomBytes(3).toString('hex');
const role = `it_bridge_${suffix}`;
const reader = `it_bridge_reader_${suffix}`;
// A quote and a semicolon: the Job must quote the password, not paste it.
const passwords = [`p'w;1-${suffix}`, `p'w;2-${suffix}`];
const ks = uniqueKeyspaceName('bridge_role');
const scratch = mkdtempSync(join(tmpdir(), 'bridge-role-job-'));
const log = join(scratch, 'cqlsh.log');
let superuser: cassandra.Client;
let t: TestBridge | undefined;

/** Runs the rendered Job's script, with /cql and /tmp in the scratch directory. */
async function runJob(password: string): Promise<void> {
  const job = ofKind(renderKustomization('base'), 'Job').find(
    (j) => j.metadata.name === 'stargate-bridge-role',
  )!;
  const container = field<{ command: string[]; env: { name: string; value?: string }[] }>(
    job,
    'spec',
    'template',
    'spec',
    'containers',
    0,
  )!;
  const configMap = renderKustomization('base').find(
    (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('stargate-bridge-role-cql'),
  )!;
  for (const dir of ['cql', 'tmp', 'bin']) mkdirSync(join(scratch, dir), { recursive: true });
  writeFileSync(join(scratch, 'cql/bridge-role.cql'), configMap.data!['bridge-role.cql']!);
  const standIn = fileURLToPath(new URL('../../support/cqlsh-stand-in.ts', import.meta.url));
  writeFileSync(join(scratch, 'bin/cqlsh'), `#!/bin/sh\nexec node ${JSON.stringify(standIn)} "$@"\n`, {
    mode: 0o755,
  });
  const [shell, flag, script] = container.command as [string, string, string];
  const host = container.env.find((e) => e.name === 'CASSANDRA_HOST')!.value!;
  // One pass, so the scratch directory (itself under /tmp) is not rewritten again.
  const local = script.replace(/(?<![\w./-])\/(cql|tmp)\//g, `${scratch}/$1/`);
  await run(shell, [flag, local], {
    env: {
      PATH: `${join(scratch, 'bin')}:${process.env.PATH}`,
      HOME: join(scratch, 'tmp'),
      CASSANDRA_HOST: host,
      CASSANDRA_USERNAME: 'cassandra',
      CASSANDRA_PASSWORD: 'cassandra',
      BRIDGE_USERNAME: role,
      BRIDGE_PASSWORD: password,
      CQLSH_STAND_IN_CONTACT_POINTS: cassandraContactPoints().join(','),
      CQLSH_STAND_IN_LOG: log,
    },
    timeout: 60_000,
  });
}

async function call(cql: string, token: string): Promise<'ok' | number> {
  try {
    await t!.client.executeQuery({ cql }, { token });
    return 'ok';
  } catch (err) {
    return (err as BridgeCallError).code;
  }
}

beforeAll(async () => {
  superuser = createCassandraClient();
  await superuser.connect();
  await runJob(passwords[0]!);
  t = await startTestBridge({
    CASSANDRA_USERNAME: role,
    CASSANDRA_PASSWORD: passwords[0]!,
    BRIDGE_PERMISSIONS_CACHE_MS: '0',
  });
});

afterAll(async () => {
  await t?.close();
  await superuser?.execute(`DROP KEYSPACE IF EXISTS ${ks}`).catch(() => undefined);
  for (const name of [role, reader])
    await superuser?.execute(`DROP ROLE IF EXISTS ${name}`).catch(() => undefined);
  await superuser?.shutdown();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the bridge role Job', () => {
  it('logs in as the superuser to the Service it names, and creates a login role that is no superuser', async () => {
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'cassandra-dc1-service:9042',
      'cassandra-dc1-service:9042',
    ]);
    const row = (
      await superuser.execute(
        'SELECT is_superuser, can_login FROM system_auth.roles WHERE role = ?',
        [role],
        {
          prepare: true,
        },
      )
    ).first();
    expect({ superuser: row?.is_superuser, login: row?.can_login }).toEqual({
      superuser: false,
      login: true,
    });
  });
});

describe('a bridge logged in as that role', () => {
  it('issues and checks tokens, and runs a superuser caller’s schema changes, writes and reads', async () => {
    const token = t!.token; // POST /v1/auth as cassandra: a login check, then a token write
    expect(
      await call(
        `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
        token,
      ),
    ).toBe('ok');
    expect(await call(`CREATE TABLE ${ks}.t (k int PRIMARY KEY, v text)`, token)).toBe('ok');
    expect(await call(`CREATE INDEX ON ${ks}.t (v)`, token)).toBe('ok');
    expect(await call(`INSERT INTO ${ks}.t (k, v) VALUES (1, 'one')`, token)).toBe('ok');
    expect(await call(`SELECT v FROM ${ks}.t WHERE k = 1`, token)).toBe('ok');
    const features = await t!.client.getSupportedFeatures();
    expect(features.secondaryIndexes).toBe(true);
  });

  it('authorizes other callers by their own grants, read from system_auth as the role', async () => {
    await superuser.execute(`CREATE ROLE ${reader} WITH PASSWORD = 'pw-reader' AND LOGIN = true`);
    await superuser.execute(`GRANT SELECT ON KEYSPACE ${ks} TO ${reader}`);
    const token = await t!.login(reader, 'pw-reader');
    expect(await call(`SELECT v FROM ${ks}.t WHERE k = 1`, token)).toBe('ok');
    expect(await call(`INSERT INTO ${ks}.t (k, v) VALUES (2, 'two')`, token)).toBe(status.PERMISSION_DENIED);
  });

  it('cannot manage roles or grants, even for a superuser caller', async () => {
    expect(await call(`CREATE ROLE it_never_${suffix}`, t!.token)).toBe(status.PERMISSION_DENIED);
    expect(await call(`GRANT MODIFY ON KEYSPACE ${ks} TO ${reader}`, t!.token)).toBe('ok'); // its own keyspace
    expect(await call(`GRANT SELECT ON ALL KEYSPACES TO ${reader}`, t!.token)).toBe(status.PERMISSION_DENIED);
  });
});

describe('the role itself, over CQL', () => {
  it('cannot make itself a superuser or write system_auth', async () => {
    const { default: driver } = await import('cassandra-driver');
    const client = new driver.Client({
      contactPoints: cassandraContactPoints(),
      localDataCenter: 'datacenter1',
      credentials: { username: role, password: passwords[0]! },
    });
    await client.connect();
    try {
      await expect(client.execute(`ALTER ROLE ${role} WITH SUPERUSER = true`)).rejects.toThrow(
        /aren't allowed/,
      );
      await expect(
        client.execute(`UPDATE system_auth.roles SET is_superuser = true WHERE role = '${role}'`),
      ).rejects.toThrow(/no MODIFY permission/);
      await expect(client.execute('SELECT value FROM system_views.settings LIMIT 1')).resolves.toBeDefined();
    } finally {
      await client.shutdown();
    }
  });

  it('gets the new password when the Job runs again (rotation), keeping its grants', async () => {
    // Cassandra 5.0 refuses a second password change within a few seconds of the last one.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    await runJob(passwords[1]!);
    const rotated = await startTestBridge({ CASSANDRA_USERNAME: role, CASSANDRA_PASSWORD: passwords[1]! });
    try {
      await rotated.client.executeQuery(
        { cql: `SELECT v FROM ${ks}.t WHERE k = 1` },
        { token: rotated.token },
      );
    } finally {
      await rotated.close();
    }
  });
});
