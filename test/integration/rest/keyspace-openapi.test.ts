// GET /v2/keyspaces/{ks}/openapi.json against real Cassandra: a table with every CQL type (composite
// partition key, clustering key, static column, frozen UDT, tuple, vector) gets a document that
// swagger-parser validates; openapi-typescript turns it into types that strict tsc compiles (and
// that refuse wrong values); openapi-fetch with those types inserts and reads a row of every type.
// Also: 401 before anything, 404 for an unknown keyspace, 405 + Allow for other methods, and a
// new document when the schema changes.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { generateTypes } from 'openapi-typescript-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

let api: RestApi;
const ks = uniqueKeyspaceName('topenapi');
const repoRoot = new URL('../../../', import.meta.url).pathname;
const clientDir = join(repoRoot, '.local', `openapi-client-${ks}`);

/** Every CQL type Cassandra 5.0 has, with the key columns first. */
const columns: Array<[string, string]> = [
  ['p_id', 'int'],
  ['p_name', 'text'],
  ['c_ts', 'timestamp'],
  ['s_note', 'text'],
  ['a_ascii', 'ascii'],
  ['a_bigint', 'bigint'],
  ['a_blob', 'blob'],
  ['a_boolean', 'boolean'],
  ['a_date', 'date'],
  ['a_decimal', 'decimal'],
  ['a_double', 'double'],
  ['a_duration', 'duration'],
  ['a_float', 'float'],
  ['a_inet', 'inet'],
  ['a_int', 'int'],
  ['a_smallint', 'smallint'],
  ['a_text', 'text'],
  ['a_time', 'time'],
  ['a_timestamp', 'timestamp'],
  ['a_timeuuid', 'timeuuid'],
  ['a_tinyint', 'tinyint'],
  ['a_uuid', 'uuid'],
  ['a_varint', 'varint'],
  ['a_list', 'list<int>'],
  ['a_set', 'set<text>'],
  ['a_map', 'map<text, int>'],
  ['a_udt', 'frozen<address>'],
  ['a_tuple', 'tuple<int, text, boolean>'],
  ['a_vector', 'vector<float, 3>'],
];

type Doc = {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string; schema?: unknown }> }>
  >;
  components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
};

async function document(): Promise<Doc> {
  const res = await api.get(`/v2/keyspaces/${ks}/openapi.json`);
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return res.body as Doc;
}

beforeAll(async () => {
  api = await startRestApi();
  expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  const udt = await api.post(`/v2/schemas/keyspaces/${ks}/types`, {
    name: 'address',
    fields: [
      { name: 'street', typeDefinition: 'text' },
      { name: 'zip', typeDefinition: 'int' },
    ],
  });
  expect(udt.status, udt.text).toBe(201);
  const created = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'every_type',
    columnDefinitions: columns.map(([name, typeDefinition]) => ({
      name,
      typeDefinition,
      ...(name === 's_note' ? { static: true } : {}),
    })),
    primaryKey: { partitionKey: ['p_id', 'p_name'], clusteringKey: ['c_ts'] },
  });
  expect(created.status, created.text).toBe(201);
  const counters = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'hits',
    columnDefinitions: [
      { name: 'page', typeDefinition: 'text' },
      { name: 'n', typeDefinition: 'counter' },
    ],
    primaryKey: { partitionKey: ['page'] },
  });
  expect(counters.status, counters.text).toBe(201);
});

afterAll(async () => {
  rmSync(clientDir, { recursive: true, force: true });
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.close();
});

describe('the keyspace document', () => {
  it('is a valid OpenAPI document with typed paths for every table', async () => {
    const doc = await document();
    await SwaggerParser.validate(structuredClone(doc) as unknown as OpenAPI.Document);
    const base = `/v2/keyspaces/${ks}/every_type`;
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        base,
        `${base}/rows`,
        `${base}/{p_id}/{p_name}/{c_ts}`,
        `/v2/keyspaces/${ks}/hits`,
        `/v2/keyspaces/${ks}/hits/rows`,
        `/v2/keyspaces/${ks}/hits/{page}`,
      ].sort(),
    );
    const byKey = doc.paths[`${base}/{p_id}/{p_name}/{c_ts}`]!;
    expect(Object.keys(byKey).sort()).toEqual(['delete', 'get', 'patch', 'put']);
    expect(byKey.get!.parameters!.filter((p) => p.in === 'path')).toEqual([
      expect.objectContaining({
        name: 'p_id',
        schema: expect.objectContaining({ type: 'integer', format: 'int32' }),
      }),
      expect.objectContaining({ name: 'p_name', schema: expect.objectContaining({ type: 'string' }) }),
      expect.objectContaining({ name: 'c_ts', schema: expect.objectContaining({ type: 'string' }) }),
    ]);
    expect(doc.paths[base]!.post!.parameters!.map((p) => p.name)).toEqual(['ttl', 'timestamp']);
    // Counter tables take no ttl or timestamp (Cassandra refuses them).
    expect(doc.paths[`/v2/keyspaces/${ks}/hits`]!.post!.parameters).toEqual([]);
    const row = doc.components.schemas.every_type_Row!.properties;
    expect(Object.keys(row).sort()).toEqual(columns.map(([name]) => name).sort());
    expect(row.a_bigint).toMatchObject({ type: 'integer', format: 'int64', nullable: true });
    expect(row.a_uuid).toMatchObject({ type: 'string', format: 'uuid' });
    expect(row.a_blob).toMatchObject({ type: 'string', format: 'byte' });
    expect(row.a_set).toMatchObject({ type: 'array', uniqueItems: true, items: { type: 'string' } });
    expect(row.a_map).toMatchObject({ type: 'object', additionalProperties: { type: 'integer' } });
    expect(row.a_vector).toMatchObject({
      type: 'array',
      minItems: 3,
      maxItems: 3,
      items: { type: 'number' },
    });
    expect(row.a_tuple).toMatchObject({ type: 'array', minItems: 3, maxItems: 3 });
    expect(row.a_udt).toMatchObject({
      type: 'object',
      properties: { street: { type: 'string' }, zip: { type: 'integer' } },
      additionalProperties: false,
    });
    expect(doc.components.schemas.hits_Row!.properties.n).toMatchObject({ type: 'string' });
    // Input: a number or Stargate's stringified text.
    const input = doc.components.schemas.every_type_RowInput!.properties;
    expect(input.a_int).toMatchObject({
      anyOf: [
        expect.objectContaining({ type: 'integer' }),
        { type: 'string', description: expect.any(String) },
      ],
    });
  });

  it('is rebuilt when the schema changes', async () => {
    const before = await document();
    expect(before.components.schemas.hits_Row!.properties.misses).toBeUndefined();
    const added = await api.post(`/v2/schemas/keyspaces/${ks}/tables/hits/columns`, {
      name: 'misses',
      typeDefinition: 'counter',
    });
    expect(added.status, added.text).toBe(201);
    const after = await document();
    expect(after.components.schemas.hits_Row!.properties.misses).toMatchObject({ type: 'string' });
  });

  it('needs a token (401, nothing learned), answers 404 for an unknown keyspace and 405 to other methods', async () => {
    const anonymous = await fetch(`${api.url}/v2/keyspaces/${ks}/openapi.json`);
    expect(anonymous.status).toBe(401);
    const unknownAnonymous = await fetch(`${api.url}/v2/keyspaces/no_such_ks_topenapi/openapi.json`);
    expect(unknownAnonymous.status).toBe(401);
    const unknown = await api.get('/v2/keyspaces/no_such_ks_topenapi/openapi.json');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      description: "Unable to describe keyspace 'no_such_ks_topenapi'",
      code: 404,
    });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await api.request(method, `/v2/keyspaces/${ks}/openapi.json`, { a: 1 });
      expect(res.status, `${method}: ${res.text}`).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.body.code).toBe(405);
    }
  });
});

/** The client a user would write against the generated types, with wrong uses tsc must refuse. */
const CLIENT_SOURCE = `import createClient from 'openapi-fetch';
import type { components, paths } from './keyspace.js';

type RowInput = components['schemas']['every_type_RowInput'];
type Row = components['schemas']['every_type_Row'];

export const row: RowInput = {
  p_id: 1,
  p_name: 'alpha',
  c_ts: '2024-05-01T10:00:00Z',
  s_note: 'static',
  a_ascii: 'plain',
  a_bigint: 9007199254740991,
  a_blob: 'AAEC/w==',
  a_boolean: true,
  a_date: '2024-02-29',
  a_decimal: 12.5,
  a_double: 'Infinity',
  a_duration: '1h30m',
  a_float: 0.5,
  a_inet: '192.168.0.1',
  a_int: -7,
  a_smallint: 300,
  a_text: 'héllo',
  a_time: '10:00:05.120',
  a_timestamp: 1714557600000,
  a_timeuuid: 'd2177dd0-eaa2-11de-a572-001b779c76e3',
  a_tinyint: 5,
  a_uuid: '123e4567-e89b-12d3-a456-426614174000',
  a_varint: 12345678901234,
  a_list: [3, 1, 2],
  a_set: ['b', 'a'],
  a_map: { x: 1, y: 2 },
  a_udt: { street: 'Main St', zip: 12345 },
  a_tuple: [7, 'seven', false],
  a_vector: [0.5, -1.25, 3],
};

// @ts-expect-error a boolean is no int
export const wrongInt: RowInput = { p_id: true, p_name: 'x', c_ts: 0 };
// @ts-expect-error the primary key is required
export const missingKey: RowInput = { p_id: 1, p_name: 'x' };
// @ts-expect-error no such column
export const unknownColumn: RowInput = { p_id: 1, p_name: 'x', c_ts: 0, nope: 1 };
// @ts-expect-error a UDT has only its fields
export const wrongUdt: RowInput = { p_id: 1, p_name: 'x', c_ts: 0, a_udt: { city: 'Paris' } };
// @ts-expect-error a list is an array
export const wrongList: RowInput = { p_id: 1, p_name: 'x', c_ts: 0, a_list: { a: 1 } };

export function readBack(found: Row): { int: number | null | undefined; set: string[] | null | undefined } {
  // @ts-expect-error an int column reads as a number
  const text: string = found.a_int;
  void text;
  return { int: found.a_int, set: found.a_set };
}

export async function roundTrip(baseUrl: string, token: string): Promise<{ inserted: number; rows: Row[] }> {
  const client = createClient<paths>({ baseUrl, headers: { 'X-Cassandra-Token': token } });
  const inserted = await client.POST('/v2/keyspaces/${ks}/every_type', { body: row, params: { query: { ttl: 3600 } } });
  const read = await client.GET('/v2/keyspaces/${ks}/every_type/{p_id}/{p_name}/{c_ts}', {
    params: { path: { p_id: 1, p_name: 'alpha', c_ts: '2024-05-01T10:00:00Z' } },
  });
  if (!read.data) throw new Error(JSON.stringify(read.error));
  // @ts-expect-error the path parameters are required
  void client.GET('/v2/keyspaces/${ks}/every_type/{p_id}/{p_name}/{c_ts}', {});
  return { inserted: inserted.response.status, rows: read.data.data };
}
`;

describe('a TypeScript client generated with openapi-typescript', () => {
  it('compiles under strict tsc, refuses wrong types, and round-trips a row of every type', async () => {
    const doc = await document();
    mkdirSync(clientDir, { recursive: true });
    writeFileSync(join(clientDir, 'keyspace.ts'), await generateTypes(doc));
    writeFileSync(join(clientDir, 'client.ts'), CLIENT_SOURCE);
    writeFileSync(
      join(clientDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['client.ts'],
      }),
    );
    const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
    const compiled = await promisify(execFile)(tsc, ['-p', clientDir]).then(
      () => '',
      (err: { stdout?: string; message: string }) => err.stdout || err.message,
    );
    expect(compiled).toBe('');

    const client = (await import(join(clientDir, 'client.ts'))) as {
      roundTrip(
        baseUrl: string,
        token: string,
      ): Promise<{ inserted: number; rows: Array<Record<string, unknown>> }>;
    };
    const { inserted, rows } = await client.roundTrip(api.url, api.token);
    expect(inserted).toBe(201);
    expect(rows).toEqual([
      {
        p_id: 1,
        p_name: 'alpha',
        c_ts: '2024-05-01T10:00:00Z',
        s_note: 'static',
        a_ascii: 'plain',
        a_bigint: 9007199254740991,
        a_blob: 'AAEC/w==',
        a_boolean: true,
        a_date: '2024-02-29',
        a_decimal: 12.5,
        a_double: 'Infinity',
        a_duration: '1h30m',
        a_float: 0.5,
        a_inet: '192.168.0.1',
        a_int: -7,
        a_smallint: 300,
        a_text: 'héllo',
        a_time: '10:00:05.120',
        a_timestamp: '2024-05-01T10:00:00Z',
        a_timeuuid: 'd2177dd0-eaa2-11de-a572-001b779c76e3',
        a_tinyint: 5,
        a_uuid: '123e4567-e89b-12d3-a456-426614174000',
        a_varint: 12345678901234,
        a_list: [3, 1, 2],
        a_set: ['a', 'b'],
        a_map: { x: 1, y: 2 },
        a_udt: { street: 'Main St', zip: 12345 },
        a_tuple: [7, 'seven', false],
        a_vector: [0.5, -1.25, 3],
      },
    ]);
  });
});
