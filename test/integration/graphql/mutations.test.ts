// Mutations: insert/update/delete with their conditions (applied: false shows the current row),
// options, @atomic batches, bulk inserts and @async.
import { describe, expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_mutations', (ks) => [
  `CREATE TABLE ${ks}.books (title text PRIMARY KEY, author text, pages int)`,
  `CREATE TABLE ${ks}.orders (customer text, id int, item text, qty int, PRIMARY KEY (customer, id))`,
]);

async function ok(query: string, variables?: Record<string, unknown>) {
  const r = await fx.dml(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  expect(r.status).toBe(200);
  return r.body.data!;
}

async function book(title: string) {
  const data = await ok(`{ books(value: {title: "${title}"}) { values { title author pages } } }`);
  return data.books.values[0] ?? null;
}

describe('conditional mutations', () => {
  test('insert, then insert ifNotExists: not applied, showing the row that exists', async () => {
    expect(
      await ok(
        'mutation { insertbooks(value: {title: "Dune", author: "Herbert", pages: 412}) { applied value { title } } }',
      ),
    ).toEqual({
      insertbooks: { applied: true, value: { title: 'Dune' } },
    });
    const again = await ok(
      'mutation { insertbooks(value: {title: "Dune", author: "Someone else"}, ifNotExists: true) { applied value { title author pages } } }',
    );
    expect(again).toEqual({
      insertbooks: { applied: false, value: { title: 'Dune', author: 'Herbert', pages: 412 } },
    });
    expect(await book('Dune')).toEqual({ title: 'Dune', author: 'Herbert', pages: 412 });
  });

  test('update ifExists: not applied for a missing row, applied for an existing one', async () => {
    expect(
      await ok('mutation { updatebooks(value: {title: "Missing", pages: 1}, ifExists: true) { applied } }'),
    ).toEqual({ updatebooks: { applied: false } });
    expect(await book('Missing')).toBeNull();
    expect(
      await ok('mutation { updatebooks(value: {title: "Dune", pages: 413}, ifExists: true) { applied } }'),
    ).toEqual({
      updatebooks: { applied: true },
    });
    expect((await book('Dune')).pages).toBe(413);
  });

  test('update ifCondition: a failed condition shows the current values', async () => {
    const failed = await ok(
      'mutation { updatebooks(value: {title: "Dune", author: "X"}, ifCondition: {pages: {eq: 1}}) { applied value { pages } } }',
    );
    expect(failed).toEqual({ updatebooks: { applied: false, value: { pages: 413 } } });
    const passed = await ok(
      'mutation { updatebooks(value: {title: "Dune", author: "Frank Herbert"}, ifCondition: {pages: {gt: 400, notEq: 1}}) { applied value { author } } }',
    );
    expect(passed).toEqual({ updatebooks: { applied: true, value: { author: 'Frank Herbert' } } });
  });

  test('delete ifExists and ifCondition', async () => {
    await ok('mutation { insertbooks(value: {title: "Emma", author: "Austen", pages: 300}) { applied } }');
    expect(await ok('mutation { deletebooks(value: {title: "Nope"}, ifExists: true) { applied } }')).toEqual({
      deletebooks: { applied: false },
    });
    expect(
      await ok(
        'mutation { deletebooks(value: {title: "Emma"}, ifCondition: {author: {eq: "Bronte"}}) { applied value { author } } }',
      ),
    ).toEqual({ deletebooks: { applied: false, value: { author: 'Austen' } } });
    expect(
      await ok(
        'mutation { deletebooks(value: {title: "Emma"}, ifExists: true) { applied value { title } } }',
      ),
    ).toEqual({
      deletebooks: { applied: true, value: { title: 'Emma' } },
    });
    expect(await book('Emma')).toBeNull();
  });
});

describe('options', () => {
  test('ttl and consistency', async () => {
    await ok(
      'mutation { insertbooks(value: {title: "Ephemeral", author: "Nobody"}, options: {ttl: 3600, consistency: LOCAL_ONE}) { applied } }',
    );
    const result = await fx.client.execute(
      `SELECT TTL(author) AS t FROM ${fx.keyspace}.books WHERE title = 'Ephemeral'`,
    );
    const ttl = result.first()!.get('t') as number;
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    const data = await ok(
      '{ books(value: {title: "Ephemeral"}, options: {consistency: LOCAL_ONE}) { values { author } } }',
    );
    expect(data.books.values).toEqual([{ author: 'Nobody' }]);
  });
});

describe('@atomic', () => {
  test('mutations on two tables are applied together in one batch (also when repeated)', async () => {
    const query = `mutation($n: Int) @atomic {
      b: insertbooks(value: {title: "Atomic", author: "A", pages: $n}) { applied value { title } }
      o: insertorders(value: {customer: "atomic", id: $n, item: "pen"}) { applied value { id } }
    }`;
    for (const n of [1, 2, 3]) {
      expect(await ok(query, { n })).toEqual({
        b: { applied: true, value: { title: 'Atomic' } },
        o: { applied: true, value: { id: n } },
      });
    }
    const orders = await ok('{ orders(value: {customer: "atomic"}) { values { id item } } }');
    expect(orders.orders.values).toEqual([
      { id: 1, item: 'pen' },
      { id: 2, item: 'pen' },
      { id: 3, item: 'pen' },
    ]);
    expect((await book('Atomic')).pages).toBe(3);
  });

  test('a conditional batch that fails applies nothing and shows the row that made it fail', async () => {
    await ok('mutation { insertorders(value: {customer: "c1", id: 1, item: "old", qty: 1}) { applied } }');
    const data = await ok(`mutation @atomic {
      existing: insertorders(value: {customer: "c1", id: 1, item: "new"}, ifNotExists: true) { applied value { id item } }
      fresh: insertorders(value: {customer: "c1", id: 2, item: "new"}, ifNotExists: true) { applied value { id item } }
    }`);
    expect(data).toEqual({
      existing: { applied: false, value: { id: 1, item: 'old' } },
      fresh: { applied: false, value: null },
    });
    const rows = await ok('{ orders(value: {customer: "c1"}) { values { id item } } }');
    expect(rows.orders.values).toEqual([{ id: 1, item: 'old' }]);
  });

  test('a conditional batch that passes applies every statement', async () => {
    const data = await ok(`mutation @atomic {
      a: updateorders(value: {customer: "c1", id: 1, qty: 5}, ifCondition: {item: {eq: "old"}}) { applied }
      b: insertorders(value: {customer: "c1", id: 3, item: "x"}, ifNotExists: true) { applied }
    }`);
    expect(data).toEqual({ a: { applied: true }, b: { applied: true } });
    const rows = await ok('{ orders(value: {customer: "c1"}) { values { id qty } } }');
    expect(rows.orders.values).toEqual([
      { id: 1, qty: 5 },
      { id: 3, qty: null },
    ]);
  });

  test('a bulk insert alone is one batch', async () => {
    const data = await ok(`mutation @atomic {
      bulkInsertorders(values: [{customer: "bulk-atomic", id: 1}, {customer: "bulk-atomic", id: 2}]) { applied value { id } }
    }`);
    expect(data.bulkInsertorders).toEqual([
      { applied: true, value: { id: 1 } },
      { applied: true, value: { id: 2 } },
    ]);
  });

  test('options may be given once only', async () => {
    const r = await fx.dml(`mutation @atomic {
      a: insertbooks(value: {title: "O1"}, options: {consistency: LOCAL_ONE}) { applied }
      b: insertbooks(value: {title: "O2"}, options: {consistency: LOCAL_ONE}) { applied }
    }`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ a: null, b: null });
    expect(r.body.errors![0]!.message).toBe(
      'options can only be defined once in an @atomic mutation selection',
    );
    expect(await book('O1')).toBeNull();
  });
});

describe('bulk insert', () => {
  test('rows of one partition and of several partitions', async () => {
    const values = [
      { customer: 'p1', id: 1, item: 'a' },
      { customer: 'p1', id: 2, item: 'b' },
      { customer: 'p2', id: 1, item: 'c' },
      { customer: 'p1', id: 3, item: 'd' },
    ];
    const data = await ok(
      'mutation($v: [ordersInput!]) { bulkInsertorders(values: $v) { applied value { customer id } } }',
      {
        v: values,
      },
    );
    expect(data.bulkInsertorders).toEqual(
      values.map(({ customer, id }) => ({ applied: true, value: { customer, id } })),
    );
    const p1 = await ok('{ orders(value: {customer: "p1"}) { values { id item } } }');
    expect(p1.orders.values).toEqual([
      { id: 1, item: 'a' },
      { id: 2, item: 'b' },
      { id: 3, item: 'd' },
    ]);
  });

  test('ifNotExists reports each row', async () => {
    const data = await ok(`mutation {
      bulkInsertorders(values: [{customer: "p2", id: 1, item: "dup"}, {customer: "p2", id: 2, item: "new"}], ifNotExists: true) {
        applied value { id item }
      }
    }`);
    expect(data.bulkInsertorders).toEqual([
      { applied: false, value: { id: 1, item: 'c' } },
      { applied: true, value: { id: 2, item: 'new' } },
    ]);
  });
});

describe('@async', () => {
  test('returns accepted at once; the write happens', async () => {
    const data = await ok(
      'mutation @async { insertbooks(value: {title: "Later", author: "Async"}) { accepted applied value { title } } }',
    );
    expect(data).toEqual({ insertbooks: { accepted: true, applied: null, value: { title: 'Later' } } });
    let found = null;
    for (let i = 0; i < 50 && !found; i++) {
      found = await book('Later');
      if (!found) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toEqual({ title: 'Later', author: 'Async', pages: null });
  });
});
