// JWT authentication with row-level claims (issue 20) through every API, against a real bridge and
// Cassandra and a JWKS served on loopback with keys this test makes (tools/jwt/local-jwks.ts).
// alice's token acts as a role with SELECT and MODIFY on the keyspace, and its claim
// x-stargate-owner=alice limits her to the rows of carts whose owner is alice; bob's rows exist.
import type * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHttpApi, startHttpApi } from '../../services/common/src/api/start-http-api.js';
import { BridgeCallError } from '../../services/common/src/bridge/bridge-call-error.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import type { Response__Output } from '../../services/common/src/proto/generated/stargate/Response.js';
import { registerDocsApi } from '../../services/docs/src/app.js';
import { type DocsConfig, docsConfigSchemas } from '../../services/docs/src/config.js';
import { LocalJwks, type SigningKey, stargateClaims } from '../../tools/jwt/local-jwks.js';
import {
  startTestGraphqlApi,
  type TestGraphqlApi,
} from '../integration/graphql/support/graphql-api-harness.js';
import { startTestGrpcApi, type TestGrpcApi } from '../integration/grpc/support/grpc-api-harness.js';
import { authMetadata, callError, connect, query } from '../integration/grpc/support/node-client.js';
import { type RestApi, startRestApi } from '../integration/rest/support/rest-api.js';
import { startTestBridge, type TestBridge } from '../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../support/unique-name.js';

const ISSUER = 'https://idp.example.test/realms/it';
const AUDIENCE = 'stargate-it';
const ks = uniqueKeyspaceName('jwt');
const role = `it_jwt_${Math.random().toString(36).slice(2, 8)}`;

let jwks: LocalJwks;
let firstKey: SigningKey;
let bridge: TestBridge;
let rest: RestApi;
let graphqlApi: TestGraphqlApi;
let grpcApi: TestGrpcApi;
let docs: RunningHttpApi;
let docsUrl: string;
let alice: string;

const su = (cql: string) => bridge.su(cql);

async function restAs(token: string, method: string, path: string, body?: unknown) {
  return rest.request(method, path, body, { 'x-cassandra-token': token });
}

async function docsAs(token: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { 'x-cassandra-token': token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${docsUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function ownersOf(response: Response__Output): string[] {
  return (response.resultSet?.rows ?? []).map((r) => r.values?.[0]?.string ?? '?').sort();
}

beforeAll(async () => {
  jwks = new LocalJwks(ISSUER, AUDIENCE);
  firstKey = await jwks.newKey();
  const jwksUrl = await jwks.listen();
  bridge = await startTestBridge({
    BRIDGE_JWT_JWKS_URL: jwksUrl,
    BRIDGE_JWT_ISSUER: ISSUER,
    BRIDGE_JWT_AUDIENCE: AUDIENCE,
    BRIDGE_JWT_JWKS_COOLDOWN_MS: '3000',
  });
  await bridge.createKeyspace(ks);
  await su(`CREATE TABLE ${ks}.carts (owner text, item text, qty int, PRIMARY KEY (owner, item))`);
  await su(`CREATE TABLE ${ks}.prices (item text PRIMARY KEY, price int)`);
  for (const [owner, item] of [
    ['alice', 'a1'],
    ['alice', 'a2'],
    ['bob', 'b1'],
  ]) {
    await su(`INSERT INTO ${ks}.carts (owner, item, qty) VALUES ('${owner}', '${item}', 1)`);
  }
  await su(`INSERT INTO ${ks}.prices (item, price) VALUES ('a1', 5)`);
  await su(`CREATE ROLE ${role} WITH LOGIN = false`);
  await su(`GRANT SELECT ON KEYSPACE ${ks} TO ${role}`);
  await su(`GRANT MODIFY ON KEYSPACE ${ks} TO ${role}`);
  alice = await jwks.sign(stargateClaims(role, { owner: 'alice' }));

  rest = await startRestApi({ REST_CQL_ENABLED: 'true' }, { bridge });
  graphqlApi = await startTestGraphqlApi(bridge.address, bridge.token);
  grpcApi = await startTestGrpcApi(bridge.address);
  const docsConfig = loadConfig<DocsConfig>(docsConfigSchemas, {
    BRIDGE_ADDRESS: bridge.address,
    BIND_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  docs = await startHttpApi({
    service: 'docs',
    sourceApi: 'rest',
    config: docsConfig,
    port: 0,
    register: (app, context) => registerDocsApi(app, context, docsConfig),
  });
  docsUrl = `http://127.0.0.1:${docs.port}`;
  // The superuser's table token works beside JWTs: it makes the collection and bob's document.
  for (const id of ['alice-doc', 'bob-doc']) {
    const res = await docsAs(bridge.token, 'PUT', `/v2/namespaces/${ks}/collections/notes/${id}`, { by: id });
    expect(res.status).toBe(200);
  }
}, 240_000);

afterAll(async () => {
  await rest?.close();
  await graphqlApi?.close();
  await grpcApi?.close();
  await docs?.close();
  if (bridge) {
    await su(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await bridge.dropKeyspace(ks);
    await bridge.close();
  }
  await jwks?.close();
});

describe('a valid JWT on the REST API', () => {
  it('reads only the rows of its claim, on tables with the column, and all rows of others', async () => {
    const all = await restAs(alice, 'GET', `/v2/keyspaces/${ks}/carts/rows`);
    expect(all.status).toBe(200);
    expect(all.body.data.map((r: { owner: string }) => r.owner)).toEqual(['alice', 'alice']);
    expect((await restAs(alice, 'GET', `/v2/keyspaces/${ks}/carts/alice`)).body.count).toBe(2);
    const prices = await restAs(alice, 'GET', `/v2/keyspaces/${ks}/prices/rows`);
    expect(prices.status).toBe(200);
    expect(prices.body.count).toBe(1);
  });

  it('pages through its restricted rows', async () => {
    const first = await restAs(alice, 'GET', `/v2/keyspaces/${ks}/carts/rows?page-size=1`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.pageState).toEqual(expect.any(String));
    const next = await restAs(
      alice,
      'GET',
      `/v2/keyspaces/${ks}/carts/rows?page-size=1&page-state=${encodeURIComponent(first.body.pageState)}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.data.map((r: { owner: string }) => r.owner)).toEqual(['alice']);
    expect(next.body.data[0].item).not.toBe(first.body.data[0].item);
  });

  it('without row claims acts as its role on every row', async () => {
    const roleOnly = await jwks.sign(stargateClaims(role));
    const all = await restAs(roleOnly, 'GET', `/v2/keyspaces/${ks}/carts/rows`);
    expect(all.status).toBe(200);
    expect(new Set(all.body.data.map((r: { owner: string }) => r.owner))).toEqual(new Set(['alice', 'bob']));
    const ddl = await restAs(roleOnly, 'DELETE', `/v2/schemas/keyspaces/${ks}/tables/prices`);
    expect(ddl.status).toBe(403);
  });

  it("refuses bob's rows with 403 naming the claim", async () => {
    const res = await restAs(alice, 'GET', `/v2/keyspaces/${ks}/carts/bob`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(403);
    expect(res.body.description).toContain("owner = 'alice' (claim x-stargate-owner), not 'bob'");
  });

  it('writes its own rows only', async () => {
    const own = await restAs(alice, 'POST', `/v2/keyspaces/${ks}/carts`, {
      owner: 'alice',
      item: 'a3',
      qty: 3,
    });
    expect(own.status).toBe(201);
    const other = await restAs(alice, 'POST', `/v2/keyspaces/${ks}/carts`, {
      owner: 'bob',
      item: 'b9',
      qty: 9,
    });
    expect(other.status).toBe(403);
    expect((await restAs(alice, 'PATCH', `/v2/keyspaces/${ks}/carts/bob/b1`, { qty: 100 })).status).toBe(403);
    expect((await restAs(alice, 'DELETE', `/v2/keyspaces/${ks}/carts/bob/b1`)).status).toBe(403);
    const bobs = ownersOf(await su(`SELECT owner, qty FROM ${ks}.carts WHERE owner = 'bob'`));
    expect(bobs).toEqual(['bob']);
    const b1 = await su(`SELECT qty FROM ${ks}.carts WHERE owner = 'bob' AND item = 'b1'`);
    expect(b1.resultSet?.rows?.[0]?.values?.[0]?.int).toBe('1');
  });

  it('restricts raw CQL on /v2/cql, and refuses what it cannot restrict', async () => {
    const read = await restAs(alice, 'POST', '/v2/cql', `SELECT owner FROM ${ks}.carts`);
    expect(read.status).toBe(200);
    expect(new Set(read.body.data.map((r: { owner: string }) => r.owner))).toEqual(new Set(['alice']));
    const batch = await restAs(
      alice,
      'POST',
      '/v2/cql',
      `BEGIN BATCH INSERT INTO ${ks}.carts (owner, item, qty) VALUES ('bob', 'x', 1) APPLY BATCH`,
    );
    expect(batch.status).toBe(403);
    expect(batch.body.description).toContain('a CQL BATCH string');
  });
});

describe('a valid JWT on the GraphQL API', () => {
  it('reads only its rows and cannot insert for another owner', async () => {
    const read = await graphqlApi.post(`/graphql/${ks}`, '{ carts { values { owner item } } }', undefined, {
      token: alice,
    });
    expect(read.body.errors).toBeUndefined();
    const owners = read.body.data?.carts.values.map((r: { owner: string }) => r.owner);
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set(['alice']));
    const own = await graphqlApi.post(
      `/graphql/${ks}`,
      'mutation { insertcarts(value: {owner: "alice", item: "g1", qty: 1}) { applied } }',
      undefined,
      { token: alice },
    );
    expect(own.body.errors).toBeUndefined();
    const other = await graphqlApi.post(
      `/graphql/${ks}`,
      'mutation { insertcarts(value: {owner: "bob", item: "g1", qty: 1}) { applied } }',
      undefined,
      { token: alice },
    );
    expect(other.body.errors?.[0]?.message).toContain('x-stargate-owner');
  });
});

describe('a valid JWT on the gRPC API (published client)', () => {
  it('reads only its rows; a write for another owner and a BATCH string are PERMISSION_DENIED', async () => {
    const stargate = connect(grpcApi.address);
    try {
      const auth = await authMetadata(alice);
      const res = await stargate.api.executeQuery(query(`SELECT owner FROM ${ks}.carts`), auth);
      const owners = (res.getResultSet()?.getRowsList() ?? []).map((r) => r.getValuesList()[0]?.getString());
      expect(owners.length).toBeGreaterThan(0);
      expect(new Set(owners)).toEqual(new Set(['alice']));
      const write = await callError(
        stargate.api.executeQuery(
          query(`INSERT INTO ${ks}.carts (owner, item, qty) VALUES ('bob', 'x', 1)`),
          auth,
        ),
      );
      expect(write.code).toBe(GrpcStatus.PERMISSION_DENIED);
      expect(write.details).toContain("not 'bob'");
      const batch = await callError(
        stargate.api.executeQuery(
          query(`BEGIN BATCH DELETE FROM ${ks}.carts WHERE owner = 'bob' AND item = 'b1' APPLY BATCH`),
          auth,
        ),
      );
      expect(batch.code).toBe(GrpcStatus.PERMISSION_DENIED);
      // The role's grants come first: a keyspace it has no grant on is refused as such.
      const elsewhere = await callError(
        stargate.api.executeQuery(query('SELECT * FROM system_auth.roles'), auth),
      );
      expect(elsewhere.code).toBe(GrpcStatus.PERMISSION_DENIED);
      expect(elsewhere.details).toContain(`User ${role} is not authorized`);
      const unknown = await callError(
        stargate.api.executeQuery(query(`SELECT * FROM ${ks}_absent.t WHERE owner = 'alice'`), auth),
      );
      expect(unknown.code).toBe(GrpcStatus.PERMISSION_DENIED);
      expect(unknown.details).toContain(`User ${role} has no SELECT permission on ${ks}_absent.t`);
    } finally {
      stargate.client.close();
    }
  });
});

describe('a valid JWT on the Docs API', () => {
  it('reads and writes only the document its key claim names', async () => {
    const token = await jwks.sign(stargateClaims(role, { key: 'alice-doc' }));
    const base = `/v2/namespaces/${ks}/collections/notes`;
    const own = await docsAs(token, 'GET', `${base}/alice-doc`);
    expect(own.status).toBe(200);
    expect(own.body.data).toEqual({ by: 'alice-doc' });
    expect((await docsAs(token, 'GET', `${base}/bob-doc`)).status).toBe(403);
    expect((await docsAs(token, 'PUT', `${base}/alice-doc`, { by: 'alice', n: 2 })).status).toBe(200);
    const write = await docsAs(token, 'PUT', `${base}/bob-doc`, { by: 'alice' });
    expect(write.status).toBe(403);
    expect(write.body.description).toContain('x-stargate-key');
    const search = await docsAs(token, 'GET', `${base}?page-size=20`);
    expect(search.status).toBe(200);
    expect(Object.keys(search.body.data)).toEqual(['alice-doc']);
  });
});

describe('tokens refused with 401 naming the problem', () => {
  const cases: Array<[string, () => Promise<string>, string]> = [
    ['expired', () => jwks.sign(stargateClaims(role), { expiresIn: -60 }), 'JWT expired at'],
    ['not yet valid', () => jwks.sign(stargateClaims(role), { notBefore: 600 }), 'JWT is not valid yet'],
    [
      'of another issuer',
      () => jwks.sign(stargateClaims(role), { issuer: 'https://evil.test' }),
      'JWT issuer "https://evil.test" is not the trusted issuer',
    ],
    [
      'for another audience',
      () => jwks.sign(stargateClaims(role), { audience: 'other-app' }),
      'JWT audience "other-app" does not include "stargate-it"',
    ],
    [
      'signed by another key under a known kid',
      async () => jwks.sign(stargateClaims(role), { key: await jwks.newKey(false), kid: firstKey.kid }),
      'JWT signature does not verify',
    ],
    [
      'with an unknown kid',
      async () => jwks.sign(stargateClaims(role), { key: await jwks.newKey(false) }),
      'is not among the keys of the JWKS',
    ],
    ['without stargate_claims', () => jwks.sign({ sub: 'alice' }), 'JWT has no stargate_claims claim'],
    [
      'without a role claim',
      () => jwks.sign({ stargate_claims: { 'x-stargate-owner': 'alice' } }),
      'has no x-stargate-role',
    ],
  ];

  it.each(cases)('%s: REST answers 401 with a JSON body', async (_name, make, message) => {
    const res = await restAs(await make(), 'GET', `/v2/keyspaces/${ks}/prices/rows`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, description: expect.stringContaining(message) });
  });

  it.each(cases)('%s: gRPC answers UNAUTHENTICATED', async (_name, make, message) => {
    const stargate = connect(grpcApi.address);
    try {
      const err = (await callError(
        stargate.api.executeQuery(query(`SELECT * FROM ${ks}.prices`), await authMetadata(await make())),
      )) as grpc.ServiceError;
      expect(err.code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect(err.details).toContain(message);
    } finally {
      stargate.client.close();
    }
  });
});

describe('key rotation', () => {
  it('picks up a new key by its kid, reading the JWKS at most once per cooldown', async () => {
    const rotated = await jwks.newKey();
    const token = await jwks.sign(stargateClaims(role, { owner: 'alice' }), { key: rotated });
    const readsBefore = jwks.reads;
    const started = Date.now();
    let attempts = 0;
    let accepted: Response__Output | undefined;
    // Asked straight of the bridge (no API remembers the refusals): until the cooldown since the
    // last read has passed, the kid stays unknown and the JWKS is not read again.
    while (!accepted && attempts < 60) {
      attempts++;
      try {
        accepted = await bridge.client.executeQuery({ cql: `SELECT owner FROM ${ks}.carts` }, { token });
      } catch (err) {
        expect(err).toBeInstanceOf(BridgeCallError);
        expect((err as BridgeCallError).code).toBe(GrpcStatus.UNAUTHENTICATED);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(accepted).toBeDefined();
    expect(new Set(ownersOf(accepted!))).toEqual(new Set(['alice']));
    const reads = jwks.reads - readsBefore;
    const cooldowns = Math.floor((Date.now() - started) / 3000) + 1;
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(cooldowns);
    expect(attempts).toBeGreaterThan(reads);
  });
});
