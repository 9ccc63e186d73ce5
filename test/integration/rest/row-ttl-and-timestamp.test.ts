// Per-row TTL and write timestamp over REST against real Cassandra: ?ttl= and ?timestamp= on
// inserts, bulk inserts and updates, fields=ttl(col),writetime(col) on reads, and 400s naming the parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

let api: RestApi;
const ks = uniqueKeyspaceName('rest_ttl');
const rows = (table: string) => `/v2/keyspaces/${ks}/${table}`;

beforeAll(async () => {
  api = await startRestApi();
  expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  const tables = [
    {
      name: 'sessions',
      columnDefinitions: [
        { name: 'id', typeDefinition: 'text' },
        { name: 'seq', typeDefinition: 'int' },
        { name: 'state', typeDefinition: 'text' },
        { name: 'tags', typeDefinition: 'set<text>' },
        { name: 'pair', typeDefinition: 'frozen<list<int>>' },
      ],
      primaryKey: { partitionKey: ['id'], clusteringKey: ['seq'] },
      // A default TTL shows that ttl=0 overrides it.
      tableOptions: { defaultTimeToLive: 86400 },
    },
    {
      name: 'hits',
      columnDefinitions: [
        { name: 'page', typeDefinition: 'text' },
        { name: 'n', typeDefinition: 'counter' },
      ],
      primaryKey: { partitionKey: ['page'] },
    },
  ];
  for (const table of tables) {
    const res = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, table);
    expect(res.status, res.text).toBe(201);
  }
});

afterAll(async () => {
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.close();
});

describe('ttl', () => {
  it('an insert with ttl reads back its remaining TTL under ttl(col)', async () => {
    const created = await api.post(`${rows('sessions')}?ttl=3600`, { id: 'a', seq: 1, state: 'open' });
    expect(created.status, created.text).toBe(201);
    const read = await api.get(`${rows('sessions')}/a/1?fields=state,ttl(state)`);
    expect(read.status, read.text).toBe(200);
    const [row] = read.body.data;
    expect(row.state).toBe('open');
    expect(row['ttl(state)']).toBeGreaterThan(3590);
    expect(row['ttl(state)']).toBeLessThanOrEqual(3600);
  });

  it('ttl=0 writes cells that never expire, over the table default; the default applies otherwise', async () => {
    expect((await api.post(`${rows('sessions')}?ttl=0`, { id: 'b', seq: 1, state: 'kept' })).status).toBe(
      201,
    );
    expect((await api.post(rows('sessions'), { id: 'b', seq: 2, state: 'default' })).status).toBe(201);
    const read = await api.get(`${rows('sessions')}/b?fields=seq,ttl(state)&raw=true`);
    expect(read.body[0]).toEqual({ seq: 1, 'ttl(state)': null });
    expect(read.body[1]['ttl(state)']).toBeGreaterThan(86000);
  });

  it('PUT and PATCH set the TTL of the cells they write; non-frozen collections give one per element', async () => {
    const put = await api.request('PUT', `${rows('sessions')}/c/1?ttl=500`, { state: 's', pair: [1, 2] });
    expect(put.status, put.text).toBe(200);
    const patch = await api.request('PATCH', `${rows('sessions')}/c/1?ttl=900`, { tags: ['x', 'y'] });
    expect(patch.status, patch.text).toBe(200);
    const read = await api.get(`${rows('sessions')}/c/1?fields=ttl(state),ttl(pair),ttl(tags)&raw=true`);
    const [row] = read.body;
    expect(row['ttl(state)']).toBeGreaterThan(490);
    expect(row['ttl(state)']).toBeLessThanOrEqual(500);
    expect(row['ttl(pair)']).toBe(row['ttl(state)']);
    expect(row['ttl(tags)']).toHaveLength(2);
    for (const ttl of row['ttl(tags)']) expect(ttl).toBeGreaterThan(890);
  });

  it('a row written with ttl=2 is gone once the TTL has passed', async () => {
    const written = Date.now();
    expect((await api.post(`${rows('sessions')}?ttl=2`, { id: 'short', seq: 1, state: 'x' })).status).toBe(
      201,
    );
    expect((await api.get(`${rows('sessions')}/short/1`)).body.count).toBe(1);
    let count = 1;
    for (let attempt = 0; attempt < 40 && count > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      count = (await api.get(`${rows('sessions')}/short/1`)).body.count;
    }
    expect(count).toBe(0);
    // Cassandra counts TTLs in whole seconds: not gone before a second has passed.
    expect(Date.now() - written).toBeGreaterThanOrEqual(1000);
  });

  it('accepts the largest TTL Cassandra allows', async () => {
    const res = await api.post(`${rows('sessions')}?ttl=630720000`, { id: 'long', seq: 1, state: 'x' });
    expect(res.status, res.text).toBe(201);
  });
});

describe('timestamp', () => {
  it('orders writes by the given timestamp: the older one loses, and writetime(col) returns it', async () => {
    const newer = await api.post(`${rows('sessions')}?timestamp=1700000000000002`, {
      id: 't',
      seq: 1,
      state: 'newer',
    });
    expect(newer.status, newer.text).toBe(201);
    const older = await api.request('PUT', `${rows('sessions')}/t/1?timestamp=1700000000000001`, {
      state: 'older',
    });
    expect(older.status, older.text).toBe(200);
    const read = await api.get(`${rows('sessions')}/t/1?fields=state,writetime(state)&raw=true`);
    expect(read.body).toEqual([{ state: 'newer', 'writetime(state)': 1700000000000002 }]);
    const later = await api.request('PATCH', `${rows('sessions')}/t/1?timestamp=1700000000000003&ttl=60`, {
      state: 'latest',
    });
    expect(later.status, later.text).toBe(200);
    const after = await api.get(`${rows('sessions')}/t/1?fields=state,writetime(state)&raw=true`);
    expect(after.body).toEqual([{ state: 'latest', 'writetime(state)': 1700000000000003 }]);
  });
});

describe('bulk insert', () => {
  it('writes every row with the given ttl and timestamp', async () => {
    const res = await api.post(`${rows('sessions')}/bulk?ttl=1200&timestamp=1700000000000007`, [
      { id: 'bulk', seq: 1, state: 'one' },
      { id: 'bulk', seq: 2, state: 'two' },
      { id: 'bulk', seq: 3, state: 'three' },
    ]);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ count: 3, inserted: 3, failed: 0 });
    const read = await api.get(`${rows('sessions')}/bulk?fields=seq,ttl(state),writetime(state)&raw=true`);
    expect(read.body).toHaveLength(3);
    for (const [i, row] of read.body.entries()) {
      expect(row.seq).toBe(i + 1);
      expect(row['writetime(state)']).toBe(1700000000000007);
      expect(row['ttl(state)']).toBeGreaterThan(1190);
      expect(row['ttl(state)']).toBeLessThanOrEqual(1200);
    }
  });

  it('a later single write wins over a bulk row written with an older timestamp', async () => {
    expect(
      (
        await api.post(`${rows('sessions')}?timestamp=1700000000000009`, {
          id: 'bt',
          seq: 1,
          state: 'single',
        })
      ).status,
    ).toBe(201);
    const bulk = await api.post(`${rows('sessions')}/bulk?timestamp=1700000000000008`, [
      { id: 'bt', seq: 1, state: 'bulk' },
    ]);
    expect(bulk.body).toMatchObject({ inserted: 1 });
    const read = await api.get(`${rows('sessions')}/bt/1?fields=state,writetime(state)&raw=true`);
    expect(read.body).toEqual([{ state: 'single', 'writetime(state)': 1700000000000009 }]);
  });

  it('refuses a bad ttl or timestamp for the whole request, before any row is written', async () => {
    const cases: Array<[string, RegExp]> = [
      ['ttl=-1', /^Invalid 'ttl' parameter, problem: .*0 .* 630720000.*, got '-1'$/],
      ['ttl=630720001', /^Invalid 'ttl' parameter/],
      ['timestamp=1.5', /^Invalid 'timestamp' parameter/],
      ['timestamp=9007199254740992', /^Invalid 'timestamp' parameter/],
    ];
    for (const [query, description] of cases) {
      const res = await api.post(`${rows('sessions')}/bulk?${query}`, [
        { id: 'bulkbad', seq: 1, state: 'x' },
      ]);
      expect(res.status, res.text).toBe(400);
      expect(res.body).toEqual({ description: expect.stringMatching(description), code: 400 });
    }
    const empty = await api.post(`${rows('sessions')}/bulk?ttl=abc`, []);
    expect(empty.status, empty.text).toBe(400);
    expect((await api.get(`${rows('sessions')}/bulkbad`)).body.count).toBe(0);
  });

  it('refuses ttl on a counter table', async () => {
    const res = await api.post(`${rows('hits')}/bulk?ttl=5`, [{ page: 'p', n: 1 }]);
    expect(res.status, res.text).toBe(400);
    expect(res.body.description).toMatch(/no custom TTL for counter updates/);
  });
});

describe('OpenAPI', () => {
  it('documents ttl and timestamp with their exact bounds on every row write, and ttl()/writetime() in fields', async () => {
    const doc = (await api.get('/api/rest/openapi.json')).body;
    type Parameter = { name: string; in: string; schema?: Record<string, unknown>; description?: string };
    const parameters = (path: string, method: string): Parameter[] => doc.paths[path][method].parameters;
    const writes: Array<[string, string]> = [
      ['/v2/keyspaces/{keyspace}/{table}', 'post'],
      ['/v2/keyspaces/{keyspace}/{table}/{primaryKey}', 'put'],
      ['/v2/keyspaces/{keyspace}/{table}/{primaryKey}', 'patch'],
      ['/v2/keyspaces/{keyspace}/{table}/bulk', 'post'],
    ];
    for (const [path, method] of writes) {
      const byName = new Map(parameters(path, method).map((p) => [p.name, p]));
      expect(byName.get('ttl')?.schema).toEqual({ type: 'integer', minimum: 0, maximum: 630720000 });
      expect(byName.get('timestamp')?.schema).toEqual({
        type: 'integer',
        minimum: 0,
        maximum: 9007199254740991,
      });
      expect(byName.get('ttl')?.in).toBe('query');
    }
    const fields = parameters('/v2/keyspaces/{keyspace}/{table}/rows', 'get').find(
      (p) => p.name === 'fields',
    );
    expect(JSON.stringify(fields)).toContain('ttl(col)');
    expect(JSON.stringify(fields)).toContain('writetime(col)');
  });
});

describe('bad values', () => {
  const refused = async (method: string, path: string, body: unknown, description: RegExp) => {
    const res = await api.request(method, path, body);
    expect(res.status, res.text).toBe(400);
    expect(res.body).toEqual({ description: expect.stringMatching(description), code: 400 });
  };
  const row = { id: 'bad', seq: 1, state: 'x' };

  it('refuses negative, non-integer and too large ttl and timestamp values, naming the parameter', async () => {
    for (const ttl of ['-1', '1.5', 'abc', '630720001']) {
      await refused(
        'POST',
        `${rows('sessions')}?ttl=${ttl}`,
        row,
        /^Invalid 'ttl' parameter, problem: .*0 .* 630720000/,
      );
    }
    for (const timestamp of ['-1', '2.5', '9007199254740992']) {
      await refused(
        'PUT',
        `${rows('sessions')}/bad/1?timestamp=${timestamp}`,
        { state: 'x' },
        /^Invalid 'timestamp' parameter/,
      );
    }
    await refused('PATCH', `${rows('sessions')}/bad/1?ttl=-5`, { state: 'x' }, /^Invalid 'ttl' parameter/);
    expect((await api.get(`${rows('sessions')}/bad/1`)).body.count).toBe(0);
  });

  it('refuses ttl and timestamp on a counter table, as Cassandra does', async () => {
    await refused('PUT', `${rows('hits')}/home?ttl=5`, { n: '+1' }, /no custom TTL for counter updates/);
    await refused(
      'PUT',
      `${rows('hits')}/home?timestamp=5`,
      { n: '+1' },
      /no custom timestamp for counter updates/,
    );
  });

  it('refuses ttl() and writetime() of primary key columns', async () => {
    const res = await api.get(`${rows('sessions')}/a/1?fields=writetime(seq)`);
    expect(res.status).toBe(400);
    expect(res.body.description).toBe(
      "Invalid 'fields' parameter, problem: writetime(seq): 'seq' is a primary key column, and Cassandra keeps a TTL and write time only for the other columns",
    );
  });
});
