// Issue 16: empty objects in `where` (found for GraphQL's inputs by the fuzzer, checked here for
// REST). As in Stargate, whose WhereParser turns `{}` and a column without operators into no
// condition, they read (or count) every row: a valid statement without WHERE, never invalid CQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

let api: RestApi;
const ks = uniqueKeyspaceName('rest_issue16');
const items = `/v2/keyspaces/${ks}/items`;

beforeAll(async () => {
  api = await startRestApi({});
  expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  const created = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'items',
    columnDefinitions: [
      { name: 'shop', typeDefinition: 'text' },
      { name: 'sku', typeDefinition: 'int' },
      { name: 'label', typeDefinition: 'text' },
    ],
    primaryKey: { partitionKey: ['shop'], clusteringKey: ['sku'] },
  });
  expect(created.status, created.text).toBe(201);
  for (const [shop, sku] of [
    ['a', 1],
    ['a', 2],
    ['b', 1],
  ] as const) {
    expect((await api.post(items, { shop, sku, label: `${shop}${sku}` })).status).toBe(201);
  }
});

afterAll(async () => {
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.close();
});

describe.each(['{}', '{"shop":{}}', '{"shop":{},"sku":{}}', '{"sku":{"$gt":[]}}'])('where=%s', (where) => {
  it('reads every row', async () => {
    const res = await api.get(`${items}?where=${encodeURIComponent(where)}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.count).toBe(3);
  });

  it('counts every row', async () => {
    const res = await api.get(`${items}/count?where=${encodeURIComponent(where)}`);
    expect([res.status, res.body]).toEqual([200, { count: 3 }]);
  });
});

it('an empty $in is still refused: it could match nothing, and Stargate refuses it', async () => {
  const res = await api.get(`${items}?where=${encodeURIComponent('{"shop":{"$in":[]}}')}`);
  expect([res.status, res.body.description]).toEqual([
    400,
    "Invalid 'where' parameter, problem: Value entry for field 'shop', operation $in must be a non-empty array",
  ]);
});
