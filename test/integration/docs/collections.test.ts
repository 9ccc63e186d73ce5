// Namespaces, collections and JSON schemas through the Document API: create / list / get / delete
// with Stargate's statuses and messages, and schema enforcement on writes (ajv, draft-07 and
// 2020-12), including the refusal of partial updates while a schema is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCassandraClient } from '../../support/cassandra-client.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type DocsApiHarness, startDocsApi } from './docs-api-harness.js';

let api: DocsApiHarness;
const collections = () => `/v2/namespaces/${api.namespace}/collections`;

beforeAll(async () => {
  api = await startDocsApi('docs_collections');
});
afterAll(async () => {
  await api?.close();
});

describe('namespaces', () => {
  it('creates with replicas or datacenters, reads, lists and deletes', async () => {
    const simple = uniqueKeyspaceName('docs_ns');
    const created = await api.call('POST', '/v2/schemas/namespaces', { body: { name: simple, replicas: 2 } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ name: simple, replicas: 2 });
    expect(created.headers.location).toMatch(new RegExp(`/v2/schemas/namespaces/${simple}$`));
    expect((await api.call('GET', `/v2/schemas/namespaces/${simple}`)).body).toEqual({
      data: { name: simple, replicas: 2 },
    });

    const dcs = uniqueKeyspaceName('docs_ns_dc');
    const withDcs = await api.call('POST', '/v2/schemas/namespaces', {
      body: { name: dcs, datacenters: [{ name: 'datacenter1' }] },
    });
    expect(withDcs.status).toBe(201);
    expect((await api.call('GET', `/v2/schemas/namespaces/${dcs}`, { query: { raw: 'true' } })).body).toEqual(
      {
        name: dcs,
        datacenters: [{ name: 'datacenter1', replicas: 3 }],
      },
    );

    const list = await api.call('GET', '/v2/schemas/namespaces');
    const names = (list.body.data as Array<{ name: string }>).map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining([simple, dcs, api.namespace]));

    const again = await api.call('POST', '/v2/schemas/namespaces', { body: { name: simple } });
    expect(again.status).toBe(409);
    expect(again.body.description).toBe(`Create failed: namespace ${simple} already exists.`);

    for (const name of [simple, dcs]) {
      expect((await api.call('DELETE', `/v2/schemas/namespaces/${name}`)).status).toBe(204);
    }
    const gone = await api.call('GET', `/v2/schemas/namespaces/${simple}`);
    expect(gone.status).toBe(404);
    expect(gone.body.description).toBe(`Unknown namespace ${simple}, you must create it first.`);
    expect((await api.call('DELETE', `/v2/schemas/namespaces/${simple}`)).status).toBe(404);
  });

  it('refuses invalid namespace bodies', async () => {
    for (const body of [{}, { name: 'has-dash' }, { name: 'ok_name', replicas: 0 }]) {
      const res = await api.call('POST', '/v2/schemas/namespaces', { body });
      expect(res.status).toBe(400);
      expect(res.body.description).toMatch(/^Invalid request/);
    }
  });
});

describe('collections', () => {
  it('creates, lists, refuses duplicates and bad names, deletes', async () => {
    const created = await api.call('POST', collections(), { body: { name: 'events' } });
    expect(created.status).toBe(201);
    expect(created.headers.location).toMatch(/\/collections\/events$/);
    const again = await api.call('POST', collections(), { body: { name: 'events' } });
    expect(again.status).toBe(409);
    expect(again.body.description).toBe('Create failed: collection events already exists.');
    const bad = await api.call('POST', collections(), { body: { name: 'bad-name' } });
    expect(bad.status).toBe(400);
    expect(bad.body.description).toBe(
      'Could not create collection bad-name, it has invalid characters. Valid characters are alphanumeric and underscores.',
    );
    expect((await api.call('GET', collections())).body.data).toEqual(
      expect.arrayContaining([{ name: 'events', upgradeAvailable: false }]),
    );
    const upgrade = await api.call('POST', `${collections()}/events/upgrade`, {
      body: { upgradeType: 'SAI_INDEX_UPGRADE' },
    });
    expect(upgrade.status).toBe(400);
    expect(upgrade.body.description).toBe('The collection cannot be upgraded in given manner.');
    expect((await api.call('DELETE', `${collections()}/events`)).status).toBe(204);
    const gone = await api.call('DELETE', `${collections()}/events`);
    expect(gone.status).toBe(404);
    expect(gone.body.description).toBe("Collection 'events' not found.");
    const noNamespace = await api.call('GET', '/v2/namespaces/no_such_namespace_q/collections');
    expect(noNamespace.status).toBe(404);
  });

  it('refuses tables that are not collections', async () => {
    const client = createCassandraClient();
    try {
      await client.execute(`CREATE TABLE ${api.namespace}.plain (id int PRIMARY KEY, v text)`);
    } finally {
      await client.shutdown();
    }
    const message = `The database table ${api.namespace}.plain is not a Documents collection. Accessing arbitrary tables via the Documents API is not permitted.`;
    const read = await api.call('GET', `${collections()}/plain/x`);
    expect(read.status).toBe(400);
    expect(read.body.description).toBe(message);
    const write = await api.call('PUT', `${collections()}/plain/x`, { body: { a: 1 } });
    expect(write.body.description).toBe(message);
    const names = (await api.call('GET', collections(), { query: { raw: 'true' } })).body.map(
      (c: { name: string }) => c.name,
    );
    expect(names).not.toContain('plain');
  });
});

describe('JSON schema', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      age: { type: 'integer', minimum: 0 },
      address: { type: 'object', properties: { zip: { type: 'string', pattern: '^[0-9]{5}$' } } },
    },
    required: ['name'],
  };

  it('is 404 until set; refuses invalid schemas', async () => {
    await api.call('POST', collections(), { body: { name: 'people' } });
    const none = await api.call('GET', `${collections()}/people/json-schema`);
    expect(none.status).toBe(404);
    expect(none.body.description).toBe('The JSON schema is not set for the collection.');
    const invalid = await api.call('PUT', `${collections()}/people/json-schema`, {
      body: { type: 'nonsense' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.description).toMatch(/^The provided JSON schema is invalid or malformed: /);
  });

  it('validates whole documents and names the failing paths', async () => {
    const set = await api.call('PUT', `${collections()}/people/json-schema`, { body: schema });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ schema });
    expect((await api.call('GET', `${collections()}/people/json-schema`)).body).toEqual({ schema });

    const valid = await api.call('PUT', `${collections()}/people/p1`, { body: { name: 'Ann', age: 3 } });
    expect(valid.status).toBe(200);
    const invalid = await api.call('PUT', `${collections()}/people/p2`, {
      body: { age: -1, address: { zip: 'abc' } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.description).toContain('/age must be >= 0');
    expect(invalid.body.description).toContain('/address/zip must match pattern');
    expect(invalid.body.description).toContain("must have required property 'name'");
    expect((await api.call('GET', `${collections()}/people/p2`)).status).toBe(404);
    const batch = await api.call('POST', `${collections()}/people/batch`, {
      body: [{ name: 'ok' }, { name: 5 }],
    });
    expect(batch.status).toBe(400);
    expect(batch.body.description).toContain('/name must be string');
  });

  it('refuses partial updates while a schema is set', async () => {
    const message =
      'When a collection has a JSON schema, partial updates of documents are disallowed for performance reasons.';
    const patch = await api.call('PATCH', `${collections()}/people/p1`, { body: { age: 4 } });
    expect(patch.status).toBe(400);
    expect(patch.body.description).toBe(message);
    const put = await api.call('PUT', `${collections()}/people/p1/age`, { body: 4 });
    expect(put.body.description).toBe(message);
    const set = await api.call('POST', `${collections()}/people/p1/function`, {
      body: { operation: '$set', value: { age: 4 } },
    });
    expect(set.body.description).toBe(message);
    expect((await api.call('GET', `${collections()}/people/p1`, { query: { raw: 'true' } })).body).toEqual({
      name: 'Ann',
      age: 3,
    });
  });

  it('supports draft 2020-12 schemas', async () => {
    const tuple = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false },
      },
    };
    await api.call('POST', collections(), { body: { name: 'shapes' } });
    expect((await api.call('PUT', `${collections()}/shapes/json-schema`, { body: tuple })).status).toBe(200);
    expect((await api.call('PUT', `${collections()}/shapes/s1`, { body: { point: [1, 2] } })).status).toBe(
      200,
    );
    const tooLong = await api.call('PUT', `${collections()}/shapes/s2`, { body: { point: [1, 2, 3] } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.description).toContain('/point must NOT have more than 2 items');
  });
});

describe('OpenAPI', () => {
  it('serves the OpenAPI document and Swagger UI without a token', async () => {
    const res = await api.call('GET', '/api/docs/openapi.json', { token: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.0.3');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v2/schemas/namespaces',
        '/v2/namespaces/{namespace}/collections/{collection}',
        '/v2/namespaces/{namespace}/collections/{collection}/batch',
        '/v2/namespaces/{namespace}/collections/{collection}/{documentId}',
        '/v2/namespaces/{namespace}/collections/{collection}/{documentId}/{documentPath}',
        '/v2/namespaces/{namespace}/collections/{collection}/{documentId}/{documentPath}/function',
        '/v2/namespaces/{namespace}/collections/{collection}/json-schema',
      ]),
    );
    const ui = await api.call('GET', '/swagger-ui/', { token: null });
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });
});
