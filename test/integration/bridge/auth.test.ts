// Tokens and authorization at the bridge: POST /v1/auth, sliding TTL, tokens shared by replicas,
// login rate limiting, and statements authorized against Cassandra's grants (including inherited
// roles, REVOKE within the cache window, and statements that try to escape classification).
import { Metadata, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import type { SchemaRead } from '../../../services/common/src/proto/generated/stargate/SchemaRead.js';
import { type AuthFixture, createAuthFixture, ROLE_PASSWORD as PASSWORD } from '../../support/auth-roles.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';

let t: TestBridge;
let fx: AuthFixture;
let ks1: string;
let ks2: string;
let roles: AuthFixture['roles'];
let tokens: Record<string, string>;

/** The bridge's AuthorizeSchemaReads RPC, called as Stargate's API services call it (unary). */
function authorizeSchemaReads(schemaReads: SchemaRead[], token: string): Promise<boolean[] | undefined> {
  const metadata = new Metadata();
  metadata.set('x-cassandra-token', token);
  metadata.set('x-source-api', 'rest');
  const deadline = Date.now() + 10_000;
  return new Promise((resolve, reject) =>
    t.client.grpcClient.authorizeSchemaReads({ schemaReads }, metadata, { deadline }, (err, res) =>
      err ? reject(err) : resolve(res?.authorized),
    ),
  );
}

async function run(cql: string, token: string, keyspace?: string): Promise<'ok' | number> {
  try {
    await t.client.executeQuery(
      { cql, parameters: keyspace ? { keyspace: { value: keyspace } } : undefined },
      { token },
    );
    return 'ok';
  } catch (err) {
    return (err as BridgeCallError).code;
  }
}

const su = (cql: string) => t.client.executeQuery({ cql }, { token: t.token });

beforeAll(async () => {
  t = await startTestBridge({ BRIDGE_PERMISSIONS_CACHE_MS: '1000' });
  fx = await createAuthFixture(t, 'auth');
  ({ ks1, ks2, roles, tokens } = fx);
});

afterAll(async () => {
  await fx?.drop();
  await t?.close();
});

describe('POST /v1/auth', () => {
  it('issues a UUID token for valid credentials', async () => {
    expect(tokens.reader).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('answers 401 for bad credentials and 400 for a malformed body', async () => {
    const post = (body: string) =>
      fetch(`${t.httpUrl}/v1/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const wrong = await post(JSON.stringify({ username: roles.reader, password: 'nope' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      description: expect.stringContaining('invalid username or password'),
    });
    for (const body of ['{"username": "x"}', 'not json', '{"username": {}, "password": "x"}']) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { description: string }).description).toBeTruthy();
    }
  });

  it('rate-limits repeated failures from one address with 429 and Retry-After', async () => {
    const limited = await startTestBridge({ BRIDGE_LOGIN_FAILURES_PER_MINUTE: '3' });
    try {
      const attempt = () =>
        fetch(`${limited.httpUrl}/v1/auth`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: roles.reader, password: 'wrong' }),
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const res = await attempt();
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('tokens', () => {
  it('refuses an unknown or malformed token', async () => {
    expect(await run('SELECT * FROM system.local', '00000000-0000-4000-8000-000000000000')).toBe(
      status.UNAUTHENTICATED,
    );
    expect(await run('SELECT * FROM system.local', 'not-a-token')).toBe(status.UNAUTHENTICATED);
  });

  it('accepts a token issued by another bridge process', async () => {
    const other = await startTestBridge();
    try {
      const fromOther = await other.login(roles.reader, PASSWORD);
      expect(await run(`SELECT * FROM ${ks1}.t`, fromOther)).toBe('ok');
    } finally {
      await other.close();
    }
  });

  it('slides the TTL on use and expires an idle token', async () => {
    const short = await startTestBridge({ BRIDGE_TOKEN_TTL_SECONDS: '3', BRIDGE_TOKEN_CACHE_MS: '0' });
    try {
      const token = await short.login(roles.reader, PASSWORD);
      const use = () =>
        short.client
          .executeQuery({ cql: `SELECT * FROM ${ks1}.t` }, { token })
          .then(() => 'ok')
          .catch((e: BridgeCallError) => e.code);
      // Used every second for 5 s: stays valid past its 3 s TTL.
      for (let i = 0; i < 5; i++) {
        expect(await use()).toBe('ok');
        await new Promise((r) => setTimeout(r, 1000));
      }
      await new Promise((r) => setTimeout(r, 4000));
      expect(await use()).toBe(status.UNAUTHENTICATED);
    } finally {
      await short.close();
    }
  }, 30_000);
});

describe('authorization', () => {
  const D = status.PERMISSION_DENIED;
  const matrix: Array<[keyof typeof roles | 'superuser', Array<'ok' | number>]> = [
    // [role, [read ks1, write ks1, read ks2, DDL in ks1]]
    ['reader', ['ok', D, D, D]],
    ['writer', ['ok', 'ok', D, D]],
    ['member', ['ok', D, D, D]],
    ['nobody', [D, D, D, D]],
    ['admin', ['ok', 'ok', 'ok', 'ok']],
    ['superuser', ['ok', 'ok', 'ok', 'ok']],
  ];

  it.each(matrix)('gives role %s the outcomes its grants allow', async (who, expected) => {
    const token = who === 'superuser' ? t.token : tokens[who]!;
    const outcomes = [
      await run(`SELECT * FROM ${ks1}.t`, token),
      await run(`INSERT INTO ${ks1}.t (k, v) VALUES (1, 'x')`, token),
      await run(`SELECT * FROM ${ks2}.t`, token),
      await run(`ALTER TABLE ${ks1}.t WITH comment = '${who}'`, token),
    ];
    expect(outcomes).toEqual(expected);
  });

  it('lets every role read system_schema and system.local, never system_auth or the token table', async () => {
    expect(await run('SELECT * FROM system_schema.keyspaces', tokens.nobody!)).toBe('ok');
    expect(await run('SELECT release_version FROM system.local', tokens.nobody!)).toBe('ok');
    expect(await run('SELECT * FROM system_auth.roles', tokens.writer!)).toBe(D);
    expect(await run('SELECT * FROM data_endpoint_auth."token"', tokens.writer!)).toBe(D);
    expect(await run('SELECT * FROM system_auth.roles', t.token)).toBe('ok');
  });

  it('authorizes statements that try to escape classification', async () => {
    const reader = tokens.reader!;
    expect(await run(`/* SELECT */ InSeRt INTO ${ks1}.t (k) VALUES (2)`, reader)).toBe(D);
    expect(await run(`-- harmless\nSELECT * FROM "${ks2}"."t"`, reader)).toBe(D);
    expect(await run(`SELECT * FROM t`, reader, ks2)).toBe(D);
    expect(await run(`SELECT * FROM t`, reader, ks1)).toBe('ok');
    expect(await run(`SELECT * FROM ${ks1}.t WHERE v = 'FROM ${ks2}.t' ALLOW FILTERING`, reader)).toBe('ok');
    const mixed = `BEGIN BATCH INSERT INTO ${ks1}.t (k) VALUES (3); INSERT INTO ${ks2}.t (k) VALUES (3); APPLY BATCH`;
    expect(await run(mixed, tokens.writer!)).toBe(D);
    const batchErr = await t.client
      .executeBatch(
        {
          type: 0,
          queries: [
            { cql: `INSERT INTO ${ks1}.t (k) VALUES (4)` },
            { cql: `INSERT INTO ${ks2}.t (k) VALUES (4)` },
          ],
        },
        { token: tokens.writer! },
      )
      .catch((e: BridgeCallError) => e.code);
    expect(batchErr).toBe(D);
    expect(await run(`GRANT SELECT ON KEYSPACE ${ks2} TO ${roles.reader}`, tokens.writer!)).toBe(D);
    expect(await run(`CREATE ROLE ${roles.nobody}_sneaky`, tokens.writer!)).toBe(D);
    expect(await run(`USE ${ks1}`, tokens.writer!)).toBe(status.INVALID_ARGUMENT);
    // Cassandra ends a -- comment at \r: this reads system_auth.roles, not system.local.
    const smuggled = 'SELECT role FROM --\rsystem_auth.roles /*\n system.local */';
    expect(await run(smuggled, tokens.nobody!)).toBe(D);
    expect((await su(smuggled)).resultSet?.columns?.map((c) => c.name)).toEqual(['role']);
    // Nothing the refused batches tried was written.
    const rows = await t.su(`SELECT k FROM ${ks2}.t WHERE k IN (3, 4)`);
    expect(rows.resultSet?.rows ?? []).toHaveLength(0);
  });

  it('checks QueryParameters.keyspace like every keyspace name, and refuses a private one whatever the statement names', async () => {
    const failure = (keyspace: string, token: string) =>
      t.client
        .executeQuery(
          { cql: `SELECT k FROM ${ks1}.t`, parameters: { keyspace: { value: keyspace } } },
          { token },
        )
        .then(
          () => 'ok',
          (e: BridgeCallError) => ({ code: e.code, message: e.message }),
        );
    // Before: the name reached the driver's USE "<name>" unchecked.
    for (const name of ['no-such"ks', 'a.b', 'x'.repeat(223)]) {
      expect(await failure(name, tokens.reader!)).toEqual({
        code: status.INVALID_ARGUMENT,
        message: expect.stringContaining(`Invalid keyspace name in QueryParameters.keyspace`),
      });
    }
    for (const name of ['data_endpoint_auth', 'system_auth']) {
      expect(await failure(name, tokens.reader!)).toEqual({
        code: D,
        message: `User ${roles.reader} is not authorized: statements run in keyspace ${name} requires superuser rights`,
      });
    }
    expect(await failure('data_endpoint_auth', t.token)).toBe('ok');
  });

  it('answers AuthorizeSchemaReads from the same grants', async () => {
    const reads = [
      { keyspaceName: ks1, elementType: 0 as const },
      { keyspaceName: ks2, elementType: 0 as const },
      { keyspaceName: ks1, elementName: { value: 't' }, elementType: 1 as const },
      { keyspaceName: 'system_auth', elementType: 0 as const },
    ];
    expect(await authorizeSchemaReads(reads, tokens.reader!)).toEqual([true, false, true, false]);
    expect(await authorizeSchemaReads(reads, t.token)).toEqual([true, true, true, true]);
  });

  it('applies a REVOKE within the cache window', async () => {
    const token = await t.login(roles.writer, PASSWORD);
    expect(await run(`INSERT INTO ${ks1}.t (k, v) VALUES (9, 'a')`, token)).toBe('ok');
    await su(`REVOKE MODIFY ON KEYSPACE ${ks1} FROM ${roles.writer}`);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await run(`INSERT INTO ${ks1}.t (k, v) VALUES (9, 'b')`, token)).toBe(D);
  });
});
