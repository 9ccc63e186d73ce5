// Schema-first GraphQL administration (/graphql-admin): deploySchema with dryRun and each
// migration strategy against tables that already exist, versions and their conflicts, schema
// errors with their line and column, deploySchemaFile through a multipart upload, undeploy, and the
// /graphql-files downloads. Deployed schemas are kept in stargate_graphql.schema_source.
import { afterAll, describe, expect, test } from 'vitest';
import type { GraphqlResponse } from './support/graphql-api-harness.js';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_schema_first', (ks) => [
  `CREATE TABLE ${ks}.existing_match (id uuid PRIMARY KEY, name text)`,
  `CREATE TABLE ${ks}.existing_short (id uuid PRIMARY KEY, name text)`,
  `CREATE TABLE ${ks}.existing_wrong (id uuid PRIMARY KEY, name int)`,
  `CREATE TABLE ${ks}.recreated (id uuid PRIMARY KEY, name text)`,
]);

afterAll(async () => {
  await fx.client.execute('DELETE FROM stargate_graphql.schema_source WHERE keyspace_name = ?', [
    fx.keyspace,
  ]);
});

const DEPLOY = `mutation deploy($keyspace: String!, $schema: String!, $expectedVersion: String,
    $migrationStrategy: MigrationStrategy! = ADD_MISSING_TABLES_AND_COLUMNS, $dryRun: Boolean! = false) {
  deploySchema(keyspace: $keyspace, schema: $schema, expectedVersion: $expectedVersion,
      migrationStrategy: $migrationStrategy, dryRun: $dryRun) {
    version
    cqlChanges
    logs { message category locations { line column } }
  }
}`;

/** The first error's extensions (a deploy's schema problems are in mappingErrors). */
const extensionsOf = (r: GraphqlResponse) =>
  (r.body.errors?.[0] as { extensions?: { code?: string; mappingErrors?: unknown } } | undefined)?.extensions;

const admin = (query: string, variables?: Record<string, unknown>) =>
  fx.api.post('/graphql-admin', query, variables);

async function currentVersion(): Promise<string | null> {
  const r = await admin('query($ks: String!) { schema(keyspace: $ks) { version } }', { ks: fx.keyspace });
  return r.body.data?.schema?.version ?? null;
}

async function deploy(schema: string, options: Record<string, unknown> = {}) {
  const expectedVersion = 'expectedVersion' in options ? options.expectedVersion : await currentVersion();
  const defaults = { migrationStrategy: 'ADD_MISSING_TABLES_AND_COLUMNS', dryRun: false };
  return admin(DEPLOY, { keyspace: fx.keyspace, schema, ...defaults, ...options, expectedVersion });
}

async function columns(table: string): Promise<Record<string, string>> {
  const rs = await fx.client.execute(
    'SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
    [fx.keyspace, table],
  );
  return Object.fromEntries(rs.rows.map((r) => [r.column_name, r.type]));
}

const EVERY_DIRECTIVE = `
type Address @cql_entity(name: "address", target: UDT) @cql_input {
  street: String
  zip: Int
}
type Book @cql_entity(name: "books") @cql_input(name: "BookIn") {
  author: String! @cql_column(partitionKey: true)
  year: Int! @cql_column(clusteringOrder: DESC)
  title: String! @cql_column(name: "book_title", clusteringOrder: ASC)
  tags: [String] @cql_column(typeHint: "set<varchar>") @cql_index(name: "books_tags", target: VALUES)
  isbn: String @cql_index(class: "StorageAttachedIndex", options: "'case_sensitive': 'false'")
  rating: Float @cql_index
  shipping: Address
}
type Counts { id: ID!, views: Counter }
type BooksPage @cql_payload { data: [Book], pagingState: String }
type UpdateResult @cql_payload { applied: Boolean }
type Query {
  books(author: String!, year: Int @cql_where(predicate: GTE), pagingState: String @cql_pagingState): BooksPage
    @cql_select(pageSize: 10, consistencyLevel: LOCAL_ONE)
}
type Mutation {
  insertBook(book: BookIn!): Book @cql_insert(ifNotExists: true, ttl: "3600")
  updateBook(book: BookIn!, expected: Float @cql_if(field: "rating", predicate: GT), at: BigInt @cql_timestamp): UpdateResult
    @cql_update(ifExists: true)
  addView(id: ID!, views: Counter @cql_increment): Boolean @cql_update(targetEntity: "Counts")
  deleteBook(author: String!, year: Int!, title: String!): Boolean @cql_delete(targetEntity: "Book", ifExists: true)
}
`;

describe('deploySchema', () => {
  test('dryRun: the CQL a schema using every directive maps to, and nothing is created', async () => {
    const r = await deploy(EVERY_DIRECTIVE, { dryRun: true, expectedVersion: null });
    expect(r.body.errors).toBeUndefined();
    const ks = `"${fx.keyspace}"`;
    expect(r.body.data!.deploySchema).toEqual({
      version: null,
      logs: [],
      cqlChanges: [
        `CREATE TYPE ${ks}."address" ("street" text, "zip" int)`,
        `CREATE TABLE ${ks}."books" ("author" text, "year" int, "book_title" text, "tags" set<text>, "isbn" text, "rating" double, "shipping" frozen<address>, PRIMARY KEY (("author"), "year", "book_title")) WITH CLUSTERING ORDER BY ("year" DESC, "book_title" ASC)`,
        `CREATE TABLE ${ks}."Counts" ("id" uuid, "views" counter, PRIMARY KEY (("id")))`,
        `CREATE INDEX "books_tags" ON ${ks}."books" ("tags")`,
        `CREATE CUSTOM INDEX "books_isbn_idx" ON ${ks}."books" ("isbn") USING 'StorageAttachedIndex' WITH OPTIONS = {'case_sensitive': 'false'}`,
        `CREATE INDEX "books_rating_idx" ON ${ks}."books" ("rating")`,
      ],
    });
    expect(await columns('books')).toEqual({});
    expect(await currentVersion()).toBeNull();
  });

  test('a real deploy creates the UDT, tables and indexes, and keeps the source as a version', async () => {
    const r = await deploy(EVERY_DIRECTIVE);
    expect(r.body.errors).toBeUndefined();
    const { version, cqlChanges } = r.body.data!.deploySchema;
    expect(version).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-/);
    expect(cqlChanges).toHaveLength(6);
    expect(await columns('books')).toEqual({
      author: 'text',
      year: 'int',
      book_title: 'text',
      tags: 'set<text>',
      isbn: 'text',
      rating: 'double',
      shipping: 'frozen<address>',
    });
    expect(await columns('Counts')).toEqual({ id: 'uuid', views: 'counter' });
    const indexes = await fx.client.execute(
      'SELECT index_name FROM system_schema.indexes WHERE keyspace_name = ?',
      [fx.keyspace],
    );
    expect(indexes.rows.map((row) => row.index_name).sort()).toEqual([
      'books_isbn_idx',
      'books_rating_idx',
      'books_tags',
    ]);

    const schemas = await admin(
      'query($ks: String!) { schemas(keyspace: $ks) { keyspace version deployDate contents contentsUri } }',
      { ks: fx.keyspace },
    );
    const [stored] = schemas.body.data!.schemas;
    expect(stored).toMatchObject({ keyspace: fx.keyspace, version, contents: EVERY_DIRECTIVE });
    expect(stored.contentsUri).toBe(`/graphql-files/keyspace/${fx.keyspace}.graphql?version=${version}`);
    expect(Math.abs(Date.parse(stored.deployDate) - Date.now())).toBeLessThan(60_000);

    // Redeploying the same schema changes nothing in CQL.
    const again = await deploy(EVERY_DIRECTIVE);
    expect(again.body.data!.deploySchema.cqlChanges).toEqual([]);
  });

  test('the deployed SDL and the directive definitions can be downloaded', async () => {
    const version = await currentVersion();
    const file = await fetch(`${fx.api.url}/graphql-files/keyspace/${fx.keyspace}.graphql`, {
      headers: { 'x-cassandra-token': fx.bridge.token },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await file.text()).toBe(EVERY_DIRECTIVE);
    const unknownVersion = await fetch(
      `${fx.api.url}/graphql-files/keyspace/${fx.keyspace}.graphql?version=${version!.replace(/^.{8}/, '00000000')}`,
      { headers: { 'x-cassandra-token': fx.bridge.token } },
    );
    expect(unknownVersion.status).toBe(404);
    const anonymous = await fetch(`${fx.api.url}/graphql-files/keyspace/${fx.keyspace}.graphql`);
    expect(anonymous.status).toBe(401);
    const directives = await fetch(`${fx.api.url}/graphql-files/cql_directives.graphql`);
    expect(directives.status).toBe(200);
    const text = await directives.text();
    for (const name of [
      'cql_entity',
      'cql_input',
      'cql_column',
      'cql_index',
      'cql_payload',
      'cql_select',
      'cql_insert',
      'cql_update',
      'cql_delete',
      'cql_where',
      'cql_if',
      'cql_increment',
      'cql_timestamp',
      'cql_pagingState',
    ]) {
      expect(text).toContain(`directive @${name}`);
    }
  });

  test('a stale expectedVersion is refused, naming the newer version', async () => {
    const latest = await currentVersion();
    const stale = await deploy(EVERY_DIRECTIVE, { expectedVersion: null });
    expect(stale.body.errors?.[0]?.message).toBe(
      `You specified expectedVersion null, but there is a more recent version ${latest}`,
    );
    const other = 'b8e0c9a0-0000-1000-8000-000000000000';
    const wrong = await deploy(EVERY_DIRECTIVE, { expectedVersion: other });
    expect(wrong.body.errors?.[0]?.message).toBe(
      `You specified expectedVersion ${other}, but there is a more recent version ${latest}`,
    );
    expect(await currentVersion()).toBe(latest);
  });

  test('an invalid schema: each problem with its line and column, nothing deployed', async () => {
    const before = await currentVersion();
    const syntax = await deploy('type Query {\n  a: Int\n');
    expect(syntax.status).toBe(200);
    expect(extensionsOf(syntax)).toMatchObject({
      code: 'BAD_USER_INPUT',
      mappingErrors: [
        { message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 3, column: 1 }] },
      ],
    });
    const mapping = await deploy(
      [
        'type Query { user: User }',
        'type User {',
        '  name: String @cql_column(partitionKey: true, clusteringOrder: ASC)',
        '  friend: Other',
        '  tags: [String] @cql_column(typeHint: "list<")',
        '}',
        'type Other { id: ID! }',
        'type Lonely { x: Int @cql_index(target: FULL) }',
      ].join('\n'),
    );
    expect(extensionsOf(mapping)?.mappingErrors).toEqual([
      {
        message: 'Field User.name cannot be both a partition key and a clustering column',
        category: 'ERROR',
        locations: [{ line: 3, column: 3 }],
      },
      {
        message:
          'User.friend references Other, which is not a UDT: only scalars, enums, lists and objects annotated @cql_entity(target: UDT) can be columns',
        category: 'ERROR',
        locations: [{ line: 4, column: 3 }],
      },
      {
        message: `Invalid typeHint 'list<' on User.tags`,
        category: 'ERROR',
        locations: [{ line: 5, column: 3 }],
      },
      {
        message: '@cql_index target is only allowed on list, set and map fields (Lonely.x)',
        category: 'ERROR',
        locations: [{ line: 8, column: 15 }],
      },
      {
        message:
          'Table Lonely has no partition key: add a field of type ID, or mark fields with @cql_column(partitionKey: true)',
        category: 'ERROR',
        locations: [{ line: 8, column: 1 }],
      },
    ]);
    expect(mapping.body.errors?.[0]?.message).toContain('[3:3] Field User.name cannot be both');
    const unknown = await deploy('type Query { a: Int }\ntype T { id: ID! @cql_column(bogus: 1) }');
    expect(extensionsOf(unknown)).toMatchObject({
      mappingErrors: [
        {
          message: 'Unknown argument "bogus" on directive "@cql_column".',
          locations: [{ line: 2, column: 30 }],
        },
      ],
    });
    expect(await currentVersion()).toBe(before);
  });
});

describe('migration strategies against existing tables', () => {
  const schemaOf = (...types: string[]) => ['type Query { a: Int }', ...types].join('\n');
  const match = 'type existing_match { id: ID!, name: String }';
  const short = 'type existing_short { id: ID!, name: String, email: String }';
  const wrong = 'type existing_wrong { id: ID!, name: String }';
  const fresh = 'type fresh_table { id: ID!, name: String }';
  const ks = () => `"${fx.keyspace}"`;

  test('USE_EXISTING: a matching table is used as it is; anything missing is refused', async () => {
    const ok = await deploy(schemaOf(match), { migrationStrategy: 'USE_EXISTING' });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.deploySchema).toMatchObject({
      cqlChanges: [],
      // The operation that maps to no statement is deployed, with a warning where it is.
      logs: [
        {
          message:
            'Query.a returns Int, which is not a table entity or a @cql_payload holding one; it answers an error when called',
          category: 'WARNING',
          locations: [{ line: 1, column: 14 }],
        },
      ],
    });
    const missing = await deploy(schemaOf(match, fresh, short), { migrationStrategy: 'USE_EXISTING' });
    expect(extensionsOf(missing)?.mappingErrors).toEqual([
      {
        message: `No table 'fresh_table' in keyspace '${fx.keyspace}' (USE_EXISTING creates nothing)`,
        category: 'ERROR',
        locations: [{ line: 3, column: 1 }],
      },
      {
        message: `The table 'existing_short' does not match the schema: it has no column 'email' (USE_EXISTING)`,
        category: 'ERROR',
        locations: [{ line: 4, column: 1 }],
      },
    ]);
  });

  test('ADD_MISSING_TABLES: creates a missing table, refuses a table missing a column', async () => {
    const refused = await deploy(schemaOf(short), { migrationStrategy: 'ADD_MISSING_TABLES' });
    expect(refused.body.errors?.[0]?.message).toContain("it has no column 'email' (ADD_MISSING_TABLES)");
    const ok = await deploy(schemaOf(match, fresh), { migrationStrategy: 'ADD_MISSING_TABLES' });
    expect(ok.body.data!.deploySchema.cqlChanges).toEqual([
      `CREATE TABLE ${ks()}."fresh_table" ("id" uuid, "name" text, PRIMARY KEY (("id")))`,
    ]);
    expect(await columns('fresh_table')).toEqual({ id: 'uuid', name: 'text' });
  });

  test('ADD_MISSING_TABLES_AND_COLUMNS: adds the missing column, refuses a column of another type', async () => {
    const ok = await deploy(schemaOf(short), { migrationStrategy: 'ADD_MISSING_TABLES_AND_COLUMNS' });
    expect(ok.body.data!.deploySchema.cqlChanges).toEqual([
      `ALTER TABLE ${ks()}."existing_short" ADD ("email" text)`,
    ]);
    expect(await columns('existing_short')).toEqual({ id: 'uuid', name: 'text', email: 'text' });
    const refused = await deploy(schemaOf(wrong));
    expect(refused.body.errors?.[0]?.message).toContain(
      "The table 'existing_wrong' does not match the schema: column 'name' is int, the schema's is text",
    );
  });

  test('DROP_AND_RECREATE_IF_MISMATCH: only the mismatching table loses its data', async () => {
    await fx.client.execute(`INSERT INTO ${fx.keyspace}.existing_match (id, name) VALUES (uuid(), 'kept')`);
    await fx.client.execute(`INSERT INTO ${fx.keyspace}.existing_wrong (id, name) VALUES (uuid(), 1)`);
    const r = await deploy(schemaOf(match, wrong), { migrationStrategy: 'DROP_AND_RECREATE_IF_MISMATCH' });
    expect(r.body.data!.deploySchema.cqlChanges).toEqual([
      `DROP TABLE ${ks()}."existing_wrong"`,
      `CREATE TABLE ${ks()}."existing_wrong" ("id" uuid, "name" text, PRIMARY KEY (("id")))`,
    ]);
    expect(await columns('existing_wrong')).toEqual({ id: 'uuid', name: 'text' });
    expect((await fx.client.execute(`SELECT * FROM ${fx.keyspace}.existing_wrong`)).rows).toHaveLength(0);
    expect((await fx.client.execute(`SELECT name FROM ${fx.keyspace}.existing_match`)).rows[0]?.name).toBe(
      'kept',
    );
  });

  test('DROP_AND_RECREATE_ALL: every table of the schema starts empty', async () => {
    await fx.client.execute(`INSERT INTO ${fx.keyspace}.recreated (id, name) VALUES (uuid(), 'gone')`);
    const r = await deploy(schemaOf('type recreated { id: ID!, name: String }'), {
      migrationStrategy: 'DROP_AND_RECREATE_ALL',
    });
    expect(r.body.data!.deploySchema.cqlChanges).toEqual([
      `DROP TABLE ${ks()}."recreated"`,
      `CREATE TABLE ${ks()}."recreated" ("id" uuid, "name" text, PRIMARY KEY (("id")))`,
    ]);
    expect((await fx.client.execute(`SELECT * FROM ${fx.keyspace}.recreated`)).rows).toHaveLength(0);
  });
});

describe('deploySchemaFile and undeploySchema', () => {
  test('a schema uploaded as a multipart file part is deployed', async () => {
    const expectedVersion = await currentVersion();
    const schema = 'type Query { a: Int }\ntype uploaded { id: ID!, note: String }\n';
    const form = new FormData();
    form.set(
      'operations',
      JSON.stringify({
        query:
          'mutation($ks: String!, $v: String, $file: Upload!) { deploySchemaFile(keyspace: $ks, expectedVersion: $v, schemaFile: $file) { version cqlChanges } }',
        variables: { ks: fx.keyspace, v: expectedVersion, file: null },
      }),
    );
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new Blob([schema], { type: 'application/octet-stream' }), 'schema.graphql');
    const res = await fetch(`${fx.api.url}/graphql-admin`, {
      method: 'POST',
      headers: { 'x-cassandra-token': fx.bridge.token },
      body: form,
    });
    const body = (await res.json()) as {
      data?: { deploySchemaFile: { version: string; cqlChanges: string[] } };
    };
    expect(res.status).toBe(200);
    expect(body.data!.deploySchemaFile.cqlChanges).toEqual([
      `CREATE TABLE "${fx.keyspace}"."uploaded" ("id" uuid, "note" text, PRIMARY KEY (("id")))`,
    ]);
    expect(await currentVersion()).toBe(body.data!.deploySchemaFile.version);
    const file = await fetch(`${fx.api.url}/graphql-files/keyspace/${fx.keyspace}.graphql`, {
      headers: { 'x-cassandra-token': fx.bridge.token },
    });
    expect(await file.text()).toBe(schema);
  });

  test('an Upload given inline instead of as a file part is refused', async () => {
    const r = await admin(
      'mutation { deploySchemaFile(keyspace: "x", schemaFile: "type Query { a: Int }") { version } }',
    );
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toContain('multipart');
  });

  test('undeploy needs the current version; afterwards a first deploy (expectedVersion null) is accepted', async () => {
    const latest = await currentVersion();
    const stale = await admin(
      'mutation($ks: String!, $v: String!) { undeploySchema(keyspace: $ks, expectedVersion: $v) }',
      {
        ks: fx.keyspace,
        v: 'b8e0c9a0-0000-1000-8000-000000000000',
      },
    );
    expect(stale.body.errors?.[0]?.message).toBe(
      `You specified expectedVersion b8e0c9a0-0000-1000-8000-000000000000, but there is a more recent version ${latest}`,
    );
    const ok = await admin(
      'mutation($ks: String!, $v: String!) { undeploySchema(keyspace: $ks, expectedVersion: $v) }',
      {
        ks: fx.keyspace,
        v: latest,
      },
    );
    expect(ok.body).toEqual({ data: { undeploySchema: true } });
    const redeploy = await deploy('type Query { a: Int }\ntype uploaded { id: ID!, note: String }', {
      expectedVersion: null,
    });
    expect(redeploy.body.errors).toBeUndefined();
    expect(redeploy.body.data!.deploySchema.cqlChanges).toEqual([]);
  });

  test('a keyspace that does not exist', async () => {
    const r = await admin(
      'mutation { deploySchema(keyspace: "no_such_keyspace_sf", schema: "type Query { a: Int }") { version } }',
    );
    expect(r.body.errors?.[0]).toMatchObject({
      message: "Keyspace 'no_such_keyspace_sf' not found",
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
