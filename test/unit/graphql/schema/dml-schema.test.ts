import { describe, expect, test } from 'vitest';
import {
  type GraphQLEnumType,
  type GraphQLInputObjectType,
  type GraphQLObjectType,
  printType,
  validateSchema,
} from '../../../../services/graphql/src/graphql-js.js';
import type { ResolverDeps } from '../../../../services/graphql/src/resolvers/graphql-context.js';
import { buildDmlSchema } from '../../../../services/graphql/src/schema/dml-schema.js';
import { INT, sampleKeyspace, TEXT } from '../support/sample-keyspace.js';

// Building a schema never calls the bridge; resolvers get their dependencies only when run.
const deps = {} as ResolverDeps;

describe('the CQL-first schema of a keyspace', () => {
  const schema = buildDmlSchema(sampleKeyspace(), 'library', deps);

  test('is valid', () => {
    expect(validateSchema(schema)).toEqual([]);
  });

  test('has a query, a deprecated filter query and four mutations per table', () => {
    const queries = Object.keys(schema.getQueryType()!.getFields());
    expect(queries).toEqual(
      expect.arrayContaining(['books', 'booksFilter', 'Querx79_', 'likes', 'conversionWarnings']),
    );
    expect(schema.getQueryType()!.getFields().booksFilter!.deprecationReason).toBe(
      'No longer supported. Use root type instead.',
    );
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(mutations).toEqual(
      expect.arrayContaining([
        'insertbooks',
        'bulkInsertbooks',
        'updatebooks',
        'deletebooks',
        'insertQuerx79_',
      ]),
    );
    const query = schema.getQueryType()!.getFields().books!;
    expect(query.args.map((a) => `${a.name}: ${a.type}`)).toEqual([
      'value: booksInput',
      'filter: booksFilterInput',
      'orderBy: [booksOrder]',
      'groupBy: booksGroupByInput',
      'options: QueryOptions',
    ]);
    const insert = schema.getMutationType()!.getFields().insertbooks!;
    expect(insert.args.map((a) => `${a.name}: ${a.type}`)).toEqual([
      'value: booksInput!',
      'ifNotExists: Boolean',
      'options: MutationOptions',
    ]);
  });

  test('maps CQL types to scalars, entry lists, tuples and UDT types', () => {
    expect(
      printType(schema.getType('books')!),
    ).toContain(`"""The type used to represent results of a query for the table 'books'."""
type books {
  title: String
  edition: Int
  author: String
  isbn: Uuid
  tags: [String]
  ratings: [EntryStringKeyIntValue]
  pair: TupleIntString
  home: addressUdt
  firstx20_name: String
`);
    const input = schema.getType('booksInput') as GraphQLInputObjectType;
    expect(Object.fromEntries(Object.values(input.getFields()).map((f) => [f.name, String(f.type)]))).toEqual(
      {
        title: 'String',
        edition: 'Int',
        author: 'String',
        isbn: 'Uuid',
        tags: '[String]',
        ratings: '[EntryStringKeyIntValueInput]',
        pair: 'TupleIntStringInput',
        home: 'addressUdtInput',
        firstx20_name: 'String',
      },
    );
    expect(printType(schema.getType('booksResult')!)).toContain('values: [books!]');
    expect(printType(schema.getType('booksMutationResult')!)).toContain('accepted: Boolean');
    expect(Object.keys((schema.getType('addressUdt') as GraphQLObjectType).getFields())).toEqual([
      'street',
      'zip',
    ]);
    expect(String((schema.getType('likes') as GraphQLObjectType).getFields().n!.type)).toBe('Counter');
  });

  test('row types carry the eight aggregation fields, and groupBy offers the primary key', () => {
    const fields = (schema.getType('books') as GraphQLObjectType).getFields();
    const aggregates = Object.values(fields)
      .filter((f) => f.name.endsWith('_function'))
      .map((f) => `${f.name}(${f.args.map((a) => `${a.name}: ${a.type}`).join(', ')}): ${f.type}`);
    expect(aggregates).toEqual([
      '_int_function(name: String!, args: [String!]!): Int',
      '_double_function(name: String!, args: [String!]!): Float',
      '_bigint_function(name: String!, args: [String!]!): BigInt',
      '_decimal_function(name: String!, args: [String!]!): Decimal',
      '_varint_function(name: String!, args: [String!]!): Varint',
      '_float_function(name: String!, args: [String!]!): Float32',
      '_smallint_function(name: String!, args: [String!]!): SmallInt',
      '_tinyint_function(name: String!, args: [String!]!): TinyInt',
    ]);
    const groupBy = schema.getType('booksGroupByInput') as GraphQLInputObjectType;
    expect(Object.values(groupBy.getFields()).map((f) => `${f.name}: ${f.type}`)).toEqual([
      'title: Boolean',
      'edition: Boolean',
    ]);
    expect(
      schema
        .getQueryType()!
        .getFields()
        .booksFilter!.args.map((a) => a.name),
    ).not.toContain('groupBy');
  });

  test('filter inputs offer the operators of each column kind', () => {
    const filter = schema.getType('booksFilterInput') as GraphQLInputObjectType;
    const fields = filter.getFields();
    expect(String(fields.title!.type)).toBe('StringFilterInput');
    expect(String(fields.tags!.type)).toBe('ListStringFilterInput');
    expect(String(fields.ratings!.type)).toBe('ListEntryStringKeyIntValueFilterInput');
    const ops = (name: string) => Object.keys((schema.getType(name) as GraphQLInputObjectType).getFields());
    expect(ops('StringFilterInput')).toEqual(['eq', 'notEq', 'gt', 'gte', 'lt', 'lte', 'in']);
    expect(ops('ListStringFilterInput')).toEqual(['eq', 'notEq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains']);
    expect(ops('ListEntryStringKeyIntValueFilterInput')).toEqual([
      'eq',
      'notEq',
      'gt',
      'gte',
      'lt',
      'lte',
      'in',
      'containsKey',
      'contains',
      'containsEntry',
    ]);
    const order = (schema.getType('booksOrder') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(order.slice(0, 4)).toEqual(['title_DESC', 'title_ASC', 'edition_DESC', 'edition_ASC']);
    expect(order).toContain('firstx20_name_ASC');
  });

  test('declares the @atomic and @async directives on mutations', () => {
    expect(schema.getDirective('atomic')!.locations).toEqual(['MUTATION']);
    expect(schema.getDirective('async')!.locations).toEqual(['MUTATION']);
  });

  test('reports renamed tables and columns in conversionWarnings', () => {
    const resolve = schema.getQueryType()!.getFields().conversionWarnings!.resolve!;
    expect(resolve(undefined, {}, undefined, undefined as never)).toEqual([
      'Column first name in table/UDT books mapped as firstx20_name',
      'Table Query mapped as Querx79_',
    ]);
  });

  test('an empty keyspace still has a valid schema', () => {
    const empty = buildDmlSchema({ ...sampleKeyspace(), tables: [], types: [] }, 'empty', deps);
    expect(validateSchema(empty)).toEqual([]);
    expect(Object.keys(empty.getMutationType()!.getFields())).toEqual(['keyspaceEmptyMutation']);
  });

  test('tables whose generated names clash are left out, with a warning, instead of breaking the schema', () => {
    const description = sampleKeyspace();
    description.tables = [
      {
        name: 'String',
        partitionKeyColumns: [{ name: 'k', type: TEXT }],
        clusteringKeyColumns: [],
        columns: [],
        staticColumns: [],
      },
      {
        name: 'StrinFilter',
        partitionKeyColumns: [{ name: 'k', type: INT }],
        clusteringKeyColumns: [],
        columns: [],
        staticColumns: [],
      },
      {
        name: 'StringFilter',
        partitionKeyColumns: [{ name: 'k', type: TEXT }],
        clusteringKeyColumns: [],
        columns: [],
        staticColumns: [],
      },
    ];
    const clashing = buildDmlSchema(description, 'k', deps);
    expect(validateSchema(clashing)).toEqual([]);
    const warnings = clashing.getQueryType()!.getFields().conversionWarnings!.resolve!(
      undefined,
      {},
      undefined,
      undefined as never,
    );
    expect(warnings).toContain(
      'Could not convert table StringFilter because its GraphQL types would collide with others, skipping',
    );
    expect(Object.keys(clashing.getQueryType()!.getFields())).toContain('Strinx67_');
  });
});

describe('vector search in the CQL-first schema', () => {
  const floats = (size: number) => ({
    vector: { element: { basic: 8 as typeof INT.basic, spec: 'basic' as const }, size },
    spec: 'vector' as const,
  });
  const keyspace = sampleKeyspace();
  keyspace.tables!.push({
    name: 'passages',
    partitionKeyColumns: [{ name: 'id', type: INT }],
    clusteringKeyColumns: [],
    staticColumns: [],
    columns: [
      { name: 'body', type: TEXT },
      { name: 'emb', type: floats(3) },
      { name: 'old emb', type: floats(2) },
      { name: 'ints', type: { vector: { element: INT, size: 2 }, spec: 'vector' } },
    ],
  });
  keyspace.tables!.push({ name: 'SimilarityFunction', partitionKeyColumns: [{ name: 'id', type: INT }] });
  const schema = buildDmlSchema(keyspace, 'library', deps);

  test('float vectors are [Float], other vectors lists of their element type', () => {
    expect(validateSchema(schema)).toEqual([]);
    const fields = (schema.getType('passages') as GraphQLObjectType).getFields();
    expect(String(fields.emb!.type)).toBe('[Float]');
    expect(String(fields.ints!.type)).toBe('[Int]');
    expect(String((schema.getType('passagesInput') as GraphQLInputObjectType).getFields().emb!.type)).toBe(
      '[Float]',
    );
  });

  test('a table with float vectors gets ann and _similarity; one without gets neither', () => {
    const query = schema.getQueryType()!.getFields().passages!;
    expect(query.args.map((a) => `${a.name}: ${a.type}`)).toContain('ann: passagesAnnInput');
    expect(Object.keys((schema.getType('passagesAnnInput') as GraphQLInputObjectType).getFields())).toEqual([
      'emb',
      'oldx20_emb',
    ]);
    const similarity = (schema.getType('passages') as GraphQLObjectType).getFields()._similarity!;
    expect(`${similarity.type} ${similarity.args.map((a) => `${a.name}: ${a.type}`)}`).toBe(
      'Float function: SimilarityFunction',
    );
    expect((schema.getType('SimilarityFunction') as GraphQLEnumType).getValues().map((v) => v.name)).toEqual([
      'COSINE',
      'DOT_PRODUCT',
      'EUCLIDEAN',
    ]);
    expect(
      schema
        .getQueryType()!
        .getFields()
        .books!.args.map((a) => a.name),
    ).not.toContain('ann');
    expect((schema.getType('books') as GraphQLObjectType).getFields()._similarity).toBeUndefined();
    // A table named like our enum is escaped, as Stargate escapes its own type names.
    expect(schema.getQueryType()!.getFields().SimilarityFunctiox6e_).toBeDefined();
  });
});
