// Multi-tenancy end to end: every API resolves the tenant from the subdomain it was called on
// (TENANT_SOURCE=subdomain), the bridge stores each tenant's keyspaces under its prefix
// (BRIDGE_TENANT_KEYSPACES=true). Two tenants create a keyspace of the same name, a table and a
// row (a document) in it through REST, GraphQL, Docs and gRPC, and neither sees the other's.
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response__Output } from '../../../services/common/src/proto/generated/stargate/Response.js';
import type { StargateClient } from '../../../services/common/src/proto/generated/stargate/Stargate.js';
import { runAsTenant } from '../../../services/common/src/tenancy/tenant-context.js';
import { type ApiStack, startApiStack } from '../../support/api-stack.js';
import { connectProto, executeQuery, ok, tokenMetadata } from '../grpc/support/proto-client.js';

const suffix = randomBytes(3).toString('hex');
const tenants = [`ta${suffix}`, `tb${suffix}`] as const;
const keyspace = `it_tenancy_${suffix}`;
const outsider = `it_tenancy_global_${suffix}`;

let stack: ApiStack;
let token: string;
const grpcClients = new Map<string, StargateClient>();

function api(name: 'rest' | 'docs' | 'graphql') {
  return stack.http.find((a) => a.name === name)!.app;
}

async function call(
  name: 'rest' | 'docs' | 'graphql',
  tenant: string | undefined,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const res = await api(name).inject({
    method,
    url,
    headers: {
      host: tenant === undefined ? 'localhost' : `${tenant}.localhost`,
      'x-cassandra-token': token,
      ...(payload === undefined
        ? {}
        : { 'content-type': typeof payload === 'string' ? 'text/plain' : 'application/json' }),
    },
    payload: payload === undefined || typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

async function graphql(tenant: string, path: string, query: string) {
  const res = await call('graphql', tenant, 'POST', path, { query });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data;
}

function grpcOf(tenant: string): StargateClient {
  let client = grpcClients.get(tenant);
  if (!client) {
    client = connectProto(stack.grpc.address, { 'grpc.default_authority': `${tenant}.localhost` });
    grpcClients.set(tenant, client);
  }
  return client;
}

const cql = (tenant: string, text: string) =>
  executeQuery(grpcOf(tenant), { cql: text }, tokenMetadata(token));

beforeAll(async () => {
  // Six tables and a dozen SAI indexes are created here: on a shared, busy node a schema statement
  // can take longer than the default 12 s driver timeout.
  stack = await startApiStack(
    { BRIDGE_TENANT_KEYSPACES: 'true', CASSANDRA_REQUEST_TIMEOUT_MS: '60000' },
    { TENANT_SOURCE: 'subdomain', BRIDGE_DEADLINE_MS: '90000', REST_CQL_ENABLED: 'true' },
  );
  token = stack.bridge.token;
  await stack.bridge.createKeyspace(outsider);
  for (const tenant of tenants) {
    // REST: the keyspace (the same name for both tenants) and a table with a row.
    expect(
      (await call('rest', tenant, 'POST', '/v2/schemas/keyspaces', { name: keyspace, replicas: 1 })).status,
    ).toBe(201);
    const table = {
      name: 'rest_rows',
      columnDefinitions: [
        { name: 'k', typeDefinition: 'text' },
        { name: 'owner', typeDefinition: 'text' },
      ],
      primaryKey: { partitionKey: ['k'] },
    };
    expect(
      (await call('rest', tenant, 'POST', `/v2/schemas/keyspaces/${keyspace}/tables`, table)).status,
    ).toBe(201);
    expect(
      (await call('rest', tenant, 'POST', `/v2/keyspaces/${keyspace}/rest_rows`, { k: 'one', owner: tenant }))
        .status,
    ).toBe(201);
    // GraphQL: a table through /graphql-schema, a row through /graphql/{keyspace}.
    await graphql(
      tenant,
      '/graphql-schema',
      `mutation { createTable(keyspaceName: "${keyspace}", tableName: "gql_rows",
        partitionKeys: [{name: "k", type: {basic: TEXT}}], values: [{name: "owner", type: {basic: TEXT}}]) }`,
    );
    await graphql(
      tenant,
      `/graphql/${keyspace}`,
      `mutation { insertgql_rows(value: {k: "one", owner: "${tenant}"}) { applied } }`,
    );
    // Docs: a document (its collection is created by the write).
    const doc = await call('docs', tenant, 'PUT', `/v2/namespaces/${keyspace}/collections/things/d1`, {
      owner: tenant,
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    // gRPC: raw CQL naming the keyspace as the tenant knows it.
    await ok(cql(tenant, `CREATE TABLE ${keyspace}.grpc_rows (k text PRIMARY KEY, owner text)`));
    await ok(cql(tenant, `INSERT INTO ${keyspace}.grpc_rows (k, owner) VALUES ('one', '${tenant}')`));
  }
}, 300_000);

afterAll(async () => {
  for (const client of grpcClients.values()) client.close();
  for (const tenant of tenants) await stack?.bridge.dropKeyspace(`${tenant}_${keyspace}`);
  await stack?.bridge.dropKeyspace(outsider);
  await stack?.close();
});

describe('two tenants with a keyspace of the same name', () => {
  it('are stored as <tenant>_<keyspace>, described by the tenant name with global_name the stored one', async () => {
    for (const tenant of tenants) {
      const stored = await stack.bridge.su(
        `SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = '${tenant}_${keyspace}'`,
      );
      expect(stored.resultSet?.rows).toHaveLength(1);
      const description = await runAsTenant(tenant, () =>
        stack.bridge.client.describeKeyspace({ keyspaceName: keyspace }, { token }),
      );
      expect(description.cqlKeyspace).toMatchObject({ name: keyspace, globalName: `${tenant}_${keyspace}` });
      // Even the superuser, as a tenant, is not authorized to read system keyspaces' schema.
      // The unary AuthorizeSchemaReads, as Stargate's API services call it, with the tenant's metadata.
      const metadata = new grpc.Metadata();
      metadata.set('x-cassandra-token', token);
      metadata.set('x-source-api', 'rest');
      metadata.set('x-tenant-id', tenant);
      const authorized = await new Promise<boolean[] | undefined>((resolve, reject) =>
        stack.bridge.client.grpcClient.authorizeSchemaReads(
          { schemaReads: [{ keyspaceName: keyspace }, { keyspaceName: 'system_auth' }] },
          metadata,
          (err, res) => (err ? reject(err) : resolve(res?.authorized)),
        ),
      );
      expect(authorized).toEqual([true, false]);
    }
  });

  it('each see their own keyspaces only, by their own names (REST, GraphQL, Docs, gRPC)', async () => {
    for (const tenant of tenants) {
      const rest = await call('rest', tenant, 'GET', '/v2/schemas/keyspaces');
      expect(rest.body.data.map((k: { name: string }) => k.name)).toEqual([keyspace]);
      const gql = await graphql(tenant, '/graphql-schema', '{ keyspaces { name } }');
      expect(gql.keyspaces).toEqual([{ name: keyspace }]);
      const docs = await call('docs', tenant, 'GET', '/v2/schemas/namespaces');
      expect(docs.body.data.map((n: { name: string }) => n.name)).toEqual([keyspace]);
      const listed = await ok(cql(tenant, 'SELECT keyspace_name FROM system_schema.keyspaces'));
      expect(listed.resultSet?.rows?.map((r) => r.values?.[0]?.string)).toEqual([keyspace]);
    }
  });

  it('read system_schema restricted to their keyspace without selecting keyspace_name: their rows, all of them', async () => {
    for (const tenant of tenants) {
      const tables = await ok(
        cql(tenant, `SELECT table_name FROM system_schema.tables WHERE keyspace_name = '${keyspace}'`),
      );
      expect(tables.resultSet?.rows?.map((r) => r.values?.[0]?.string)).toContain('grpc_rows');
    }
  });

  it('are told apart on unary bridge calls too (x-tenant-id metadata)', async () => {
    for (const tenant of tenants) {
      const metadata = new grpc.Metadata();
      metadata.set('x-cassandra-token', token);
      metadata.set('x-source-api', 'cql');
      metadata.set('x-tenant-id', tenant);
      const rows = await new Promise<Response__Output>((resolve, reject) =>
        stack.bridge.client.grpcClient.ExecuteQuery(
          { cql: `SELECT owner FROM ${keyspace}.grpc_rows` },
          metadata,
          (err, res) => (err ? reject(err) : resolve(res!)),
        ),
      );
      expect(rows.resultSet?.rows?.map((r) => r.values?.[0]?.string)).toEqual([tenant]);
    }
  });

  it("each read their own rows and documents, never the other's", async () => {
    for (const tenant of tenants) {
      const rest = await call('rest', tenant, 'GET', `/v2/keyspaces/${keyspace}/rest_rows/rows`);
      expect(rest.body.data).toEqual([{ k: 'one', owner: tenant }]);
      const gql = await graphql(tenant, `/graphql/${keyspace}`, '{ gql_rows { values { k owner } } }');
      expect(gql.gql_rows.values).toEqual([{ k: 'one', owner: tenant }]);
      const doc = await call('docs', tenant, 'GET', `/v2/namespaces/${keyspace}/collections/things/d1`);
      expect(doc.body.data).toEqual({ owner: tenant });
      const rows = await ok(cql(tenant, `SELECT k, owner FROM ${keyspace}.grpc_rows`));
      expect(rows.resultSet?.rows?.map((r) => r.values?.map((v) => v.string))).toEqual([['one', tenant]]);
    }
  });

  it("refuses raw CQL naming the other tenant's stored keyspace, or a keyspace of no tenant", async () => {
    const [a, b] = tenants;
    const other = await executeQuery(
      grpcOf(a),
      { cql: `SELECT * FROM ${b}_${keyspace}.grpc_rows` },
      tokenMetadata(token),
    );
    expect(other.err?.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(other.err?.details).toMatch(`Keyspace '${b}_${keyspace}' is not a keyspace of tenant '${a}'`);
    const global = await executeQuery(
      grpcOf(a),
      { cql: `SELECT * FROM ${outsider}.t` },
      tokenMetadata(token),
    );
    expect(global.err?.code).toBe(grpc.status.PERMISSION_DENIED);
    const auth = await executeQuery(
      grpcOf(a),
      { cql: 'SELECT * FROM system_auth.roles' },
      tokenMetadata(token),
    );
    expect(auth.err?.code).toBe(grpc.status.PERMISSION_DENIED);
    const rest = await call('rest', a, 'GET', `/v2/keyspaces/${b}_${keyspace}/rest_rows/rows`);
    expect(rest.status).toBe(403);
    // REST /v2/cql: the keyspace parameter and qualified names are the tenant's.
    const own = await call('rest', a, 'POST', `/v2/cql?keyspace=${keyspace}`, 'SELECT owner FROM rest_rows');
    expect(own.body.data).toEqual([{ owner: a }]);
    const foreign = await call('rest', a, 'POST', '/v2/cql', `SELECT owner FROM ${b}_${keyspace}.rest_rows`);
    expect(foreign.status).toBe(403);
  });

  it('refuses a request whose host names no tenant: 400 JSON, gRPC INVALID_ARGUMENT', async () => {
    const res = await call('rest', undefined, 'GET', '/v2/schemas/keyspaces');
    expect(res).toEqual({
      status: 400,
      body: {
        code: 400,
        description: expect.stringMatching(/^No tenant: the host "localhost" has no subdomain/),
      },
    });
    const bare = connectProto(stack.grpc.address);
    try {
      const { err } = await executeQuery(bare, { cql: 'SELECT * FROM system.local' }, tokenMetadata(token));
      expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(err?.details).toMatch(/No tenant/);
    } finally {
      bare.close();
    }
  });

  it('counts the requests of both tenants in the metrics', async () => {
    const rest = await (await fetch(`${stack.http.find((a) => a.name === 'rest')!.url}/metrics`)).text();
    const grpcMetrics = await (await fetch(`${stack.grpc.adminUrl}/metrics`)).text();
    for (const tenant of tenants) {
      expect(rest).toMatch(
        new RegExp(`http_server_requests_counter\\{[^}]*tenant="${tenant}"[^}]*\\} [1-9]`),
      );
      expect(grpcMetrics).toMatch(
        new RegExp(`grpc_server_requests_counter\\{[^}]*tenant="${tenant}"[^}]*\\} [1-9]`),
      );
    }
  });
});
