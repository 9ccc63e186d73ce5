// Table queries: each filter operator, value lookups, orderBy, limit, paging, aliases and fragments.
import { beforeAll, describe, expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_queries', (ks) => [
  `CREATE TABLE ${ks}.events (sensor text, ts int, reading double, tags set<text>, labels list<text>,
     attrs map<text, text>, PRIMARY KEY (sensor, ts)) WITH CLUSTERING ORDER BY (ts DESC)`,
  `CREATE CUSTOM INDEX ON ${ks}.events (tags) USING 'StorageAttachedIndex'`,
  `CREATE CUSTOM INDEX ON ${ks}.events (labels) USING 'StorageAttachedIndex'`,
  `CREATE CUSTOM INDEX ON ${ks}.events (KEYS(attrs)) USING 'StorageAttachedIndex'`,
  `CREATE CUSTOM INDEX ON ${ks}.events (ENTRIES(attrs)) USING 'StorageAttachedIndex'`,
]);

beforeAll(async () => {
  const values = [];
  for (let ts = 1; ts <= 10; ts++) {
    values.push({
      sensor: 'a',
      ts,
      reading: ts / 2,
      tags: ts % 2 === 0 ? ['even', 'hot'] : ['odd'],
      labels: ts <= 2 ? ['first'] : [],
      attrs: [{ key: `k${ts % 3}`, value: `v${ts}` }],
    });
  }
  for (let ts = 1; ts <= 3; ts++) values.push({ sensor: 'b', ts, reading: 100 + ts });
  const r = await fx.dml('mutation($v: [eventsInput!]) { bulkInsertevents(values: $v) { applied } }', {
    v: values,
  });
  expect(r.body.errors).toBeUndefined();
});

async function rows(args: string, fields = 'sensor ts'): Promise<Array<Record<string, unknown>>> {
  const r = await fx.dml(`{ events(${args}) { values { ${fields} } } }`);
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.events.values;
}

const ts = (list: Array<Record<string, unknown>>) => list.map((row) => row.ts);

describe('filter operators', () => {
  test('eq on the partition key returns the partition in clustering order', async () => {
    expect(await rows('filter: {sensor: {eq: "b"}}')).toEqual([
      { sensor: 'b', ts: 3 },
      { sensor: 'b', ts: 2 },
      { sensor: 'b', ts: 1 },
    ]);
  });

  test('gt and lte on a clustering column', async () => {
    expect(ts(await rows('filter: {sensor: {eq: "a"}, ts: {gt: 3, lte: 6}}'))).toEqual([6, 5, 4]);
  });

  test('gte and lt on a clustering column', async () => {
    expect(ts(await rows('filter: {sensor: {eq: "a"}, ts: {gte: 9, lt: 10}}'))).toEqual([9]);
  });

  test('in on the partition key and on the clustering column', async () => {
    const found = await rows('filter: {sensor: {in: ["a", "b"]}, ts: {in: [1, 2]}}');
    expect(found).toEqual([
      { sensor: 'a', ts: 2 },
      { sensor: 'a', ts: 1 },
      { sensor: 'b', ts: 2 },
      { sensor: 'b', ts: 1 },
    ]);
  });

  test('contains on a set', async () => {
    expect(ts(await rows('filter: {sensor: {eq: "a"}, tags: {contains: "hot"}}'))).toEqual([10, 8, 6, 4, 2]);
  });

  test('contains on a list', async () => {
    expect(ts(await rows('filter: {sensor: {eq: "a"}, labels: {contains: "first"}}'))).toEqual([2, 1]);
  });

  test('containsKey on a map', async () => {
    expect(ts(await rows('filter: {sensor: {eq: "a"}, attrs: {containsKey: "k0"}}'))).toEqual([9, 6, 3]);
  });

  test('containsEntry on a map', async () => {
    const found = await rows(
      'filter: {sensor: {eq: "a"}, attrs: {containsEntry: {key: "k1", value: "v7"}}}',
      'ts attrs { key value }',
    );
    expect(found).toEqual([{ ts: 7, attrs: [{ key: 'k1', value: 'v7' }] }]);
  });

  test('notEq is for conditions only: Cassandra refuses it in a query, as a GraphQL error', async () => {
    const r = await fx.dml('{ events(filter: {sensor: {eq: "a"}, ts: {notEq: 3}}) { values { ts } } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ events: null });
    expect(r.body.errors![0]!.message).toMatch(/!=|NEQ|not supported/i);
    expect(r.body.errors![0]!.path).toEqual(['events']);
  });

  test('value: equality on every given column', async () => {
    expect(await rows('value: {sensor: "a", ts: 5}', 'sensor ts reading tags')).toEqual([
      { sensor: 'a', ts: 5, reading: 2.5, tags: ['odd'] },
    ]);
  });
});

describe('ordering, limits and paging', () => {
  test('orderBy a clustering column, both ways', async () => {
    expect(ts(await rows('filter: {sensor: {eq: "a"}}, orderBy: [ts_ASC]'))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(ts(await rows('filter: {sensor: {eq: "a"}}, orderBy: [ts_DESC]'))).toEqual([
      10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
  });

  test('limit', async () => {
    expect(ts(await rows('filter: {sensor: {eq: "a"}}, options: {limit: 2}'))).toEqual([10, 9]);
  });

  test('pageSize and pageState walk the partition page by page', async () => {
    const query = `query($state: String) {
      events(filter: {sensor: {eq: "a"}}, options: {pageSize: 4, pageState: $state}) { pageState values { ts } }
    }`;
    const pages: number[][] = [];
    let state: string | null = null;
    do {
      const r = await fx.dml(query, { state });
      expect(r.body.errors).toBeUndefined();
      pages.push(ts(r.body.data!.events.values) as number[]);
      state = r.body.data!.events.pageState;
    } while (state && pages.length < 10);
    expect(pages).toEqual([
      [10, 9, 8, 7],
      [6, 5, 4, 3],
      [2, 1],
    ]);
  });

  test('a page state that was not issued by a query is refused', async () => {
    const r = await fx.dml(
      '{ events(filter: {sensor: {eq: "a"}}, options: {pageSize: 2, pageState: "AAAA"}) { values { ts } } }',
    );
    expect(r.status).toBe(200);
    expect(r.body.errors![0]!.message).toMatch(/paging state/i);
  });
});

describe('selections', () => {
  test('aliases, fragments and inline fragments select the columns they name', async () => {
    const r = await fx.dml(`
      query { 
        first: events(value: {sensor: "a", ts: 1}) { values { ...Key } }
        second: events(value: {sensor: "b", ts: 2}) { rows: values { ... on events { r: reading } ts } }
      }
      fragment Key on events { sensor ts }`);
    expect(r.body).toEqual({
      data: { first: { values: [{ sensor: 'a', ts: 1 }] }, second: { rows: [{ r: 102, ts: 2 }] } },
    });
  });

  test('pageState alone still runs the query', async () => {
    const r = await fx.dml('{ events(filter: {sensor: {eq: "b"}}) { pageState } }');
    expect(r.body).toEqual({ data: { events: { pageState: null } } });
  });
});
