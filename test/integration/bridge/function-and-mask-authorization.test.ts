// What the statement's text does not tell, on a real Cassandra: a call of a user-defined aggregate
// runs its state and final functions; an unqualified native function name may call a UDF of that
// name; and masked columns (dynamic data masking), which the bridge's own session reads in clear.
// Each answer names the missing permission.
// Needs a node with Java UDFs and masking on (tools/cassandra-local sets both).
import { status } from '@grpc/grpc-js';
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import type { Response__Output } from '../../../services/common/src/proto/generated/stargate/Response.js';
import { type AuthFixture, createAuthFixture, ROLE_PASSWORD } from '../../support/auth-roles.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { createCassandraClient } from '../../support/cassandra-client.js';
import { stripOneofNames as strip } from '../../support/strip-oneof.js';
import { type RestApi, startRestApi } from '../rest/support/rest-api.js';

let t: TestBridge;
let fx: AuthFixture;
let ks: string;
let reader: string;
let rest: RestApi | undefined;

type Outcome = { rows: unknown[][] } | { code: number; message: string };

async function run(cql: string, token: string, keyspace?: string): Promise<Outcome> {
  try {
    const res: Response__Output = await t.client.executeQuery(
      { cql, parameters: keyspace === undefined ? undefined : { keyspace: { value: keyspace } } },
      { token },
    );
    return { rows: (res.resultSet?.rows ?? []).map((r) => (r.values ?? []).map((v) => strip(v))) };
  } catch (err) {
    const e = err as BridgeCallError;
    return { code: e.code, message: e.message };
  }
}

const asReader = (cql: string, keyspace?: string) => run(cql, fx.tokens.reader!, keyspace);
const denied = (message: string) => ({
  code: status.PERMISSION_DENIED,
  message: expect.stringContaining(message),
});

beforeAll(async () => {
  // A node started before tools/cassandra-local turned these on must be restarted, not worked around.
  const direct = createCassandraClient();
  try {
    const rs = await direct.execute(
      "SELECT name, value FROM system_views.settings WHERE name IN ('user_defined_functions_enabled', 'dynamic_data_masking_enabled')",
    );
    const off = rs.rows.filter((r) => r.value !== 'true').map((r) => String(r.name));
    if (off.length > 0 || rs.rows.length < 2) {
      throw new Error(
        `this Cassandra runs without ${off.join(' and ') || 'UDFs or masking'}: restart it (npm run cassandra -- stop, then start)`,
      );
    }
  } finally {
    await direct.shutdown();
  }
  t = await startTestBridge({ BRIDGE_PERMISSIONS_CACHE_MS: '0' });
  fx = await createAuthFixture(t, 'fnmask');
  ks = fx.ks1;
  reader = fx.roles.reader;
  const su = fx.su;
  await su(`CREATE TABLE ${ks}.n (k int PRIMARY KEY, n int)`);
  await su(`INSERT INTO ${ks}.n (k, n) VALUES (1, 2)`);
  await su(`INSERT INTO ${ks}.n (k, n) VALUES (2, 3)`);
  await su(
    `CREATE FUNCTION ${ks}.acc (state int, val int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return state + val;'`,
  );
  await su(
    `CREATE FUNCTION ${ks}.fin (state int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return state * 10;'`,
  );
  await su(`CREATE AGGREGATE ${ks}.agg (int) SFUNC acc STYPE int FINALFUNC fin INITCOND 0`);
  // Named like the native abs, for text (which the native one does not take).
  await su(
    `CREATE FUNCTION ${ks}.abs (val text) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return "udf:" + val;'`,
  );
  await su(`CREATE TABLE ${ks}.m (k int PRIMARY KEY, v text, secret text MASKED WITH DEFAULT)`);
  await su(`INSERT INTO ${ks}.m (k, v, secret) VALUES (1, 'one', 's3cret')`);
}, 120_000);

afterAll(async () => {
  await rest?.close();
  await fx?.drop();
  await t?.close();
});

describe('a user-defined aggregate', () => {
  it('needs EXECUTE on the aggregate, its state function and its final function', async () => {
    const cql = `SELECT ${ks}.agg(n) FROM ${ks}.n`;
    expect(await asReader(cql)).toEqual(denied(`no EXECUTE permission on function ${ks}.agg`));
    await fx.su(`GRANT EXECUTE ON FUNCTION ${ks}.agg(int) TO ${reader}`);
    expect(await asReader(cql)).toEqual(
      denied(`no EXECUTE permission on function ${ks}.acc, the state function of aggregate ${ks}.agg`),
    );
    await fx.su(`GRANT EXECUTE ON FUNCTION ${ks}.acc(int, int) TO ${reader}`);
    expect(await asReader(cql)).toEqual(
      denied(`no EXECUTE permission on function ${ks}.fin, the final function of aggregate ${ks}.agg`),
    );
    await fx.su(`GRANT EXECUTE ON FUNCTION ${ks}.fin(int) TO ${reader}`);
    expect(await asReader(cql)).toEqual({ rows: [[{ int: '50' }]] });
  });
});

describe('a user-defined function named like a native one', () => {
  it('is what Cassandra calls for an unqualified name, so it needs EXECUTE', async () => {
    const cql = `SELECT abs(v) FROM ${ks}.t`;
    expect(await asReader(cql)).toEqual(
      denied(
        `no EXECUTE permission on function ${ks}.abs: ${ks} defines a function named like the native abs`,
      ),
    );
    expect(await asReader(`SELECT "abs"(v) FROM ${ks}.t`)).toEqual(
      denied(`no EXECUTE permission on function ${ks}.abs`),
    );
    // Native functions stay free where the keyspace defines none of their names.
    expect(await asReader(`SELECT token(k), now(), toJson(v) FROM ${ks}.t`)).toMatchObject({
      rows: [expect.any(Array)],
    });
    await fx.su(`GRANT EXECUTE ON FUNCTION ${ks}.abs(text) TO ${reader}`);
    expect(await asReader(cql)).toEqual({ rows: [[{ string: 'udf:one' }]] });
  });
});

describe('masked columns', () => {
  it('are what the reader sees masked when logged in to Cassandra itself', async () => {
    const direct: cassandra.Client = createCassandraClient({
      credentials: { username: reader, password: ROLE_PASSWORD },
    });
    try {
      const row = (await direct.execute(`SELECT secret FROM ${ks}.m WHERE k = 1`)).first();
      expect(row?.secret).toBe('****');
    } finally {
      await direct.shutdown();
    }
  });

  it('are refused to a role without UNMASK; filtering on them needs SELECT_MASKED', async () => {
    const unmask = `no UNMASK permission on ${ks}.m or any of its parents, and column secret is masked`;
    expect(await asReader(`SELECT * FROM ${ks}.m`)).toEqual(denied(unmask));
    expect(await asReader(`SELECT k, secret FROM ${ks}.m WHERE k = 1`)).toEqual(denied(unmask));
    expect(await asReader('SELECT * FROM m', ks)).toEqual(denied(unmask));
    expect(await asReader(`SELECT k, v FROM ${ks}.m`)).toEqual({ rows: [[{ int: '1' }, { string: 'one' }]] });
    const filter = `SELECT k FROM ${ks}.m WHERE secret = 's3cret' ALLOW FILTERING`;
    expect(await asReader(filter)).toEqual(
      denied(
        `no SELECT_MASKED permission on ${ks}.m or any of its parents, needed to filter on column secret`,
      ),
    );
    await fx.su(`GRANT SELECT_MASKED ON TABLE ${ks}.m TO ${reader}`);
    expect(await asReader(filter)).toEqual({ rows: [[{ int: '1' }]] });
    expect(await asReader(`SELECT secret FROM ${ks}.m`)).toEqual(denied(unmask));
    await fx.su(`GRANT UNMASK ON TABLE ${ks}.m TO ${reader}`);
    expect(await asReader(`SELECT secret FROM ${ks}.m`)).toEqual({ rows: [[{ string: 's3cret' }]] });
  });

  it('answer 403 through the REST API, naming UNMASK', async () => {
    rest = await startRestApi({}, { bridge: t });
    // member reads the keyspace through a granted role
    const other = await t.login(fx.roles.member, ROLE_PASSWORD);
    const rows = (query: string) =>
      rest!.request('GET', `/v2/keyspaces/${ks}/m/rows${query}`, undefined, { 'x-cassandra-token': other });
    const all = await rows('');
    expect(all.status).toBe(403);
    expect(all.body.description).toContain(`no UNMASK permission on ${ks}.m`);
    const some = await rows('?fields=k,v');
    expect(some.status).toBe(200);
    expect(some.body.data).toEqual([{ k: 1, v: 'one' }]);
  });

  it('are refused in the answer of a conditional write', async () => {
    const writer = (cql: string) => run(cql, fx.tokens.writer!);
    await fx.su(`GRANT MODIFY ON TABLE ${ks}.m TO ${fx.roles.writer}`);
    expect(await writer(`INSERT INTO ${ks}.m (k, v) VALUES (1, 'x') IF NOT EXISTS`)).toEqual(
      denied(`no UNMASK permission on ${ks}.m`),
    );
    expect(await writer(`UPDATE ${ks}.m SET v = 'one' WHERE k = 1 IF v = 'one'`)).toMatchObject({
      rows: [expect.any(Array)],
    });
  });
});
