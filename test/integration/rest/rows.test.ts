// Row routes against real Cassandra through the real bridge: insert, read by key and prefix,
// search with every operator, paging, sort, fields, raw, update (incl. counters), delete, count
// and bulk insert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi, where } from './support/rest-api.js';

let api: RestApi;
const ks = uniqueKeyspaceName('rest_rows');
const rows = (table: string) => `/v2/keyspaces/${ks}/${table}`;

beforeAll(async () => {
  api = await startRestApi();
  expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  const tables = [
    {
      name: 'events',
      columnDefinitions: [
        { name: 'sensor', typeDefinition: 'text' },
        { name: 'day', typeDefinition: 'date' },
        { name: 'ts', typeDefinition: 'timestamp' },
        { name: 'value', typeDefinition: 'double' },
        { name: 'note', typeDefinition: 'text' },
      ],
      primaryKey: { partitionKey: ['sensor', 'day'], clusteringKey: ['ts'] },
      tableOptions: { clusteringExpression: [{ column: 'ts', order: 'DESC' }] },
    },
    {
      name: 'users',
      columnDefinitions: [
        { name: 'id', typeDefinition: 'int' },
        { name: 'name', typeDefinition: 'text' },
        { name: 'active', typeDefinition: 'boolean' },
        { name: 'tags', typeDefinition: 'set<text>' },
        { name: 'prefs', typeDefinition: 'map<text, int>' },
      ],
      primaryKey: { partitionKey: ['id'] },
    },
    {
      name: 'page_hits',
      columnDefinitions: [
        { name: 'page', typeDefinition: 'text' },
        { name: 'hits', typeDefinition: 'counter' },
      ],
      primaryKey: { partitionKey: ['page'] },
    },
  ];
  for (const table of tables) {
    const res = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, table);
    expect(res.status, res.text).toBe(201);
  }
  const indexes = [
    { column: 'tags', name: 'users_tags', type: 'StorageAttachedIndex' },
    { column: 'prefs', name: 'users_pref_keys', type: 'StorageAttachedIndex', kind: 'KEYS' },
    { column: 'prefs', name: 'users_pref_entries', type: 'StorageAttachedIndex', kind: 'ENTRIES' },
    { column: 'active', name: 'users_active', type: 'StorageAttachedIndex' },
  ];
  for (const index of indexes) {
    const res = await api.post(`/v2/schemas/keyspaces/${ks}/tables/users/indexes`, index);
    expect(res.status, res.text).toBe(201);
  }
  // 25 readings of one sensor-day, one a minute, for paging and sort.
  const readings = Array.from({ length: 25 }, (_, i) => ({
    sensor: 's1',
    day: '2024-03-01',
    ts: `2024-03-01T10:${String(i).padStart(2, '0')}:00Z`,
    value: i / 2,
  }));
  const bulk = await api.post(`${rows('events')}/bulk`, readings);
  expect(bulk.body).toMatchObject({ count: 25, inserted: 25, failed: 0 });
});

afterAll(async () => {
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.close();
});

describe('insert and read back', () => {
  it('POST answers 201 with the body as sent, and GET by primary key returns the row', async () => {
    const body = '{"id": 1, "name": "Ada", "active": true, "tags": ["math"], "prefs": {"theme": 2}}';
    const created = await api.request('POST', rows('users'), body);
    expect(created.status).toBe(201);
    expect(created.text).toBe(body);
    const read = await api.get(`${rows('users')}/1`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      count: 1,
      data: [{ id: 1, active: true, name: 'Ada', prefs: { theme: 2 }, tags: ['math'] }],
    });
  });

  it('returns maps as key/value entries with compactMapData=false, and reads them in that shape', async () => {
    const created = await api.post(`${rows('users')}?compactMapData=false`, {
      id: 2,
      name: 'Bob',
      prefs: [{ key: 'lang', value: 7 }],
    });
    expect(created.status).toBe(201);
    const entries = await api.get(`${rows('users')}/2?compactMapData=false&fields=prefs`);
    expect(entries.body.data).toEqual([{ prefs: [{ key: 'lang', value: 7 }] }]);
    const compact = await api.get(`${rows('users')}/2?fields=prefs`);
    expect(compact.body.data).toEqual([{ prefs: { lang: 7 } }]);
  });

  it('returns only the requested fields, and a bare array with raw=true', async () => {
    const res = await api.get(`${rows('users')}/1?fields=name,id&raw=true`);
    expect(res.body).toEqual([{ name: 'Ada', id: 1 }]);
  });

  it('reads a whole partition by a primary-key prefix, newest first, or sorted', async () => {
    const desc = await api.get(`${rows('events')}/s1/2024-03-01?page-size=3&fields=ts`);
    expect(desc.body.data.map((r: { ts: string }) => r.ts)).toEqual([
      '2024-03-01T10:24:00Z',
      '2024-03-01T10:23:00Z',
      '2024-03-01T10:22:00Z',
    ]);
    const asc = await api.get(
      `${rows('events')}/s1/2024-03-01?page-size=2&fields=ts&sort=${encodeURIComponent('{"ts":"asc"}')}`,
    );
    expect(asc.body.data).toEqual([{ ts: '2024-03-01T10:00:00Z' }, { ts: '2024-03-01T10:01:00Z' }]);
    const one = await api.get(`${rows('events')}/s1/2024-03-01/2024-03-01T10:05:00Z`);
    expect(one.body).toEqual({
      count: 1,
      data: [{ sensor: 's1', day: '2024-03-01', ts: '2024-03-01T10:05:00Z', note: null, value: 2.5 }],
    });
  });

  it('pages through all rows with pageState until the last page', async () => {
    const seen: string[] = [];
    let state: string | undefined;
    let pages = 0;
    do {
      const query = `page-size=10&fields=ts${state ? `&page-state=${encodeURIComponent(state)}` : ''}`;
      const res = await api.get(
        `${rows('events')}?${where({ sensor: { $eq: 's1' }, day: { $eq: '2024-03-01' } })}&${query}`,
      );
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.data.map((r: { ts: string }) => r.ts));
      expect(res.body.count).toBe(res.body.data.length);
      state = res.body.pageState;
      pages++;
    } while (state);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
  });

  it('pages through /rows as well', async () => {
    const first = await api.get(`${rows('events')}/rows?page-size=20`);
    expect(first.body.count).toBe(20);
    const second = await api.get(
      `${rows('events')}/rows?page-size=20&page-state=${encodeURIComponent(first.body.pageState)}`,
    );
    expect(second.body.count).toBe(5);
    expect(second.body.pageState).toBeUndefined();
  });
});

describe('search with where', () => {
  const partition = { sensor: { $eq: 's1' }, day: { $eq: '2024-03-01' } };

  it('filters clustering ranges with $gt/$lte, and picks rows with $in', async () => {
    const range = await api.get(
      `${rows('events')}?${where({ ...partition, ts: { $gt: '2024-03-01T10:20:00Z', $lte: '2024-03-01T10:22:00Z' } })}&fields=value`,
    );
    expect(range.body.data).toEqual([{ value: 11 }, { value: 10.5 }]);
    const inList = await api.get(
      `${rows('events')}?${where({ ...partition, ts: { $in: ['2024-03-01T10:00:00Z', 1709287260000] } })}&fields=ts`,
    );
    expect(inList.body.data).toEqual([{ ts: '2024-03-01T10:01:00Z' }, { ts: '2024-03-01T10:00:00Z' }]);
  });

  it('uses indexes for $contains, $containsKey, $containsEntry and $exists', async () => {
    await api.post(rows('users'), {
      id: 3,
      name: 'Cy',
      active: false,
      tags: ['art', 'math'],
      prefs: { theme: 1 },
    });
    const ids = async (clause: unknown) => {
      const res = await api.get(`${rows('users')}?${where(clause)}&fields=id`);
      expect(res.status, res.text).toBe(200);
      return res.body.data.map((r: { id: number }) => r.id).sort();
    };
    expect(await ids({ tags: { $contains: 'math' } })).toEqual([1, 3]);
    expect(await ids({ prefs: { $containsKey: 'theme' } })).toEqual([1, 3]);
    expect(await ids({ prefs: { $containsEntry: { key: 'theme', value: 2 } } })).toEqual([1]);
    expect(await ids({ active: { $exists: true } })).toEqual([1]);
  });
});

describe('update and delete', () => {
  it('PUT and PATCH update the named row and answer with the changes', async () => {
    const put = await api.request('PUT', `${rows('users')}/1`, { name: 'Ada L.' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ data: { name: 'Ada L.' } });
    const patch = await api.request('PATCH', `${rows('users')}/1?raw=true`, { tags: ['math', 'poetry'] });
    expect(patch.body).toEqual({ tags: ['math', 'poetry'] });
    const read = await api.get(`${rows('users')}/1?fields=name,tags&raw=true`);
    expect(read.body).toEqual([{ name: 'Ada L.', tags: ['math', 'poetry'] }]);
  });

  it('increments counters with "+n" / "-n" strings and reads them back as strings', async () => {
    expect((await api.request('PUT', `${rows('page_hits')}/home`, { hits: '+5' })).status).toBe(200);
    expect((await api.request('PATCH', `${rows('page_hits')}/home`, { hits: '-2' })).status).toBe(200);
    const read = await api.get(`${rows('page_hits')}/home`);
    expect(read.body.data).toEqual([{ page: 'home', hits: '3' }]);
    const insert = await api.post(rows('page_hits'), { page: 'about', hits: 1 });
    expect(insert.status).toBe(400);
  });

  it('DELETE removes one row, or every row under a partition prefix', async () => {
    await api.post(rows('events'), { sensor: 's2', day: '2024-03-02', ts: 1, value: 1 });
    await api.post(rows('events'), { sensor: 's2', day: '2024-03-02', ts: 2, value: 2 });
    const one = await api.request('DELETE', `${rows('events')}/s2/2024-03-02/1970-01-01T00:00:00.001Z`);
    expect(one.status).toBe(204);
    expect(one.text).toBe('');
    expect((await api.get(`${rows('events')}/s2/2024-03-02`)).body.count).toBe(1);
    expect((await api.request('DELETE', `${rows('events')}/s2/2024-03-02`)).status).toBe(204);
    expect((await api.get(`${rows('events')}/s2/2024-03-02`)).body).toEqual({ count: 0, data: [] });
  });
});

describe('count and bulk insert (beyond Stargate)', () => {
  it('counts the rows a where clause selects, or the whole table', async () => {
    const partition = await api.get(
      `${rows('events')}/count?${where({ sensor: { $eq: 's1' }, day: { $eq: '2024-03-01' }, ts: { $gte: '2024-03-01T10:20:00Z' } })}`,
    );
    expect(partition.body).toEqual({ count: 5 });
    expect((await api.get(`${rows('events')}/count`)).body).toEqual({ count: 25 });
    const refused = await api.get(`${rows('events')}/count?${where({ note: { $eq: 'x' } })}`);
    expect(refused.status).toBe(400);
  });

  it('writes the valid rows of a batch and reports each invalid one', async () => {
    const res = await api.post(`${rows('users')}/bulk`, [
      { id: 10, name: 'ok' },
      { id: 'eleven', name: 'bad id' },
      { id: 12, nickname: 'unknown column' },
      { name: 'no key' },
      { id: 14, name: 'ok too' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(5);
    expect(res.body.inserted).toBe(2);
    expect(res.body.failed).toBe(3);
    expect(res.body.results.map((r: { inserted: boolean }) => r.inserted)).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(res.body.results[1].error).toEqual({
      description:
        'Invalid value for column \'id\': expected int (a whole number from -2147483648 to 2147483647), got String "eleven"',
      code: 400,
    });
    expect(res.body.results[2].error.description).toMatch(/^Unknown field name 'nickname'/);
    expect(res.body.results[3].error.description).toBe("Missing value for primary key column 'id'");
    expect((await api.get(`${rows('users')}/14?fields=name&raw=true`)).body).toEqual([{ name: 'ok too' }]);
    expect((await api.get(`${rows('users')}/11`)).body.count).toBe(0);
  });
});
