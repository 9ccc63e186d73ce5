// The OpenAPI document and Swagger UI at Stargate's paths, and POST /v2/cql: off by default,
// on with REST_CQL_ENABLED=true (that instance also defaults compactMapData to false).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

let api: RestApi;
let cqlApi: RestApi;
const ks = uniqueKeyspaceName('rest_cql');

beforeAll(async () => {
  api = await startRestApi();
  cqlApi = await startRestApi({ REST_CQL_ENABLED: 'true', REST_COMPACT_MAP_DATA: 'false' }, api);
});

afterAll(async () => {
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await cqlApi?.close();
  await api?.close();
});

describe('OpenAPI and Swagger UI', () => {
  it('serves the OpenAPI 3 document generated from the route schemas', async () => {
    for (const path of ['/api/rest/openapi', '/api/rest/openapi.json']) {
      const res = await fetch(`${api.url}${path}`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as {
        openapi: string;
        paths: Record<
          string,
          Record<string, { parameters?: Array<{ name: string }>; requestBody?: unknown }>
        >;
        components: { schemas: Record<string, unknown> };
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v2/keyspaces/{keyspace}/{table}',
          '/v2/keyspaces/{keyspace}/{table}/rows',
          '/v2/keyspaces/{keyspace}/{table}/{primaryKey}',
          '/v2/keyspaces/{keyspace}/{table}/count',
          '/v2/keyspaces/{keyspace}/{table}/bulk',
          '/v2/schemas/keyspaces',
          '/v2/schemas/keyspaces/{keyspace}/tables/{table}/columns/{column}',
          '/v2/schemas/keyspaces/{keyspace}/tables/{table}/indexes',
          '/v2/schemas/keyspaces/{keyspace}/types',
        ]),
      );
      expect(doc.paths['/v2/cql']).toBeUndefined();
      const byKey = doc.paths['/v2/keyspaces/{keyspace}/{table}/{primaryKey}']!;
      expect(Object.keys(byKey).sort()).toEqual(['delete', 'get', 'patch', 'put']);
      expect(byKey.get!.parameters!.map((p) => p.name)).toContain('primaryKey');
      expect(doc.paths['/v2/keyspaces/{keyspace}/{table}/bulk']!.post!.requestBody).toEqual({
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/BulkInsertRequest' } } },
      });
      expect(Object.keys(doc.components.schemas)).toEqual(
        expect.arrayContaining(['TableAdd', 'RowsResponse', 'BulkInsertResponse', 'RowCount', 'ApiError']),
      );
    }
  });

  it('serves Swagger UI without a token', async () => {
    const res = await fetch(`${api.url}/swagger-ui/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/swagger-ui/i);
  });
});

describe('POST /v2/cql', () => {
  it('is off by default, and says how to turn it on', async () => {
    const res = await api.request('POST', '/v2/cql', 'SELECT * FROM system.local', {
      'content-type': 'text/plain',
    });
    expect(res.body).toEqual({
      description: 'POST /v2/cql is disabled: start the REST API with REST_CQL_ENABLED=true to use it',
      code: 404,
    });
  });

  it('runs statements when enabled and returns rows in the rows response', async () => {
    const text = { 'content-type': 'text/plain' };
    const ddl = await cqlApi.request(
      'POST',
      '/v2/cql',
      `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
      text,
    );
    expect(ddl.body).toEqual({ count: 0, data: [] });
    await cqlApi.request(
      'POST',
      `/v2/cql?keyspace=${ks}`,
      'CREATE TABLE t (k int PRIMARY KEY, m map<text, bigint>)',
      text,
    );
    await cqlApi.request(
      'POST',
      `/v2/cql?keyspace=${ks}`,
      "INSERT INTO t (k, m) VALUES (1, {'a': 9223372036854775807})",
      text,
    );
    await cqlApi.request('POST', `/v2/cql?keyspace=${ks}`, 'INSERT INTO t (k) VALUES (2)', text);
    const rows = await cqlApi.request(
      'POST',
      `/v2/cql?keyspace=${ks}&page-size=1&compactMapData=true`,
      'SELECT k, m FROM t WHERE k = 1',
      text,
    );
    expect(rows.text).toBe('{"count":1,"data":[{"k":1,"m":{"a":9223372036854775807}}]}');
    // REST_COMPACT_MAP_DATA=false on this instance: maps as entries unless a request says otherwise.
    const entries = await cqlApi.request(
      'POST',
      '/v2/cql?raw=true',
      `SELECT m FROM ${ks}.t WHERE k = 1`,
      text,
    );
    expect(entries.text).toBe('[{"m":[{"key":"a","value":9223372036854775807}]}]');
    // The table made with raw CQL is immediately usable through the row routes.
    expect((await cqlApi.get(`/v2/keyspaces/${ks}/t/2`)).body).toEqual({
      count: 1,
      data: [{ k: 2, m: null }],
    });
  });

  it('pages, and answers bad statements with 400', async () => {
    const text = { 'content-type': 'text/plain' };
    const first = await cqlApi.request('POST', `/v2/cql?keyspace=${ks}&page-size=1`, 'SELECT k FROM t', text);
    expect(first.body.count).toBe(1);
    expect(first.body.pageState).toEqual(expect.any(String));
    const next = await cqlApi.request(
      'POST',
      `/v2/cql?keyspace=${ks}&page-size=1&page-state=${encodeURIComponent(first.body.pageState)}`,
      'SELECT k FROM t',
      text,
    );
    expect(next.body.count).toBe(1);
    expect(next.body.data).not.toEqual(first.body.data);
    expect((await cqlApi.request('POST', '/v2/cql', '   ', text)).body).toEqual({
      description: 'CQL query body required',
      code: 400,
    });
    const syntax = await cqlApi.request('POST', '/v2/cql', 'SELEKT nonsense', text);
    expect(syntax.status).toBe(400);
    const form = await cqlApi.request('POST', `/v2/cql?keyspace=${ks}`, 'SELECT count(*) FROM t', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.body).toEqual({ count: 1, data: [{ count: 2 }] });
  });
});
