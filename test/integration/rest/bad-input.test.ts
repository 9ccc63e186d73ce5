// Bad input answered with a 4xx and a description naming the problem, never a 500, a crash or a
// hang: malformed JSON, wrong types, unknown columns, unfilterable where clauses, out-of-range
// page sizes, bodies over the limit, names carrying CQL, missing token, bad paging state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi, where } from './support/rest-api.js';

let api: RestApi;
const ks = uniqueKeyspaceName('rest_bad');
const items = `/v2/keyspaces/${ks}/items`;

beforeAll(async () => {
  api = await startRestApi({
    REST_BODY_LIMIT_BYTES: '2048',
    REST_MAX_PAGE_SIZE: '500',
    REST_BULK_INSERT_MAX_ROWS: '3',
  });
  expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  const created = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'items',
    columnDefinitions: [
      { name: 'shop', typeDefinition: 'text' },
      { name: 'sku', typeDefinition: 'int' },
      { name: 'price', typeDefinition: 'decimal' },
      { name: 'label', typeDefinition: 'text' },
    ],
    primaryKey: { partitionKey: ['shop'], clusteringKey: ['sku'] },
  });
  expect(created.status, created.text).toBe(201);
  await api.post(items, { shop: 'a', sku: 1, price: 9.99, label: 'x' });
});

afterAll(async () => {
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.close();
});

function expectError(
  res: { status: number; body: { description?: string; code?: number } },
  status: number,
  description: string | RegExp,
) {
  expect(res.status).toBe(status);
  expect(res.body.code).toBe(status);
  if (typeof description === 'string') expect(res.body.description).toBe(description);
  else expect(res.body.description).toMatch(description);
}

describe('request bodies', () => {
  it('malformed JSON', async () => {
    expectError(await api.request('POST', items, '{"shop": "a", '), 400, /^Request body is not valid JSON: /);
    expectError(
      await api.request('POST', items, ''),
      400,
      'Request body is missing: this operation needs a JSON body',
    );
    expectError(
      await api.request('POST', `/v2/schemas/keyspaces/${ks}/tables`, '{"name": }'),
      400,
      /^Request body is not valid JSON/,
    );
  });

  it('a value of the wrong type for a column', async () => {
    expectError(
      await api.post(items, { shop: 'a', sku: 'two' }),
      400,
      `Invalid value for column 'sku': expected int (a whole number from -2147483648 to 2147483647), got String "two"`,
    );
    expectError(
      await api.post(items, { shop: 'a', sku: 2, price: [1] }),
      400,
      "Invalid value for column 'price': expected decimal (a number of any precision), got an array",
    );
  });

  it('an unknown column in the body, fields or sort', async () => {
    expectError(
      await api.post(items, { shop: 'a', sku: 2, colour: 'red' }),
      400,
      "Unknown field name 'colour' (table 'items'); known fields: [shop, sku, label, price]",
    );
    expectError(
      await api.get(`${items}/a?fields=colour`),
      400,
      /^Invalid 'fields' parameter, problem: Unknown field name 'colour'/,
    );
    expectError(
      await api.get(`${items}/a?sort=${encodeURIComponent('{"colour":"asc"}')}`),
      400,
      /^Invalid 'sort' parameter, problem: Unknown field name 'colour'/,
    );
  });

  it('a row that is not an object, a missing key column, a key column in an update', async () => {
    expectError(await api.post(items, [1, 2]), 400, 'Invalid request: body must be object');
    expectError(await api.post(items, { sku: 1 }), 400, "Missing value for primary key column 'shop'");
    expectError(
      await api.request('PUT', `${items}/a/1`, { sku: 5 }),
      400,
      "Column 'sku' is part of the primary key: the path names the row to update",
    );
    expectError(
      await api.request('PUT', `${items}/a`, { label: 'y' }),
      400,
      /^Invalid path for row to update, problem: Number of key values provided \(1\) less than number of primary key columns \(2\)/,
    );
  });

  it('an unknown property in a schema request body is named', async () => {
    expectError(
      await api.post('/v2/schemas/keyspaces', { name: 'k1', replication: 3 }),
      400,
      "Invalid request: body has an unknown property 'replication'",
    );
    expectError(
      await api.post(`/v2/schemas/keyspaces/${ks}/tables`, {
        name: 't',
        primaryKey: { partitionKey: ['a'] },
      }),
      400,
      "Invalid request: body is missing the required property 'columnDefinitions'",
    );
  });

  it('a body over the configured limit is refused with 413', async () => {
    const res = await api.post(items, { shop: 'a', sku: 3, label: 'x'.repeat(4096) });
    expectError(res, 413, 'Request body is larger than the configured limit');
  });

  it('a bulk insert that is not an array, or has too many rows', async () => {
    expectError(await api.post(`${items}/bulk`, { shop: 'a' }), 400, 'Invalid request: body must be array');
    const rows = Array.from({ length: 4 }, (_, i) => ({ shop: 'b', sku: i }));
    expectError(
      await api.post(`${items}/bulk`, rows),
      400,
      'A bulk insert takes at most 3 rows; this request has 4',
    );
  });
});

describe('where, paging and path parameters', () => {
  it('a where clause Cassandra cannot serve without filtering explains why', async () => {
    expectError(
      await api.get(`${items}?${where({ label: { $eq: 'x' } })}`),
      400,
      "Invalid 'where' parameter, problem: column 'label' is neither part of the primary key nor indexed. Cassandra would have to scan and filter the whole table (ALLOW FILTERING), which the REST API never does: restrict the full partition key with $eq or $in, or filter on columns that have an index",
    );
    expectError(
      await api.get(`${items}?${where({ sku: { $gt: 0 } })}`),
      400,
      /^Invalid 'where' parameter, problem: clustering column 'sku' is restricted but the partition key \(shop\) is not/,
    );
  });

  it('a where clause that is not valid, or uses an unsupported operator', async () => {
    expectError(
      await api.get(`${items}?where=${encodeURIComponent('{"shop":')}`),
      400,
      /Input provided is not valid json/,
    );
    expectError(
      await api.get(`${items}?${where({ shop: { $ne: 'a' } })}`),
      400,
      "Invalid 'where' parameter, problem: Operation $ne is not supported.",
    );
    expectError(
      await api.get(items),
      400,
      "Invalid request: querystring is missing the required property 'where'",
    );
  });

  it('page-size out of range or not a number', async () => {
    expectError(
      await api.get(`${items}/rows?page-size=0`),
      400,
      'Invalid request: querystring/page-size must be >= 1',
    );
    expectError(
      await api.get(`${items}/rows?page-size=501`),
      400,
      'Invalid request: querystring/page-size must be <= 500',
    );
    expectError(
      await api.get(`${items}/rows?page-size=ten`),
      400,
      'Invalid request: querystring/page-size must be integer',
    );
  });

  it('a page state that is not base64, or not issued for this query', async () => {
    expectError(
      await api.get(`${items}/rows?page-state=${encodeURIComponent('%%%')}`),
      400,
      /^Invalid 'page-state' parameter/,
    );
    expectError(
      await api.get(`${items}/rows?page-state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`),
      400,
      'Invalid paging state: it was not issued for this query or was modified',
    );
  });

  it('a path with too few key values or a value of the wrong type', async () => {
    expectError(
      await api.request('DELETE', `${items}/`),
      400,
      'Invalid path for row to delete, problem: Number of key values provided (0) less than number of partition keys (1)',
    );
    expectError(
      await api.get(`${items}/a/not-a-number`),
      400,
      /^Invalid path for row to find, problem: Invalid value for column 'sku': expected int/,
    );
  });

  it('sorting on a column Cassandra cannot order by answers with Cassandra\u2019s reason', async () => {
    const res = await api.get(`${items}/a?sort=${encodeURIComponent('{"label":"asc"}')}`);
    expect(res.status).toBe(400);
    expect(res.body.description).toMatch(/Order by/i);
  });
});

describe('names and tokens', () => {
  it('keyspace and table names with quotes, spaces or CQL are refused before any CQL is built', async () => {
    expectError(
      await api.get(`/v2/keyspaces/${ks}/${encodeURIComponent('items" WHERE 1=1; --')}/rows`),
      400,
      `Invalid table name 'items" WHERE 1=1; --': only letters, digits and underscores are allowed`,
    );
    expectError(
      await api.get(`/v2/keyspaces/${encodeURIComponent('my ks')}/items/rows`),
      400,
      "Invalid keyspace name 'my ks': only letters, digits and underscores are allowed",
    );
    expectError(
      await api.post('/v2/schemas/keyspaces', { name: "x'; DROP KEYSPACE system; --" }),
      400,
      /^Invalid keyspace name/,
    );
    expectError(
      await api.post(`/v2/schemas/keyspaces/${ks}/tables`, {
        name: 'evil',
        columnDefinitions: [{ name: 'id', typeDefinition: 'int PRIMARY KEY) WITH comment = $$x$$ --' }],
        primaryKey: { partitionKey: ['id'] },
      }),
      400,
      /^Invalid type definition 'int PRIMARY KEY\) WITH comment = \$\$x\$\$ --': unexpected/,
    );
  });

  it('every kind of name in a schema route path is refused the same way, whatever the method', async () => {
    const bad = encodeURIComponent('a-b');
    const refused = (what: string) =>
      `Invalid ${what} name 'a-b': only letters, digits and underscores are allowed`;
    const cases: Array<[string, string, string, unknown?]> = [
      ['GET', `/v2/schemas/keyspaces/${bad}`, 'keyspace'],
      ['DELETE', `/v2/schemas/keyspaces/${bad}`, 'keyspace'],
      ['GET', `/v2/schemas/keyspaces/${bad}/tables`, 'keyspace'],
      ['GET', `/v2/schemas/keyspaces/${ks}/tables/${bad}`, 'table'],
      ['DELETE', `/v2/schemas/keyspaces/${ks}/tables/${bad}`, 'table'],
      [
        'POST',
        `/v2/schemas/keyspaces/${bad}/types`,
        'keyspace',
        { name: 't', fields: [{ name: 'f', typeDefinition: 'int' }] },
      ],
      [
        'PUT',
        `/v2/schemas/keyspaces/${bad}/types`,
        'keyspace',
        { name: 't', addFields: [{ name: 'f', typeDefinition: 'int' }] },
      ],
      ['DELETE', `/v2/schemas/keyspaces/${ks}/types/${bad}`, 'type'],
      ['DELETE', `/v2/schemas/keyspaces/${ks}/tables/items/indexes/${bad}`, 'index'],
    ];
    for (const [method, path, what, body] of cases) {
      expectError(await api.request(method, path, body), 400, refused(what));
    }
  });

  it('a key value carrying CQL is only a value: it is bound, never written into the statement', async () => {
    const res = await api.get(`${items}/${encodeURIComponent("a' OR '1'='1")}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 0, data: [] });
  });

  it('a missing or unknown token', async () => {
    expectError(
      await api.request('GET', `${items}/rows`, undefined, { 'x-cassandra-token': '' }),
      401,
      'Role unauthorized for operation: Missing token, expecting one in the X-Cassandra-Token header.',
    );
    const unknown = await api.request('GET', `${items}/rows`, undefined, {
      'x-cassandra-token': 'not-a-token',
    });
    expect(unknown.status).toBe(401);
  });

  it('a name longer than the router would take is refused by name, with the error body', async () => {
    const long = 'a'.repeat(223);
    expectError(await api.get(`/v2/keyspaces/${ks}/${long}/rows`), 400, /table/);
    const column = 'c'.repeat(5000);
    const res = await api.get(`/v2/schemas/keyspaces/${ks}/tables/items/columns/${column}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 404 });
  });

  it('missing keyspaces and tables', async () => {
    expectError(await api.get('/v2/keyspaces/no_such_ks/items/rows'), 400, "Keyspace 'no_such_ks' not found");
    expectError(
      await api.get(`/v2/keyspaces/${ks}/no_such_table/rows`),
      400,
      `Table 'no_such_table' not found (in keyspace '${ks}')`,
    );
  });
});

describe('methods a path does not serve', () => {
  it('answer 405 with Allow and the error body', async () => {
    const res = await api.request('PATCH', '/v2/schemas/keyspaces');
    expectError(res, 405, 'Method PATCH is not allowed on /v2/schemas/keyspaces');
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    const columns = `/v2/schemas/keyspaces/${ks}/tables/items/columns`;
    const res2 = await api.request('DELETE', columns);
    expectError(res2, 405, `Method DELETE is not allowed on ${columns}`);
    expect(res2.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('QUERY (RFC 10008) without a Content-Type gets 405 too, not a 400 about its missing body', async () => {
    const res = await api.request('QUERY', '/v2/schemas/keyspaces');
    expectError(res, 405, 'Method QUERY is not allowed on /v2/schemas/keyspaces');
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('…/{table}/rows only lists rows: PUT, PATCH and DELETE there are 405 (found by the fuzz step)', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await api.request(method, `${items}/rows`, { name: 'x' });
      expectError(res, 405, `Method ${method} is not allowed on ${items}/rows`);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('an unknown path is still 404', async () => {
    expectError(await api.request('PATCH', '/v2/nowhere'), 404, 'No route for PATCH /v2/nowhere');
  });
});
