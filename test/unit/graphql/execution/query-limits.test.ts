import { describe, expect, test } from 'vitest';
import { checkQueryCost, depthLimitRule } from '../../../../services/graphql/src/execution/query-limits.js';
import { parse, specifiedRules, validate } from '../../../../services/graphql/src/graphql-js.js';
import type { ResolverDeps } from '../../../../services/graphql/src/resolvers/graphql-context.js';
import { buildDdlSchema } from '../../../../services/graphql/src/schema/ddl-schema.js';
import { buildDmlSchema } from '../../../../services/graphql/src/schema/dml-schema.js';
import { sampleKeyspace } from '../support/sample-keyspace.js';

const deps = {} as ResolverDeps;
const dml = buildDmlSchema(sampleKeyspace(), 'library', deps);
const ddl = buildDdlSchema(deps);

function depthErrors(query: string, max: number): string[] {
  return validate(ddl, parse(query), [...specifiedRules, depthLimitRule(max)]).map((e) => e.message);
}

describe('depth limit', () => {
  test('counts nested fields, through fragments', () => {
    const query = '{ keyspaces { tables { ...T } } } fragment T on Table { columns { type { basic } } }';
    expect(depthErrors(query, 5)).toEqual([]);
    expect(depthErrors(query, 4)).toEqual(['Query depth 5 exceeds the maximum depth of 4']);
  });

  test('introspection is free, so tools can always load the schema', () => {
    const introspection =
      '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';
    expect(depthErrors(introspection, 1)).toEqual([]);
  });

  test('cyclic fragments do not loop (graphql-js reports them)', () => {
    const errors = depthErrors('{ keyspaces { ...A } } fragment A on Keyspace { tables { name } ...A }', 3);
    expect(errors).toEqual(['Cannot spread fragment "A" within itself.']);
  });
});

describe('cost limit', () => {
  const cost = (query: string, max: number, variables?: Record<string, unknown>) => () =>
    checkQueryCost(dml, parse(query), undefined, variables, max);

  test('one point per field, times the rows of a page', () => {
    // books + values + 100 × (title + author) = 202
    expect(cost('{ books { values { title author } } }', 202)).not.toThrow();
    expect(cost('{ books { values { title author } } }', 201)).toThrow(
      /^Query cost exceeds the maximum of 201/,
    );
  });

  test('limit and pageSize, as literals or variables, bound the page', () => {
    expect(cost('{ books(options: {limit: 5}) { values { title author } } }', 12)).not.toThrow();
    expect(cost('{ books(options: {pageSize: 3, limit: 50}) { values { title } } }', 5)).not.toThrow();
    const query = 'query($o: QueryOptions) { books(options: $o) { values { title } } }';
    expect(cost(query, 1002, { o: { pageSize: 1000 } })).not.toThrow();
    expect(cost(query, 1001, { o: { pageSize: 1000 } })).toThrow();
  });

  test('a bulk insert costs its rows', () => {
    const query = 'mutation($v: [booksInput!]) { bulkInsertbooks(values: $v) { applied value { title } } }';
    const values = Array.from({ length: 10 }, (_, i) => ({ title: `t${i}` }));
    expect(cost(query, 31, { v: values })).not.toThrow();
    expect(cost(query, 30, { v: values })).toThrow();
  });

  test('introspection is free', () => {
    expect(cost('{ __schema { types { name fields { name } } } }', 1)).not.toThrow();
  });
});
