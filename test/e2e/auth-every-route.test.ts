// Issue 16 item 1: no API answers anything but 401 (UNAUTHENTICATED on gRPC) to a missing, unknown
// or expired token, whatever the request: every route of every HTTP API, taken from the Fastify
// instances themselves (so a route added later is covered), and every stargate.Stargate method,
// including requests that run no statement or are answered from a schema cache. A valid token is
// checked once per bridge trust window, and a revoked one is refused within it.
// (test/e2e/auth-matrix.test.ts covers what valid tokens may do under their grants.)
import * as grpc from '@grpc/grpc-js';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../../services/common/src/http/route-list.js';
import { loadStargateProto } from '../../services/common/src/proto/load-protos.js';
import { type ApiStack, type HttpApiUnderTest, startApiStack } from '../support/api-stack.js';
import { expiredToken } from '../support/auth-roles.js';
import { uniqueKeyspaceName } from '../support/unique-name.js';

const BRIDGE_TOKEN_CACHE_MS = 2000;
const UNKNOWN_UUID = '11111111-1111-1111-1111-111111111111';

// Public on purpose: health, metrics, OpenAPI documents, Swagger UI, the GraphQL playground page.
// Anything else answering without a token is a hole; adding to this list is a reviewed decision.
const PUBLIC_ROUTES: Record<HttpApiUnderTest['name'], string[]> = {
  rest: [
    'GET /health/live',
    'GET /health/ready',
    'GET /metrics',
    'GET /api/rest/openapi',
    'GET /api/rest/openapi.json',
  ],
  docs: [
    'GET /health/live',
    'GET /health/ready',
    'GET /metrics',
    'GET /api/docs/openapi',
    'GET /api/docs/openapi.json',
  ],
  graphql: [
    'GET /health/live',
    'GET /health/ready',
    'GET /metrics',
    'GET /playground',
    // The schema-first directive definitions: a fixed document, like an API description (the
    // deployed schemas at /graphql-files/keyspace/{ks}.graphql need a token).
    'GET /graphql-files/cql_directives.graphql',
  ],
};

function isUiAsset(route: string): boolean {
  return route.startsWith('/swagger-ui') || route.startsWith('/playground/assets/');
}

let stack: ApiStack;
let keyspace: string;
const badTokens: Record<string, string | undefined> = {
  'no token': undefined,
  'an unknown token': UNKNOWN_UUID,
  'a token that is not a UUID': 'bogus-token',
};

beforeAll(async () => {
  stack = await startApiStack({ BRIDGE_TOKEN_CACHE_MS: String(BRIDGE_TOKEN_CACHE_MS) });
  const { bridge } = stack;
  keyspace = uniqueKeyspaceName('authroutes');
  await bridge.createKeyspace(keyspace);
  await bridge.su(`CREATE TABLE ${keyspace}.orders (id int PRIMARY KEY, status text)`);
  const docs = apiNamed('docs');
  const created = await fetch(`${docs.url}/v2/namespaces/${keyspace}/collections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cassandra-token': bridge.token },
    body: JSON.stringify({ name: 'docs_c' }),
  });
  expect(created.status).toBe(201);
  // Warm every schema cache with a valid token: what follows must not be answered from them.
  for (const api of stack.http) {
    for (const path of [
      `/v2/namespaces/${keyspace}/collections`,
      `/v2/keyspaces/${keyspace}/orders/1`,
      `/graphql/${keyspace}?query=${encodeURIComponent('{ __typename }')}`,
    ]) {
      await fetch(`${api.url}${path}`, { headers: { 'x-cassandra-token': bridge.token } });
    }
  }
  badTokens['an expired token'] = await expiredToken(bridge, 'cassandra');
}, 240_000);

afterAll(async () => {
  await stack?.bridge.dropKeyspace(keyspace);
  await stack?.close();
});

function apiNamed(name: HttpApiUnderTest['name']): HttpApiUnderTest {
  return stack.http.find((api) => api.name === name)!;
}

interface Endpoint {
  method: string;
  /** As registered, e.g. /v2/keyspaces/:keyspace/:table */
  route: string;
  isPublic: boolean;
}

function endpointsOf(api: HttpApiUnderTest): Endpoint[] {
  return routesOf(api.app).flatMap((route: RouteOptions) =>
    (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({
      method,
      route: route.url,
      isPublic: (route.config as { public?: boolean } | undefined)?.public === true,
    })),
  );
}

/** A request path for the route, naming things that exist (so a cache could answer them). */
function concretePath(route: string): string {
  return route
    .replace(/:(\w+)(\([^)]*\))?/g, (_m, name: string) => {
      if (name === 'keyspace' || name === 'namespace' || name === 'keyspaceName') return keyspace;
      if (name === 'table' || name === 'tableName') return 'orders';
      if (name === 'collection') return 'docs_c';
      return 'status';
    })
    .replace(/\*$/, '1');
}

/** What each kind of API sends as a body: a harmless one, so only the token decides. */
function requestFor(api: HttpApiUnderTest, endpoint: Endpoint, token: string | undefined): Request {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['x-cassandra-token'] = token;
  let path = concretePath(endpoint.route);
  let body: string | undefined;
  if (api.name === 'graphql') {
    if (['GET', 'HEAD'].includes(endpoint.method)) path += `?query=${encodeURIComponent('{ __typename }')}`;
    else body = JSON.stringify({ query: '{ __typename }' });
  } else if (!['GET', 'HEAD', 'DELETE'].includes(endpoint.method)) {
    // An empty bulk insert, an empty update: requests that run no statement.
    body = '[]';
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`${api.url}${path}`, { method: endpoint.method, headers, body });
}

describe.each(['rest', 'docs', 'graphql'] as const)('%s API', (name) => {
  it('serves without a token exactly the public routes (health, metrics, API documents, UI pages)', () => {
    const api = apiNamed(name);
    const publicRoutes = endpointsOf(api)
      .filter((e) => e.isPublic && e.method !== 'HEAD' && !isUiAsset(e.route))
      .map((e) => `${e.method} ${e.route}`);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES[name]].sort());
    // Swagger UI (its plugin) and the playground's static assets (versioned files from node_modules):
    // every one of their routes is public, and they serve nothing else.
    const uiAssets = endpointsOf(api).filter((e) => isUiAsset(e.route));
    expect(uiAssets.every((e) => e.isPublic)).toBe(true);
    expect(uiAssets.length).toBeGreaterThan(0);
  });

  it('answers the public routes without a token', async () => {
    const api = apiNamed(name);
    for (const entry of PUBLIC_ROUTES[name]) {
      const [method, path] = entry.split(' ') as [string, string];
      const res = await fetch(`${api.url}${path}`, { method });
      expect(res.status, entry).toBe(200);
    }
    if (name !== 'graphql') expect((await fetch(`${api.url}/swagger-ui/`)).status).toBe(200);
  });

  it.each(Object.keys(badTokens))('answers every other route 401 with the error body to %s', async (kind) => {
    const api = apiNamed(name);
    const endpoints = endpointsOf(api).filter((e) => !e.isPublic);
    expect(endpoints.length).toBeGreaterThan(name === 'graphql' ? 5 : 15);
    const wrong: string[] = [];
    for (const endpoint of endpoints) {
      const res = await fetch(requestFor(api, endpoint, badTokens[kind]));
      const text = await res.text();
      const where = `${endpoint.method} ${endpoint.route}`;
      if (res.status !== 401) {
        wrong.push(`${where} → ${res.status} ${text.slice(0, 120)}`);
        continue;
      }
      if (endpoint.method === 'HEAD') continue;
      expect(res.headers.get('content-type'), where).toMatch(/json/);
      const body = JSON.parse(text);
      if (name === 'graphql') {
        expect(body, where).toMatchObject({ errors: [{ message: expect.any(String) }] });
      } else {
        expect(body, where).toEqual({ description: expect.any(String), code: 401 });
      }
    }
    expect(wrong).toEqual([]);
  });
});

// Requests that match no route: an unknown path (404), and a known path asked with a method none
// of its routes serve (405 + Allow). They too need a token, except on paths only public routes
// serve; with a valid token they get the 404 or 405 a caller can act on.
describe.each(['rest', 'docs', 'graphql'] as const)('%s API, requests that match no route', (name) => {
  const UNKNOWN_PATHS = ['/nowhere', '/v2/nowhere/at/all', '/graphql-schema/extra', '/health/live/x'];
  const CANDIDATE_METHODS = ['PATCH', 'PUT', 'DELETE', 'POST', 'GET'];
  /** A method not served by a private route of each API, answered 405 with exactly this Allow. */
  const KNOWN_405: Record<HttpApiUnderTest['name'], [string, string, string]> = {
    rest: ['PATCH', '/v2/schemas/keyspaces', 'GET, HEAD, POST'],
    docs: ['PATCH', '/v2/schemas/namespaces', 'GET, HEAD, POST'],
    graphql: ['PUT', '/graphql-schema', 'GET, HEAD, POST'],
  };

  function send(method: string, path: string, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = token === undefined ? {} : { 'x-cassandra-token': token };
    return fetch(`${apiNamed(name).url}${path}`, { method, headers });
  }

  interface WrongMethod {
    method: string;
    path: string;
    allow: string;
    isPublic: boolean;
  }

  /**
   * Every route's path with each method its own routes do not serve, kept where a valid token
   * gets 405 (a wildcard route may serve the method there): what a token-less caller must not see.
   */
  async function wrongMethods(): Promise<WrongMethod[]> {
    const byPath = new Map<string, Endpoint[]>();
    for (const endpoint of endpointsOf(apiNamed(name))) {
      const path = concretePath(endpoint.route);
      byPath.set(path, [...(byPath.get(path) ?? []), endpoint]);
    }
    const found: WrongMethod[] = [];
    for (const [path, endpoints] of byPath) {
      const served = new Set(endpoints.map((e) => e.method));
      for (const method of CANDIDATE_METHODS.filter((m) => !served.has(m))) {
        const res = await send(method, path, stack.bridge.token);
        await res.body?.cancel();
        if (res.status !== 405) continue;
        const allow = res.headers.get('allow') ?? '';
        const allowed = allow.split(', ');
        expect(allowed, `${method} ${path}`).not.toContain(method);
        for (const m of served) expect(allowed, `${method} ${path}`).toContain(m);
        found.push({ method, path, allow, isPublic: endpoints.every((e) => e.isPublic) });
      }
    }
    return found;
  }

  it('with a valid token: 404 for an unknown path, 405 with Allow for a method the path does not serve', async () => {
    const token = stack.bridge.token;
    for (const path of UNKNOWN_PATHS) {
      const res = await send('GET', path, token);
      expect([res.status, await res.json()], path).toEqual([
        404,
        { description: `No route for GET ${path}`, code: 404 },
      ]);
    }
    const [method, path, allow] = KNOWN_405[name];
    const res = await send(method, path, token);
    expect([res.status, res.headers.get('allow'), await res.json()]).toEqual([
      405,
      allow,
      { description: `Method ${method} is not allowed on ${path}`, code: 405 },
    ]);
  });

  it('without a token: 405 with Allow on paths only public routes serve', async () => {
    for (const [method, path] of [
      ['POST', '/health/live'],
      ['DELETE', '/health/ready'],
      ['PUT', '/metrics'],
    ] as const) {
      const res = await send(method, path, undefined);
      expect([res.status, res.headers.get('allow')], `${method} ${path}`).toEqual([405, 'GET, HEAD']);
    }
  });

  it.each(Object.keys(badTokens))('answers unknown paths and wrong methods 401 to %s', async (kind) => {
    const token = badTokens[kind];
    const cases = await wrongMethods();
    const privateCases = cases.filter((c) => !c.isPublic);
    expect(privateCases.length).toBeGreaterThan(name === 'graphql' ? 2 : 10);
    const [method, path] = KNOWN_405[name];
    expect(privateCases).toContainEqual(expect.objectContaining({ method, path }));
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await send(c.method, c.path, token);
      const body = await res.text();
      const expected = c.isPublic ? [405, c.allow] : [401, null];
      const got = [res.status, res.headers.get('allow')];
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        wrong.push(`${c.method} ${c.path} → ${res.status} ${body.slice(0, 120)}`);
      } else if (!c.isPublic) {
        expect(JSON.parse(body), `${c.method} ${c.path}`).toEqual({
          description: expect.any(String),
          code: 401,
        });
      }
    }
    for (const unknown of UNKNOWN_PATHS) {
      for (const m of ['GET', 'POST', 'DELETE']) {
        const res = await send(m, unknown, token);
        const body = await res.text();
        if (res.status !== 401) wrong.push(`${m} ${unknown} → ${res.status} ${body.slice(0, 120)}`);
        else expect(JSON.parse(body)).toEqual({ description: expect.any(String), code: 401 });
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('gRPC API', () => {
  const methods = Object.values(
    loadStargateProto().stargate.Stargate.service as Record<
      string,
      { path: string; requestStream: boolean; responseStream: boolean }
    >,
  );
  // Not a protobuf encoding at all: the token is checked before the message is looked at.
  const garbage = Buffer.from([0xff, 0xff]);
  const identity = (b: Buffer) => b;

  function metadataWith(token: string | undefined): grpc.Metadata {
    const md = new grpc.Metadata();
    if (token !== undefined) md.set('x-cassandra-token', token);
    return md;
  }

  function unary(client: grpc.Client, path: string, token: string | undefined): Promise<grpc.StatusObject> {
    return new Promise((resolve) => {
      client.makeUnaryRequest(path, identity, identity, garbage, metadataWith(token), (err) =>
        resolve({
          code: err?.code ?? grpc.status.OK,
          details: err?.details ?? '',
          metadata: new grpc.Metadata(),
        }),
      );
    });
  }

  function stream(
    client: grpc.Client,
    path: string,
    token: string | undefined,
    messages: Buffer[],
  ): Promise<{ status: grpc.StatusObject; replies: number }> {
    return new Promise((resolve) => {
      const call = client.makeBidiStreamRequest(path, identity, identity, metadataWith(token));
      let replies = 0;
      call.on('data', () => replies++);
      call.on('error', () => undefined);
      call.on('status', (status) => resolve({ status, replies }));
      for (const m of messages) call.write(m);
      call.end();
    });
  }

  it('has the four methods of stargate.Stargate', () => {
    expect(methods.map((m) => m.path).sort()).toEqual([
      '/stargate.Stargate/ExecuteBatch',
      '/stargate.Stargate/ExecuteBatchStream',
      '/stargate.Stargate/ExecuteQuery',
      '/stargate.Stargate/ExecuteQueryStream',
    ]);
  });

  it.each(Object.keys(badTokens))('answers every method UNAUTHENTICATED to %s', async (kind) => {
    const client = new grpc.Client(stack.grpc.address, grpc.credentials.createInsecure());
    try {
      for (const method of methods) {
        if (!method.requestStream) {
          const status = await unary(client, method.path, badTokens[kind]);
          expect(status.code, method.path).toBe(grpc.status.UNAUTHENTICATED);
          expect(status.details, method.path).not.toBe('');
          continue;
        }
        // With a message, and without any (an empty stream used to end OK).
        for (const messages of [[garbage], []]) {
          const { status, replies } = await stream(client, method.path, badTokens[kind], messages);
          expect(status.code, `${method.path} with ${messages.length} messages`).toBe(
            grpc.status.UNAUTHENTICATED,
          );
          expect(replies).toBe(0);
        }
      }
    } finally {
      client.close();
    }
  });
});

describe('a valid token', () => {
  async function authenticateCalls(): Promise<number> {
    const text = await stack.bridge.registry.metrics();
    const match = text.match(
      /bridge_rpc_duration_seconds_count\{[^}]*rpc="multiplexed\.authenticate"[^}]*status="OK"[^}]*\} (\d+)/,
    );
    return match ? Number(match[1]) : 0;
  }

  async function revoke(token: string): Promise<void> {
    await stack.bridge.client.executeQuery(
      {
        cql: 'DELETE FROM data_endpoint_auth."token" WHERE auth_token = ?',
        values: { values: [{ uuid: { value: Buffer.from(token.replace(/-/g, ''), 'hex') } }] },
      },
      { token: stack.bridge.token },
    );
  }

  // Requests that run no statement: only the API's own token check can refuse them.
  const noStatement: Record<string, (token: string) => Request> = {
    rest: (token) =>
      new Request(`${apiNamed('rest').url}/v2/keyspaces/${keyspace}/orders/bulk`, {
        method: 'POST',
        headers: { 'x-cassandra-token': token, 'content-type': 'application/json' },
        body: '[]',
      }),
    docs: (token) =>
      new Request(`${apiNamed('docs').url}/v2/namespaces/${keyspace}/collections`, {
        headers: { 'x-cassandra-token': token },
      }),
    graphql: (token) =>
      new Request(`${apiNamed('graphql').url}/graphql-schema?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { 'x-cassandra-token': token },
      }),
  };

  it.each(Object.keys(noStatement))(
    'is asked of the bridge once per trust window by %s, and refused within the window once revoked',
    async (name) => {
      const token = await stack.bridge.login('cassandra', 'cassandra');
      const before = await authenticateCalls();
      expect((await fetch(noStatement[name]!(token))).status).toBe(200);
      await Promise.all(
        Array.from({ length: 20 }, async () =>
          expect((await fetch(noStatement[name]!(token))).status).toBe(200),
        ),
      );
      expect(await authenticateCalls()).toBe(before + 1);

      await revoke(token);
      const revokedAt = Date.now();
      let status = 200;
      while (status !== 401 && Date.now() - revokedAt < BRIDGE_TOKEN_CACHE_MS * 3) {
        status = (await fetch(noStatement[name]!(token))).status;
        if (status !== 401) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(401);
      // The bridge's window plus the time of one check.
      expect(Date.now() - revokedAt).toBeLessThan(BRIDGE_TOKEN_CACHE_MS + 500);
    },
  );

  it('is checked once per trust window by the gRPC API, and refused within the window once revoked', async () => {
    const token = await stack.bridge.login('cassandra', 'cassandra');
    const client = new grpc.Client(stack.grpc.address, grpc.credentials.createInsecure());
    const emptyStream = () =>
      new Promise<grpc.status>((resolve) => {
        const md = new grpc.Metadata();
        md.set('x-cassandra-token', token);
        const call = client.makeBidiStreamRequest(
          '/stargate.Stargate/ExecuteQueryStream',
          (b: Buffer) => b,
          (b: Buffer) => b,
          md,
        );
        call.on('error', () => undefined);
        call.on('data', () => undefined);
        call.on('status', (s) => resolve(s.code));
        call.end();
      });
    try {
      const before = await authenticateCalls();
      for (let i = 0; i < 10; i++) expect(await emptyStream()).toBe(grpc.status.OK);
      expect(await authenticateCalls()).toBe(before + 1);
      await revoke(token);
      const revokedAt = Date.now();
      let code = await emptyStream();
      while (code !== grpc.status.UNAUTHENTICATED && Date.now() - revokedAt < BRIDGE_TOKEN_CACHE_MS * 3) {
        await new Promise((r) => setTimeout(r, 50));
        code = await emptyStream();
      }
      expect(code).toBe(grpc.status.UNAUTHENTICATED);
      expect(Date.now() - revokedAt).toBeLessThan(BRIDGE_TOKEN_CACHE_MS + 500);
    } finally {
      client.close();
    }
  });
});
