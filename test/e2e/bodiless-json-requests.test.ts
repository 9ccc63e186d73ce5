// Issue 16 item 2: requests with `Content-Type: application/json` and no body at all (as
// `curl -X DELETE … -H 'Content-Type: application/json'`, Postman and Stargate's own examples send
// them) are accepted wherever the route takes no body, on every HTTP API; a route that needs a body
// still answers a clear 400. Sent as curl sends them: the header, no Content-Length, no body.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../../services/common/src/http/route-list.js';
import { type ApiStack, type HttpApiUnderTest, startApiStack } from '../support/api-stack.js';
import { uniqueKeyspaceName } from '../support/unique-name.js';

let stack: ApiStack;
let keyspace: string;
const namespaceToDrop = uniqueKeyspaceName('bodiless_ns');

interface Answer {
  status: number;
  text: string;
}

/** One request with the JSON content type and nothing after the headers. */
function curlLike(api: HttpApiUnderTest, method: string, path: string, token = stack.bridge.token) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(`${api.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-cassandra-token': token },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

function apiNamed(name: HttpApiUnderTest['name']): HttpApiUnderTest {
  return stack.http.find((api) => api.name === name)!;
}

async function send(api: HttpApiUnderTest, method: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-cassandra-token': stack.bridge.token },
    body: JSON.stringify(body),
  });
  return res.status;
}

beforeAll(async () => {
  stack = await startApiStack();
  keyspace = uniqueKeyspaceName('bodiless');
  await stack.bridge.createKeyspace(keyspace);
  await stack.bridge.su(`CREATE TABLE ${keyspace}.orders (id int PRIMARY KEY, status text)`);
  const rest = apiNamed('rest');
  const docs = apiNamed('docs');
  expect(await send(rest, 'POST', `/v2/keyspaces/${keyspace}/orders`, { id: 1, status: 'new' })).toBe(201);
  expect(await send(docs, 'POST', `/v2/namespaces/${keyspace}/collections`, { name: 'carts' })).toBe(201);
  expect(await send(docs, 'PUT', `/v2/namespaces/${keyspace}/collections/carts/c1`, { items: 1 })).toBe(200);
  expect(await send(docs, 'POST', '/v2/schemas/namespaces', { name: namespaceToDrop })).toBe(201);
}, 240_000);

afterAll(async () => {
  await stack?.bridge.dropKeyspace(keyspace);
  await stack?.bridge.dropKeyspace(namespaceToDrop);
  await stack?.close();
});

describe('routes that take no body', () => {
  it('REST: DELETE a row, GET a row', async () => {
    const rest = apiNamed('rest');
    expect(await curlLike(rest, 'GET', `/v2/keyspaces/${keyspace}/orders/1`)).toMatchObject({ status: 200 });
    expect(await curlLike(rest, 'DELETE', `/v2/keyspaces/${keyspace}/orders/1`)).toEqual({
      status: 204,
      text: '',
    });
    expect(await curlLike(rest, 'GET', `/v2/schemas/keyspaces/${keyspace}/tables`)).toMatchObject({
      status: 200,
    });
  });

  it('Docs: DELETE a document, then a whole namespace', async () => {
    const docs = apiNamed('docs');
    expect(await curlLike(docs, 'DELETE', `/v2/namespaces/${keyspace}/collections/carts/c1`)).toMatchObject({
      status: 204,
    });
    expect(await curlLike(docs, 'GET', `/v2/namespaces/${keyspace}/collections`)).toMatchObject({
      status: 200,
    });
    expect(await curlLike(docs, 'DELETE', `/v2/schemas/namespaces/${namespaceToDrop}`)).toMatchObject({
      status: 204,
    });
  });

  it('GraphQL: a GET query', async () => {
    const graphql = apiNamed('graphql');
    const answer = await curlLike(
      graphql,
      'GET',
      `/graphql-schema?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { __typename: 'Query' } });
  });

  it.each(['rest', 'docs', 'graphql'] as const)(
    '%s: no route refuses a bodiless request for its empty body, nor fails on it',
    async (name) => {
      const api = apiNamed(name);
      const wrong: string[] = [];
      for (const route of routesOf(api.app)) {
        for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
          if (['GET', 'HEAD'].includes(method)) continue;
          // Names that exist nowhere: nothing is deleted, whatever the route does.
          const path = route.url.replace(/:\w+(\([^)]*\))?/g, 'no_such_thing').replace(/\*$/, 'x');
          const answer = await curlLike(api, method, path);
          const emptyBodyRefused = /body is empty|Body cannot be empty|FST_ERR_CTP_EMPTY_JSON_BODY/i.test(
            answer.text,
          );
          if (answer.status >= 500 || emptyBodyRefused) {
            wrong.push(`${method} ${route.url} → ${answer.status} ${answer.text.slice(0, 120)}`);
          }
          // A DELETE takes no body: its 400s are about something else (e.g. REST's unknown keyspace).
          const aboutTheBody = /body|payload/i.test(answer.text);
          if (answer.status === 400 && method === 'DELETE' && aboutTheBody) {
            wrong.push(`${method} ${route.url} → 400 ${answer.text.slice(0, 120)}`);
          }
          // Where the route needs a body, the 400 says so.
          if (answer.status === 400 && method !== 'DELETE' && !aboutTheBody && !/query/i.test(answer.text)) {
            wrong.push(`${method} ${route.url} → unclear 400 ${answer.text.slice(0, 120)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe('routes that need a body', () => {
  it('REST: inserting a row without one is a clear 400', async () => {
    const answer = await curlLike(apiNamed('rest'), 'POST', `/v2/keyspaces/${keyspace}/orders`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      description: 'Request body is missing: this operation needs a JSON body',
      code: 400,
    });
  });

  it('Docs: creating a collection without one is a clear 400', async () => {
    const answer = await curlLike(apiNamed('docs'), 'POST', `/v2/namespaces/${keyspace}/collections`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ description: expect.stringMatching(/body/), code: 400 });
  });

  it('GraphQL: a POST without a query is a clear 400', async () => {
    const answer = await curlLike(apiNamed('graphql'), 'POST', '/graphql-schema');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ errors: [{ message: expect.stringMatching(/query/i) }] });
  });
});
