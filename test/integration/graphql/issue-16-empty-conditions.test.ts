// Issue 16 (found by the fuzzer): empty input objects in mutations and queries. An empty
// `ifCondition` (or a column in it with no operator) means no condition, as an absent one does; an
// update or delete whose `value` names no primary key column is refused as BAD_USER_INPUT naming
// the fields it needs, never sent to Cassandra as a statement with an empty WHERE (whose syntax
// error used to reach the client). Empty `filter` and `value` objects of a query select every row.
import { beforeEach, describe, expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_issue16', (ks) => [
  `CREATE TABLE ${ks}.books (title text PRIMARY KEY, author text, pages int)`,
  `CREATE TABLE ${ks}.orders (customer text, id int, qty int, PRIMARY KEY (customer, id))`,
]);

beforeEach(async () => {
  await fx.client.execute(`TRUNCATE ${fx.keyspace}.books`);
  await fx.client.execute(
    `INSERT INTO ${fx.keyspace}.books (title, author, pages) VALUES ('Dune', 'Herbert', 412)`,
  );
  await fx.client.execute(
    `INSERT INTO ${fx.keyspace}.books (title, author, pages) VALUES ('Emma', 'Austen', 474)`,
  );
});

async function ok(query: string) {
  const r = await fx.dml(query);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  expect(r.status).toBe(200);
  return r.body.data!;
}

async function books() {
  const data = await ok('{ books { values { title author pages } } }');
  return (data.books.values as Array<{ title: string }>).sort((a, b) => a.title.localeCompare(b.title));
}

describe('an empty ifCondition is no condition', () => {
  test.each([
    ['{}', 'ifCondition: {}'],
    ['a column without operators', 'ifCondition: {pages: {}}'],
  ])('update with %s: applied, the row written', async (_name, condition) => {
    expect(
      await ok(
        `mutation { updatebooks(value: {title: "Dune", author: "Frank Herbert"}, ${condition}) { applied } }`,
      ),
    ).toEqual({ updatebooks: { applied: true } });
    expect((await books())[0]).toEqual({ title: 'Dune', author: 'Frank Herbert', pages: 412 });
  });

  test('delete with {}: applied, the row gone', async () => {
    expect(await ok('mutation { deletebooks(value: {title: "Dune"}, ifCondition: {}) { applied } }')).toEqual(
      {
        deletebooks: { applied: true },
      },
    );
    expect((await books()).map((b) => b.title)).toEqual(['Emma']);
  });
});

describe('an update or delete whose value names no primary key column', () => {
  const refusals: Array<[string, string, string]> = [
    [
      'update, with an empty ifCondition',
      'mutation { updatebooks(value: {author: "X"}, ifCondition: {}) { applied } }',
      'Update statement must name the primary key of the row to update: give at least title in `value`',
    ],
    [
      'update, with a condition',
      'mutation { updatebooks(value: {author: "X"}, ifCondition: {pages: {eq: 412}}) { applied } }',
      'Update statement must name the primary key of the row to update: give at least title in `value`',
    ],
    [
      'update of a table with a clustering key',
      'mutation { updateorders(value: {qty: 1}) { applied } }',
      'Update statement must name the primary key of the row to update: give at least customer in `value`',
    ],
    [
      'delete, with an empty value and ifCondition',
      'mutation { deletebooks(value: {}, ifCondition: {}) { applied } }',
      'Delete statement must name the primary key of the rows to delete: give at least title in `value`',
    ],
  ];

  test.each(refusals)(
    '%s: BAD_USER_INPUT naming the fields, nothing written',
    async (_name, query, message) => {
      const r = await fx.dml(query);
      expect(r.status).toBe(200);
      expect(r.body.errors).toEqual([
        expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
      expect(await books()).toEqual([
        { title: 'Dune', author: 'Herbert', pages: 412 },
        { title: 'Emma', author: 'Austen', pages: 474 },
      ]);
    },
  );

  test('in an @atomic batch: refused the same way, and the batch writes nothing', async () => {
    const r = await fx.dml(
      'mutation @atomic { a: updatebooks(value: {title: "Dune", author: "Y"}) { applied } b: updatebooks(value: {author: "X"}, ifCondition: {}) { applied } }',
    );
    expect(r.body.errors).toContainEqual(
      expect.objectContaining({
        message:
          'Update statement must name the primary key of the row to update: give at least title in `value`',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    );
    expect(JSON.stringify(r.body)).not.toMatch(/no viable alternative|syntax/i);
    expect((await books())[0]).toEqual({ title: 'Dune', author: 'Herbert', pages: 412 });
  });
});

describe('empty filter and value objects of a query select every row', () => {
  test.each(['filter: {}', 'filter: {title: {}}', 'filter: {pages: {}}', 'value: {}'])(
    '%s',
    async (argument) => {
      const data = await ok(`{ books(${argument}) { values { title } } }`);
      expect((data.books.values as Array<{ title: string }>).map((b) => b.title).sort()).toEqual([
        'Dune',
        'Emma',
      ]);
    },
  );
});
