// Schema routes against real Cassandra through the real bridge: keyspaces, tables, columns,
// indexes (secondary, SAI with options, collection kinds) and user-defined types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

let api: RestApi;
const ks = uniqueKeyspaceName('rest_schema');
const ntsKs = uniqueKeyspaceName('rest_schema_nts');
const schemas = `/v2/schemas/keyspaces/${ks}`;

beforeAll(async () => {
  api = await startRestApi();
});

afterAll(async () => {
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ntsKs}`);
  await api?.close();
});

describe('keyspaces', () => {
  it('creates with SimpleStrategy (idempotently) and with per-datacenter replicas', async () => {
    expect(await api.post('/v2/schemas/keyspaces', { name: ks, replicas: 1 })).toMatchObject({
      status: 201,
      body: { name: ks },
    });
    expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
    const nts = await api.post('/v2/schemas/keyspaces', {
      name: ntsKs,
      datacenters: [{ name: 'datacenter1', replicas: 1 }],
    });
    expect(nts.status, nts.text).toBe(201);
    expect((await api.get(`/v2/schemas/keyspaces/${ntsKs}`)).body).toEqual({
      data: { name: ntsKs, datacenters: [{ name: 'datacenter1', replicas: 1 }] },
    });
  });

  it('refuses a datacenter Cassandra does not know', async () => {
    const res = await api.post('/v2/schemas/keyspaces', {
      name: uniqueKeyspaceName('rest_bad_dc'),
      datacenters: [{ name: 'no_such_dc', replicas: 1 }],
    });
    expect(res.body).toEqual({
      description: 'Bad request: one or more of datacenters passed ([no_such_dc]) invalid',
      code: 400,
    });
  });

  it('lists keyspaces and describes one; 404 for a missing one', async () => {
    const all = await api.get('/v2/schemas/keyspaces');
    expect(all.status).toBe(200);
    expect(all.body.data).toContainEqual({ name: ks });
    expect(all.body.data.map((k: { name: string }) => k.name)).toContain('system');
    expect((await api.get(`/v2/schemas/keyspaces/${ks}?raw=true`)).body).toEqual({ name: ks });
    expect((await api.get('/v2/schemas/keyspaces/no_such_keyspace')).body).toEqual({
      description: "Unable to describe keyspace 'no_such_keyspace'",
      code: 404,
    });
  });
});

describe('tables and columns', () => {
  const table = {
    name: 'orders',
    ifNotExists: true,
    columnDefinitions: [
      { name: 'customer', typeDefinition: 'uuid' },
      { name: 'placed', typeDefinition: 'timestamp' },
      { name: 'total', typeDefinition: 'decimal' },
      { name: 'region', typeDefinition: 'text', static: true },
      { name: 'items', typeDefinition: 'map<text, int>' },
    ],
    primaryKey: { partitionKey: ['customer'], clusteringKey: ['placed'] },
    tableOptions: { defaultTimeToLive: 3600, clusteringExpression: [{ column: 'placed', order: 'DESC' }] },
  };

  it('creates a table and describes it as Stargate does', async () => {
    expect(await api.post(`${schemas}/tables`, table)).toMatchObject({
      status: 201,
      body: { name: 'orders' },
    });
    const one = await api.get(`${schemas}/tables/orders?raw=true`);
    expect(one.body).toEqual({
      name: 'orders',
      keyspace: ks,
      columnDefinitions: [
        { name: 'customer', typeDefinition: 'uuid', static: false },
        { name: 'placed', typeDefinition: 'timestamp', static: false },
        { name: 'region', typeDefinition: 'text', static: true },
        { name: 'items', typeDefinition: 'map<text, int>', static: false },
        { name: 'total', typeDefinition: 'decimal', static: false },
      ],
      primaryKey: { partitionKey: ['customer'], clusteringKey: ['placed'] },
      tableOptions: { defaultTimeToLive: 3600, clusteringExpression: [{ column: 'placed', order: 'DESC' }] },
    });
    const all = await api.get(`${schemas}/tables`);
    expect(all.body.data.map((t: { name: string }) => t.name)).toEqual(['orders']);
    expect((await api.get(`${schemas}/tables/nope`)).body).toEqual({
      description: `Table 'nope' not found (in keyspace ${ks})`,
      code: 404,
    });
  });

  it('answers 409 when the table exists and ifNotExists is false', async () => {
    const res = await api.post(`${schemas}/tables`, { ...table, ifNotExists: false });
    expect(res.status).toBe(409);
    expect(res.body.description).toMatch(/already existing table "orders"/);
  });

  it('changes only the default TTL', async () => {
    const put = await api.request('PUT', `${schemas}/tables/orders`, {
      tableOptions: { defaultTimeToLive: 60 },
    });
    expect(put.body).toEqual({ name: 'orders' });
    expect((await api.get(`${schemas}/tables/orders?raw=true`)).body.tableOptions.defaultTimeToLive).toBe(60);
    const clustering = await api.request('PUT', `${schemas}/tables/orders`, {
      tableOptions: { defaultTimeToLive: 1, clusteringExpression: [{ column: 'placed', order: 'ASC' }] },
    });
    expect(clustering.body).toEqual({
      description: 'Cannot update the clustering order of a table',
      code: 400,
    });
    const none = await api.request('PUT', `${schemas}/tables/orders`, { tableOptions: {} });
    expect(none.body).toEqual({ description: 'No update provided for defaultTTL', code: 400 });
    const missing = await api.request('PUT', `${schemas}/tables/nope`, {
      tableOptions: { defaultTimeToLive: 1 },
    });
    expect(missing.body).toEqual({ description: `Table 'nope' not found (in keyspace '${ks}')`, code: 400 });
  });

  it('lists, adds, renames and drops columns', async () => {
    const columns = `${schemas}/tables/orders/columns`;
    expect((await api.get(`${columns}?raw=true`)).body).toHaveLength(5);
    expect((await api.get(`${columns}/total`)).body).toEqual({
      data: { name: 'total', typeDefinition: 'decimal', static: false },
    });
    expect((await api.get(`${columns}/nope`)).body).toEqual({
      description: "Column 'nope' not found in table 'orders'",
      code: 404,
    });
    const added = await api.post(columns, { name: 'notes', typeDefinition: 'list<text>' });
    expect(added).toMatchObject({ status: 201, body: { name: 'notes' } });
    expect((await api.get(`${columns}/notes?raw=true`)).body.typeDefinition).toBe('list<text>');
    const renamed = await api.request('PUT', `${columns}/placed`, { name: 'placed_at' });
    expect(renamed.body).toEqual({ name: 'placed_at' });
    const regular = await api.request('PUT', `${columns}/total`, { name: 'amount' });
    expect(regular.status).toBe(400);
    expect((await api.request('DELETE', `${columns}/notes`)).status).toBe(204);
    expect((await api.request('DELETE', `${columns}/notes`)).body).toEqual({
      description: "Column 'notes' not found in table 'orders'",
      code: 400,
    });
    const rows = await api.post(`/v2/keyspaces/${ks}/orders`, {
      customer: '123e4567-e89b-12d3-a456-426614174000',
      placed_at: '2024-01-01T00:00:00Z',
      total: 10,
    });
    expect(rows.status, rows.text).toBe(201);
  });
});

describe('indexes', () => {
  const indexes = `${schemas}/tables/orders/indexes`;

  it('creates secondary, SAI and collection indexes and lists them', async () => {
    expect(await api.post(indexes, { column: 'region', name: 'orders_region' })).toMatchObject({
      status: 201,
      body: { success: true },
    });
    const sai = await api.post(indexes, {
      column: 'total',
      name: 'orders_total_sai',
      type: 'StorageAttachedIndex',
      ifNotExists: true,
    });
    expect(sai.status, sai.text).toBe(201);
    const keys = await api.post(indexes, {
      column: 'items',
      name: 'orders_item_keys',
      type: 'StorageAttachedIndex',
      kind: 'KEYS',
    });
    expect(keys.status, keys.text).toBe(201);
    const listed = await api.get(indexes);
    expect(listed.status).toBe(200);
    const byName = Object.fromEntries(listed.body.map((i: { index_name: string }) => [i.index_name, i]));
    expect(Object.keys(byName).sort()).toEqual(['orders_item_keys', 'orders_region', 'orders_total_sai']);
    expect(byName.orders_total_sai).toMatchObject({
      kind: 'CUSTOM',
      options: { class_name: 'StorageAttachedIndex', target: 'total' },
    });
    expect(byName.orders_item_keys.options.target).toBe('keys(items)');
    const entries = await api.request('GET', `${indexes}?compactMapData=false`);
    expect(entries.body[0].options).toContainEqual({ key: 'target', value: expect.any(String) });
  });

  it('uses SAI options and refuses options without a custom type', async () => {
    const opts = await api.post(`${schemas}/tables/orders/columns`, { name: 'note', typeDefinition: 'text' });
    expect(opts.status).toBe(201);
    const sai = await api.post(indexes, {
      column: 'note',
      name: 'orders_note_sai',
      type: 'StorageAttachedIndex',
      options: { case_sensitive: 'false', normalize: 'true' },
    });
    expect(sai.status, sai.text).toBe(201);
    const bad = await api.post(indexes, { column: 'note', options: { case_sensitive: 'false' } });
    expect(bad.body).toEqual({
      description: 'Index options need a custom index \'type\' (e.g. "StorageAttachedIndex")',
      code: 400,
    });
    expect((await api.post(indexes, { column: 'nope' })).body).toEqual({
      description: "Column 'nope' not found in table 'orders'",
      code: 404,
    });
  });

  it('drops indexes, with ifExists for missing ones', async () => {
    expect((await api.request('DELETE', `${indexes}/orders_region`)).status).toBe(204);
    expect((await api.request('DELETE', `${indexes}/orders_region?ifExists=true`)).status).toBe(204);
    expect((await api.request('DELETE', `${indexes}/orders_region`)).status).toBe(400);
  });
});

describe('user-defined types', () => {
  const types = `${schemas}/types`;

  it('creates, describes, changes and drops a type', async () => {
    const created = await api.post(types, {
      name: 'phone',
      fields: [
        { name: 'country', typeDefinition: 'int' },
        { name: 'number', typeDefinition: 'text' },
      ],
    });
    expect(created).toMatchObject({ status: 201, body: { name: 'phone' } });
    const again = await api.post(types, { name: 'phone', fields: [{ name: 'x', typeDefinition: 'int' }] });
    expect(again.status).toBe(400);
    expect(again.body.description).toMatch(/^Bad request: .*already exists/);
    expect((await api.get(`${types}/phone`)).body).toEqual({
      data: {
        name: 'phone',
        keyspace: ks,
        fields: [
          { name: 'country', typeDefinition: 'int' },
          { name: 'number', typeDefinition: 'text' },
        ],
      },
    });
    const changed = await api.request('PUT', types, {
      name: 'phone',
      addFields: [{ name: 'ext', typeDefinition: 'list<int>' }],
      renameFields: [{ from: 'number', to: 'digits' }],
    });
    expect(changed.status, changed.text).toBe(200);
    expect((await api.get(`${types}?raw=true`)).body).toEqual([
      {
        name: 'phone',
        keyspace: ks,
        fields: [
          { name: 'country', typeDefinition: 'int' },
          { name: 'digits', typeDefinition: 'text' },
          { name: 'ext', typeDefinition: 'list<int>' },
        ],
      },
    ]);
    const empty = await api.request('PUT', types, { name: 'phone' });
    expect(empty.body).toEqual({
      description: 'addFields and/or renameFields is required to update an UDT',
      code: 400,
    });
    expect((await api.request('DELETE', `${types}/phone`)).status).toBe(204);
    expect((await api.get(`${types}/phone`)).body).toEqual({
      description: `No definition found for UDT 'phone' (keyspace '${ks}')`,
      code: 404,
    });
  });
});

describe('dropping', () => {
  it('drops tables and keyspaces (idempotently)', async () => {
    expect((await api.request('DELETE', `${schemas}/tables/orders`)).status).toBe(204);
    expect((await api.request('DELETE', `${schemas}/tables/orders`)).status).toBe(204);
    expect((await api.get(`/v2/keyspaces/${ks}/orders/rows`)).body).toEqual({
      description: `Table 'orders' not found (in keyspace '${ks}')`,
      code: 400,
    });
    expect((await api.request('DELETE', `/v2/schemas/keyspaces/${ntsKs}`)).status).toBe(204);
    expect((await api.get(`/v2/schemas/keyspaces/${ntsKs}`)).status).toBe(404);
  });
});
