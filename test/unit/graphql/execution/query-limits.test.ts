import { describe, expect, test } from 'vitest';
import { QueryCostCache } from '../../../../services/graphql/src/execution/query-cost-cache.js';
import { checkQueryCost, depthLimitRule } from '../../../../services/graphql/src/execution/query-limits.js';
import {
  type DocumentNode,
  parse,
  specifiedRules,
  validate,
} from '../../../../services/graphql/src/graphql-js.js';
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

describe('cost limit, remembered per parsed document', () => {
  // Mercurius hands the executor the same parsed document each time a query text comes back.
  const costs = new QueryCostCache(202);
  const check = (document: DocumentNode, variables?: Record<string, unknown>) => () =>
    costs.check(dml, document, undefined, variables);

  test('a repeated query gets the same verdict each time', () => {
    const cheap = parse('{ books { values { title author } } }');
    const costly = parse('{ books { values { title author isbn } } }');
    for (let i = 0; i < 3; i++) {
      expect(check(cheap)).not.toThrow();
      expect(check(costly)).toThrow(/^Query cost exceeds the maximum of 202/);
    }
  });

  test('a page size given as a variable is costed with each request’s variables', () => {
    const document = parse('query($o: QueryOptions) { books(options: $o) { values { title } } }');
    expect(check(document, { o: { pageSize: 200 } })).not.toThrow();
    expect(check(document, { o: { pageSize: 201 } })).toThrow(/^Query cost exceeds/);
    expect(check(document, { o: { pageSize: 5 } })).not.toThrow();
    const rows = parse('mutation($v: [booksInput!]) { bulkInsertbooks(values: $v) { applied } }');
    expect(check(rows, { v: [{ title: 'a' }] })).not.toThrow();
    expect(check(rows, { v: Array.from({ length: 203 }, (_, i) => ({ title: `t${i}` })) })).toThrow();
  });

  test('each operation of a document has its own cost', () => {
    const document = parse(
      'query A { books { values { title } } } query B { books { values { title author isbn } } }',
    );
    expect(() => costs.check(dml, document, 'A', undefined)).not.toThrow();
    expect(() => costs.check(dml, document, 'B', undefined)).toThrow(/^Query cost exceeds/);
    expect(() => costs.check(dml, document, 'A', undefined)).not.toThrow();
  });
});

describe('cost limit of a vector search', () => {
  const keyspace = sampleKeyspace();
  keyspace.tables!.push({
    name: 'passages',
    partitionKeyColumns: [{ name: 'id', type: { basic: 9 as never, spec: 'basic' } }],
    columns: [{ name: 'emb', type: { vector: { element: { basic: 8 as never }, size: 2 }, spec: 'vector' } }],
  });
  const schema = buildDmlSchema(keyspace, 'library', deps);
  const cost = (query: string, max: number) => () => checkQueryCost(schema, parse(query), undefined, {}, max);

  test('ann returns its limit in one page, whatever the page size: the limit counts', () => {
    // passages + values + 500 × (id + _similarity) = 1002
    const query = '{ passages(ann: {emb: [1, 0]}, options: {limit: 500}) { values { id _similarity } } }';
    expect(cost(query, 1002)).not.toThrow();
    expect(cost(query, 1001)).toThrow(/^Query cost exceeds the maximum of 1001/);
  });
});
