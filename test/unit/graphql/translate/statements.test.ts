import { describe, expect, test } from 'vitest';
import { cqlScalar } from '../../../../services/graphql/src/schema/cql-scalars.js';
import { NameMapping } from '../../../../services/graphql/src/schema/name-mapping.js';
import { ValueError } from '../../../../services/graphql/src/translate/graphql-values.js';
import { mutationStatements } from '../../../../services/graphql/src/translate/mutation-statements.js';
import { queryParameters } from '../../../../services/graphql/src/translate/query-options.js';
import { selectRowsQuery } from '../../../../services/graphql/src/translate/select-rows.js';
import { currentTable, type TableRef } from '../../../../services/graphql/src/translate/table-ref.js';
import { sampleKeyspace } from '../support/sample-keyspace.js';

const description = sampleKeyspace();
const names = new NameMapping(description.tables ?? [], description.types ?? []);
const ref = (table: string): TableRef => ({
  keyspace: 'library',
  cqlTable: table,
  graphqlTable: names.tableName(table)!,
  columns: names.columnNames(table)!,
  names,
});
const books = currentTable(description, ref('books'));
const isbn = cqlScalar('Uuid').parseValue('fe86cad0-1965-11eb-84e6-ab660d2e8c9e');

describe('table queries', () => {
  test('filter, orderBy, limit and selected columns; values only as bind markers', () => {
    const query = selectRowsQuery(
      books,
      {
        filter: {
          title: { eq: 'Dune' },
          edition: { gt: 1, in: [2, 3] },
          tags: { contains: 'scifi' },
          ratings: { containsKey: 'x', containsEntry: { key: 'y', value: 5 } },
        },
        orderBy: ['edition_DESC'],
        options: { limit: 10, pageSize: 5, consistency: 'LOCAL_ONE' },
      },
      ['title', 'firstx20_name'],
    );
    expect(query.cql).toBe(
      'SELECT "title", "first name" FROM "library"."books" WHERE "title" = ? AND "edition" > ? AND "edition" IN (?, ?)' +
        ' AND "tags" CONTAINS ? AND "ratings" CONTAINS KEY ? AND "ratings"[?] = ? ORDER BY "edition" DESC LIMIT ?',
    );
    expect(query.values!.values).toEqual([
      { string: 'Dune' },
      { int: 1 },
      { int: 2 },
      { int: 3 },
      { string: 'scifi' },
      { string: 'x' },
      { string: 'y' },
      { int: 5 },
      { int: 10 },
    ]);
    expect(query.parameters).toMatchObject({ consistency: { value: 10 }, pageSize: { value: 5 } });
  });

  test('value: equality on the given columns, page size 100 by default', () => {
    const query = selectRowsQuery(books, { value: { title: 'Dune', isbn } }, []);
    expect(query.cql).toBe('SELECT * FROM "library"."books" WHERE "title" = ? AND "isbn" = ?');
    expect(query.parameters).toMatchObject({ consistency: { value: 6 }, pageSize: { value: 100 } });
  });

  test('a null orderBy entry is bad input, not a crash (found by schemathesis)', () => {
    expect(() =>
      selectRowsQuery(books, { value: { title: 'Dune' }, orderBy: ['isbn_DESC', null] }, []),
    ).toThrow(ValueError);
  });

  test('a page state must be one a query returned', () => {
    expect(() => queryParameters({ pageState: '%%%' })).toThrow('options.pageState is not a page state');
    expect(queryParameters({ pageState: 'AQID' }).pagingState).toEqual({ value: Buffer.from([1, 2, 3]) });
    expect(() => queryParameters({ pageSize: 0 })).toThrow('options.pageSize must be a positive integer');
  });
});

describe('mutations', () => {
  test('insert with collections, tuple, UDT, ifNotExists and TTL', () => {
    const [statement] = mutationStatements('insert', books, {
      value: {
        title: 'Dune',
        edition: 1,
        tags: ['a'],
        ratings: [{ key: 'x', value: 1 }],
        pair: { item0: 1, item1: 'b' },
        home: { street: 'Main', zip: 1 },
      },
      ifNotExists: true,
      options: { ttl: 60 },
    });
    expect(statement!.cql).toBe(
      'INSERT INTO "library"."books" ("title", "edition", "tags", "ratings", "pair", "home") VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS USING TTL ?',
    );
    expect(statement!.values).toEqual([
      { string: 'Dune' },
      { int: 1 },
      { collection: { elements: [{ string: 'a' }] } },
      { collection: { elements: [{ string: 'x' }, { int: 1 }] } },
      { collection: { elements: [{ int: 1 }, { string: 'b' }] } },
      { udt: { fields: { street: { string: 'Main' }, zip: { int: 1 } } } },
      { int: 60 },
    ]);
  });

  test('update sets the other columns, keyed by the primary key, with conditions', () => {
    const [statement] = mutationStatements('update', books, {
      value: { title: 'Dune', edition: 1, author: 'Herbert', pair: null },
      ifCondition: { author: { notEq: 'X' } },
    });
    expect(statement!.cql).toBe(
      'UPDATE "library"."books" SET "author" = ?, "pair" = ? WHERE "title" = ? AND "edition" = ? IF "author" != ?',
    );
    expect(statement!.values).toEqual([
      { string: 'Herbert' },
      { null: {} },
      { string: 'Dune' },
      { int: 1 },
      { string: 'X' },
    ]);
  });

  test('counters are incremented', () => {
    const [statement] = mutationStatements('update', currentTable(description, ref('likes')), {
      value: { id: 1, n: cqlScalar('Counter').parseValue('-2') },
    });
    expect(statement!.cql).toBe('UPDATE "library"."likes" SET "n" = "n" + ? WHERE "id" = ?');
  });

  test('delete with ifExists; bulk insert yields one statement per row', () => {
    expect(mutationStatements('delete', books, { value: { title: 'Dune' }, ifExists: true })[0]!.cql).toBe(
      'DELETE FROM "library"."books" WHERE "title" = ? IF EXISTS',
    );
    const bulk = mutationStatements('bulkInsert', books, { values: [{ title: 'a' }, { title: 'b' }] });
    expect(bulk.map((s) => s.input)).toEqual([{ title: 'a' }, { title: 'b' }]);
  });

  test('statements that cannot be built say why', () => {
    expect(() => mutationStatements('insert', books, { value: {} })).toThrow(
      'Insert statement must contain at least one field',
    );
    expect(() => mutationStatements('update', books, { value: { title: 'Dune' } })).toThrow(
      'Update statement must set at least one column that is not part of the primary key',
    );
    expect(() =>
      mutationStatements('insert', books, { value: { title: 'x' }, options: { ttl: -1 } }),
    ).toThrow('options.ttl must be a non-negative number of seconds');
    expect(() => currentTable(description, { ...ref('books'), cqlTable: 'gone' })).toThrow(
      "Table 'gone' no longer exists in keyspace 'library'",
    );
  });
});
