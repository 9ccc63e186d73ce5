// What a client sees for requests that cannot be served: GraphQL-shaped errors with the status the
// GraphQL-over-HTTP convention gives, never a 500. Also the transports that do work: GET, POST
// application/json and application/graphql, the default keyspace and the playground.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestGraphqlApi, type TestGraphqlApi } from './support/graphql-api-harness.js';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture(
  'gql_bad_input',
  (ks) => [`CREATE TABLE ${ks}.items (id int PRIMARY KEY, name text, tags list<text>)`],
  { GRAPHQL_MAX_DEPTH: '5', GRAPHQL_MAX_COMPLEXITY: '500', GRAPHQL_BODY_LIMIT_BYTES: '4096' },
);

let noDefault: TestGraphqlApi;
beforeAll(async () => {
  noDefault = await startTestGraphqlApi(fx.bridge.address, fx.bridge.token, {
    GRAPHQL_DEFAULT_KEYSPACE_ENABLED: 'false',
    GRAPHQL_PLAYGROUND_ENABLED: 'false',
  });
});
afterAll(async () => {
  await noDefault?.close();
});

interface Sent {
  status: number;
  contentType: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests walk the JSON they receive freely.
  body: any;
}

async function send(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Sent> {
  const headers = new Headers(init.headers);
  if (init.token !== null) headers.set('x-cassandra-token', init.token ?? fx.bridge.token);
  const res = await fetch(`${fx.api.url}${path}`, { ...init, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (the playground page)
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body };
}

const ks = () => `/graphql/${fx.keyspace}`;
const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const only = (status: number, message: string | RegExp) => (r: Sent) => {
  expect(r.status).toBe(status);
  expect(r.contentType).toMatch(/^application\/json/);
  expect(Object.keys(r.body)).toEqual(['errors']);
  if (typeof message === 'string') expect(r.body.errors[0].message).toBe(message);
  else expect(r.body.errors[0].message).toMatch(message);
};

describe('the transports that work', () => {
  test('GET with query, variables and operationName', async () => {
    await fx.dml('mutation { insertitems(value: {id: 1, name: "one"}) { applied } }');
    const query = encodeURIComponent(
      'query A($id: Int) { items(value: {id: $id}) { values { name } } } query B { __typename }',
    );
    const r = await send(
      `${ks()}?query=${query}&operationName=A&variables=${encodeURIComponent('{"id": 1}')}`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: { items: { values: [{ name: 'one' }] } } });
  });

  test('POST application/graphql', async () => {
    const r = await send(ks(), {
      method: 'POST',
      headers: { 'content-type': 'application/graphql' },
      body: '{ items(value: {id: 1}) { values { id name } } }',
    });
    expect(r.body).toEqual({ data: { items: { values: [{ id: 1, name: 'one' }] } } });
  });

  test('POST application/json with the query in the URL', async () => {
    const r = await send(
      `/graphql-schema?query=${encodeURIComponent(`{ keyspace(name: "${fx.keyspace}") { name } }`)}`,
      json({}),
    );
    expect(r.body).toEqual({ data: { keyspace: { name: fx.keyspace } } });
  });

  test('/graphql serves the default keyspace (the oldest that is not a system keyspace)', async () => {
    const r = await send('/graphql', json({ query: '{ __typename }' }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
  });

  test('the playground page', async () => {
    const r = await send('/playground', { token: null });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/html/);
    expect(r.body).toContain('graphiql');
    // Everything it loads comes from this service, at versioned URLs (no CDN: works offline).
    expect(r.body).not.toMatch(/https?:\/\//);
    const assets = [...(r.body as string).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(4);
    for (const asset of assets) {
      expect(asset).toMatch(/^playground\/assets\/(graphiql|react|react-dom)@\d+\.\d+\.\d+\//);
      const res = await fetch(new URL(asset, `${fx.api.url}/playground`));
      expect([res.status, res.headers.get('cache-control')]).toEqual([
        200,
        'public, max-age=31536000, immutable',
      ]);
      expect(res.headers.get('content-type')).toMatch(/^text\/(javascript|css); charset=utf-8$/);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });
});

describe('requests that are refused', () => {
  test('no token: 401 on every endpoint', async () => {
    const message =
      'Role unauthorized for operation: Missing token, expecting one in the X-Cassandra-Token header.';
    for (const path of ['/graphql-schema', ks(), '/graphql']) {
      only(401, message)(await send(path, { ...json({ query: '{ __typename }' }), token: null }));
    }
  });

  test('a token the bridge does not know: 401', async () => {
    only(
      401,
      /token/i,
    )(await send(ks(), { ...json({ query: '{ items { values { id } } }' }), token: 'not-a-token' }));
    only(
      401,
      /token/i,
    )(await send('/graphql-schema', { ...json({ query: '{ keyspaces { name } }' }), token: 'not-a-token' }));
  });

  test('a keyspace that does not exist: 404; a keyspace name that cannot be one: 400', async () => {
    only(
      404,
      "Unknown keyspace 'no_such_keyspace'",
    )(await send('/graphql/no_such_keyspace', json({ query: '{ __typename }' })));
    only(
      400,
      'Invalid keyspace name',
    )(await send('/graphql/bad%3Cname%3E', json({ query: '{ __typename }' })));
  });

  test('no default keyspace configured: 404', async () => {
    const r = await fetch(`${noDefault.url}/graphql`, {
      ...json({ query: '{ __typename }' }),
      headers: { 'content-type': 'application/json', 'x-cassandra-token': fx.bridge.token },
    });
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({
      errors: [{ message: 'No default keyspace defined', extensions: { code: 'NOT_FOUND' } }],
    });
    // The playground is off there too: its path is unknown, answered like any other (a token first).
    const token = { headers: { 'x-cassandra-token': fx.bridge.token } };
    expect((await fetch(`${noDefault.url}/playground`, token)).status).toBe(404);
    expect((await fetch(`${noDefault.url}/playground`)).status).toBe(401);
  });

  test('syntax errors', async () => {
    only(
      400,
      /^Syntax Error: Expected Name, found <EOF>/,
    )(await send(ks(), json({ query: '{ items { values {' })));
    only(400, /^Syntax Error/)(await send(ks(), json({ query: '{}' })));
    only(400, /^Syntax Error/)(await send(ks(), json({ query: '"just a string"' })));
  });

  test('unknown fields, arguments and types', async () => {
    only(
      400,
      'Cannot query field "zzz" on type "items".',
    )(await send(ks(), json({ query: '{ items { values { zzz } } }' })));
    only(
      400,
      'Unknown argument "where" on field "Query.items".',
    )(await send(ks(), json({ query: '{ items(where: {}) { values { id } } }' })));
    only(400, 'Unknown type "Nope".')(await send(ks(), json({ query: 'query($x: Nope) { __typename }' })));
  });

  test('a missing required argument or variable', async () => {
    only(
      400,
      'Field "insertitems" argument "value" of type "itemsInput!" is required, but it was not provided.',
    )(await send(ks(), json({ query: 'mutation { insertitems { applied } }' })));
    only(
      400,
      'Variable "$v" of required type "itemsInput!" was not provided.',
    )(await send(ks(), json({ query: 'mutation($v: itemsInput!) { insertitems(value: $v) { applied } }' })));
  });

  test('a wrong scalar value names the scalar and the value', async () => {
    only(
      400,
      /Int cannot represent non-integer value: "x"/,
    )(await send(ks(), json({ query: '{ items(value: {id: "x"}) { values { id } } }' })));
    only(
      400,
      /Expected type "Int".*"x"|"x".*Int/s,
    )(
      await send(
        ks(),
        json({
          query: 'query($id: Int) { items(value: {id: $id}) { values { id } } }',
          variables: { id: 'x' },
        }),
      ),
    );
  });

  test('too deep', async () => {
    const deep = `{ keyspaces { tables { columns { type { info { subTypes { basic } } } } } } }`;
    only(
      400,
      'Query depth 7 exceeds the maximum depth of 5',
    )(await send('/graphql-schema', json({ query: deep })));
  });

  test('too costly, with the page size as a literal or a variable', async () => {
    const costly = /^Query cost exceeds the maximum of 500/;
    only(
      400,
      costly,
    )(await send(ks(), json({ query: '{ items(options: {pageSize: 300}) { values { id name } } }' })));
    only(
      400,
      costly,
    )(
      await send(
        ks(),
        json({
          query: 'query($o: QueryOptions) { items(options: $o) { values { id name } } }',
          variables: { o: { pageSize: 300 } },
        }),
      ),
    );
    const cheap = await send(
      ks(),
      json({ query: '{ items(options: {pageSize: 100}) { values { id name } } }' }),
    );
    expect(cheap.status).toBe(200);
  });

  test('operations: unknown name, several without a name, a mutation over GET', async () => {
    only(
      400,
      'Unknown operation named "C".',
    )(await send(ks(), json({ query: 'query A { __typename }', operationName: 'C' })));
    only(
      400,
      'Must provide operation name if query contains multiple operations.',
    )(await send(ks(), json({ query: 'query A { __typename } query B { __typename }' })));
    const mutation = encodeURIComponent('mutation { insertitems(value: {id: 2}) { applied } }');
    only(
      405,
      'Operation cannot be performed via a GET request; use POST',
    )(await send(`${ks()}?query=${mutation}`));
    // Over GET too (the method check must not trip over the missing operation).
    only(
      400,
      'Unknown operation named "C".',
    )(await send(`${ks()}?query=${encodeURIComponent('query A { __typename }')}&operationName=C`));
  });

  test('a query seen often enough to be compiled answers bad variables as before', async () => {
    const query =
      'query($id: Int, $n: Int) { items(value: {id: $id}, options: {limit: $n}) { values { id } } }';
    for (let i = 0; i < 5; i++) {
      const ok = await send(ks(), json({ query, variables: { id: 1000 + i, n: 1 } }));
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ data: { items: { values: [] } } });
      await new Promise((resolve) => setTimeout(resolve, 20));
      only(
        400,
        'Variable "$id" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648',
      )(await send(ks(), json({ query, variables: { id: 2 ** 31 } })));
      only(
        400,
        'Variable "$n" got invalid value "1"; Int cannot represent non-integer value: "1"',
      )(await send(ks(), json({ query, variables: { id: 1, n: '1' } })));
    }
  });

  test('malformed HTTP requests', async () => {
    only(400, 'You must provide a GraphQL query as a URL parameter')(await send(ks()));
    only(400, /^Could not parse variables: /)(await send(`${ks()}?query=%7B__typename%7D&variables=%7Bnope`));
    only(
      400,
      'You must provide a GraphQL query, either as a query parameter or in the request body',
    )(await send(ks(), json({ variables: {} })));
    only(
      400,
      "You can't provide a GraphQL query both as a query parameter and in the request body",
    )(await send(`${ks()}?query=%7B__typename%7D`, json({ query: '{ __typename }' })));
    only(
      400,
      '"variables" must be a JSON object, got an array',
    )(await send(ks(), json({ query: '{ __typename }', variables: [1] })));
    only(400, '"query" must be a string, got a number')(await send(ks(), json({ query: 42 })));
    only(
      400,
      /^Request body is not valid JSON/,
    )(
      await send(ks(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      }),
    );
    only(
      400,
      'You must provide a GraphQL query in the request body',
    )(await send(ks(), { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: ' ' }));
    only(
      415,
      "Unsupported content type 'text/plain': use application/json or application/graphql",
    )(
      await send(ks(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' }),
    );
    only(
      413,
      'Request body is larger than the configured limit',
    )(await send(ks(), json({ query: `{ __typename } # ${'x'.repeat(5000)}` })));
  });
});
