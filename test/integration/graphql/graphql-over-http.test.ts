// The GraphQL API as the GraphQL-over-HTTP spec describes it, checked by the graphql-http package's
// own server audits (every MUST passes on a keyspace endpoint and on /graphql-schema), the
// application/graphql-response+json media type and its status codes, and the classification every
// error carries in extensions.code.
import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AuthFixture, createAuthFixture } from '../../support/auth-roles.js';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_over_http', (ks) => [
  `CREATE TABLE ${ks}.events (day text, seq int, note text, PRIMARY KEY (day, seq))`,
]);

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** fetch with the test's token, as every call of a client of ours must carry one. */
const withToken: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('x-cassandra-token', fx.bridge.token);
  return fetch(input, { ...init, headers });
};

async function runAudits(path: string): Promise<AuditResult[]> {
  const audits = serverAudits({ url: () => `${fx.api.url}${path}`, fetchFn: withToken });
  return Promise.all(audits.map((audit) => audit.fn()));
}

/** "id name: reason" of each failed MUST audit, so a failure says which and why. */
async function failedMusts(results: AuditResult[]): Promise<string[]> {
  const failed: string[] = [];
  for (const result of results) {
    if (result.status === 'ok' || !result.name.startsWith('MUST')) continue;
    failed.push(`${result.id} ${result.name}: ${result.reason} ${await result.response.text()}`);
  }
  return failed;
}

describe('graphql-http server audits', () => {
  test.each([
    ['a keyspace endpoint', () => `/graphql/${fx.keyspace}`],
    ['/graphql-schema', () => '/graphql-schema'],
  ])('every MUST audit passes on %s', async (_name, path) => {
    const results = await runAudits(path());
    // The summary the issue quotes: how many passed, and which SHOULD/MAY ones did not (and why).
    const notOk = results.filter((r) => r.status !== 'ok');
    console.info(
      `graphql-http audits on ${path().replace(fx.keyspace, '<keyspace>')}: ${results.length - notOk.length}/${results.length} ok` +
        notOk.map((r) => `\n  ${r.status} ${r.id} ${r.name}: ${r.reason}`).join(''),
    );
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThanOrEqual(10);
    expect(await failedMusts(results)).toEqual([]);
  });
});

interface Answer {
  status: number;
  contentType: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests walk the JSON they receive freely.
  body: any;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${fx.api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cassandra-token': fx.bridge.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.json() };
}

const dml = (query: string, headers?: Record<string, string>) =>
  post(`/graphql/${fx.keyspace}`, { query }, headers);
const codes = (a: Answer) => a.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code);

describe('application/graphql-response+json', () => {
  const accept = { accept: GRAPHQL_RESPONSE };

  test('a result is sent as the media type asked for, 200', async () => {
    const a = await dml('{ __typename }', accept);
    expect(a).toEqual({
      status: 200,
      contentType: `${GRAPHQL_RESPONSE}; charset=utf-8`,
      body: { data: { __typename: 'Query' } },
    });
  });

  test('preferred by q-value over application/json, and never for a client that did not ask', async () => {
    const preferred = await dml('{ __typename }', { accept: `application/json;q=0.9, ${GRAPHQL_RESPONSE}` });
    expect(preferred.contentType).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    const lower = await dml('{ __typename }', { accept: `application/json, ${GRAPHQL_RESPONSE};q=0.5` });
    expect(lower.contentType).toBe('application/json; charset=utf-8');
    for (const other of [{}, { accept: '*/*' }, { accept: 'application/json' }] as Record<string, string>[]) {
      expect((await dml('{ __typename }', other)).contentType).toBe('application/json; charset=utf-8');
    }
  });

  test('parse, validation and variable failures: 400 without a data entry', async () => {
    const parse = await dml('{', accept);
    expect([parse.status, parse.contentType, Object.keys(parse.body), codes(parse)]).toEqual([
      400,
      `${GRAPHQL_RESPONSE}; charset=utf-8`,
      ['errors'],
      ['GRAPHQL_PARSE_FAILED'],
    ]);
    const validation = await dml('{ nosuchfield }', accept);
    expect([validation.status, Object.keys(validation.body), codes(validation)]).toEqual([
      400,
      ['errors'],
      ['GRAPHQL_VALIDATION_FAILED'],
    ]);
    const variables = await post(
      `/graphql/${fx.keyspace}`,
      { query: 'query ($n: Int!) { events(value: {seq: $n}) { values { day } } }', variables: { n: 'x' } },
      accept,
    );
    expect([variables.status, Object.keys(variables.body), codes(variables)]).toEqual([
      400,
      ['errors'],
      ['BAD_USER_INPUT'],
    ]);
    const missing = await post(
      `/graphql/${fx.keyspace}`,
      { query: 'query ($n: Int!) { events(value: {seq: $n}) { values { day } } }' },
      accept,
    );
    expect([missing.status, codes(missing)]).toEqual([400, ['BAD_USER_INPUT']]);
  });

  test('extensions that are not a map: 400', async () => {
    const a = await post(`/graphql/${fx.keyspace}`, { query: '{ __typename }', extensions: 'x' }, accept);
    expect([a.status, a.body.errors[0].message, codes(a)]).toEqual([
      400,
      '"extensions" must be a JSON object, got a string',
      ['BAD_REQUEST'],
    ]);
  });

  test('malformed JSON: 400 in the same shape', async () => {
    const a = await post(`/graphql/${fx.keyspace}`, '{"query": ', accept);
    expect([a.status, a.contentType, codes(a)]).toEqual([
      400,
      `${GRAPHQL_RESPONSE}; charset=utf-8`,
      ['BAD_REQUEST'],
    ]);
  });
});

describe('extensions.code classifies every error', () => {
  test.each([
    [
      'a negative TTL',
      'mutation { insertevents(value: {day: "d1", seq: 1}, options: {ttl: -1}) { applied } }',
    ],
    ['a missing clustering key', 'mutation { insertevents(value: {day: "d1"}) { applied } }'],
    [
      'an IF condition on a primary key column',
      'mutation { updateevents(value: {day: "d1", seq: 1, note: "n"}, ifCondition: {seq: {eq: 1}}) { applied } }',
    ],
  ])('%s is BAD_USER_INPUT, with the field it concerns', async (_what, query) => {
    const a = await dml(query);
    expect(a.status).toBe(200);
    expect(a.body.errors).toHaveLength(1);
    expect(a.body.errors[0]).toMatchObject({
      path: [expect.any(String)],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(a.body.errors[0].message).not.toBe('');
  });

  test('refusals before execution carry the code of their status', async () => {
    const keyspace = fx.keyspace;
    const cases: Array<[Promise<Answer>, number, string]> = [
      [
        post(`/graphql/${keyspace}`, { query: '{ __typename }' }, { 'x-cassandra-token': '' }),
        401,
        'UNAUTHENTICATED',
      ],
      [post('/graphql/no_such_keyspace_here', { query: '{ __typename }' }), 404, 'NOT_FOUND'],
      [post(`/graphql/${keyspace}`, {}), 400, 'BAD_REQUEST'],
      [post(`/graphql/${keyspace}`, '{"query": '), 400, 'BAD_REQUEST'],
      [post(`/graphql/${keyspace}`, 'x', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [dml('{ events { values { nosuch } } }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
      [dml('query {'), 400, 'GRAPHQL_PARSE_FAILED'],
    ];
    for (const [answer, status, code] of cases) {
      const a = await answer;
      expect([a.status, codes(a)]).toEqual([status, [code]]);
    }
  });

  test('a mutation over GET is METHOD_NOT_ALLOWED', async () => {
    const query = encodeURIComponent('mutation { insertevents(value: {day: "d", seq: 1}) { applied } }');
    const res = await withToken(`${fx.api.url}/graphql/${fx.keyspace}?query=${query}`);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect([res.status, body.errors.map((e) => e.extensions.code)]).toEqual([405, ['METHOD_NOT_ALLOWED']]);
  });

  test("DDL: an existing table is ALREADY_EXISTS, a table Cassandra can't find BAD_USER_INPUT", async () => {
    const exists = await post('/graphql-schema', {
      query: `mutation { createTable(keyspaceName: "${fx.keyspace}", tableName: "events", partitionKeys: [{name: "day", type: {basic: TEXT}}]) }`,
    });
    expect([exists.status, codes(exists)]).toEqual([200, ['ALREADY_EXISTS']]);
    const unknown = await post('/graphql-schema', {
      query: 'mutation { dropTable(keyspaceName: "no_such_keyspace_here", tableName: "t") }',
    });
    // Cassandra refuses it as an invalid request, and the bridge keeps that meaning.
    expect([unknown.status, codes(unknown)]).toEqual([200, ['BAD_USER_INPUT']]);
  });
});

describe('extensions.code from the bridge: who may do what', () => {
  let auth: AuthFixture;
  beforeAll(async () => {
    auth = await createAuthFixture(fx.bridge, 'gql_codes');
  });
  afterAll(async () => {
    await auth?.drop();
  });

  test('a reader writing is FORBIDDEN; a token the bridge does not know is UNAUTHENTICATED (401)', async () => {
    const path = `/graphql/${auth.ks1}`;
    const write = { query: 'mutation { insertt(value: {k: 1, v: "x"}) { applied } }' };
    const forbidden = await post(path, write, { 'x-cassandra-token': auth.tokens.reader! });
    expect([forbidden.status, codes(forbidden)]).toEqual([200, ['FORBIDDEN']]);
    const unknown = await post(path, write, { 'x-cassandra-token': '11111111-1111-1111-1111-111111111111' });
    expect([unknown.status, codes(unknown)]).toEqual([401, ['UNAUTHENTICATED']]);
  });
});
