// Load shedding as a GraphQL client sees it, on a real GraphQL API, bridge and Cassandra: over the
// API's in-flight limit a request is refused at once with 503 + Retry-After and the gateway's
// {"description","code"} body; an overload of the bridge met during execution is a 503 + Retry-After
// in the GraphQL {"errors"} shape.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { abandonRequests } from '../../support/abandoned-requests.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { startTestGraphqlApi, type TestGraphqlApi } from './support/graphql-api-harness.js';

const ks = uniqueKeyspaceName('graphql_shed');
const ROWS = 200;
const query = `{ t(options: {pageSize: ${ROWS}}) { values { k v } } }`;
let bridge: TestBridge;

beforeAll(async () => {
  bridge = await startTestBridge();
  await bridge.createKeyspace(ks);
  await bridge.su(`CREATE TABLE ${ks}.t (k int PRIMARY KEY, v text)`);
  await Promise.all(
    Array.from({ length: ROWS }, (_, k) =>
      bridge.client.executeQuery(
        {
          cql: `INSERT INTO ${ks}.t (k, v) VALUES (?, ?)`,
          values: { values: [{ int: k }, { string: 'x'.repeat(100) }] },
        },
        { token: bridge.token },
      ),
    ),
  );
});

afterAll(async () => {
  await bridge?.dropKeyspace(ks);
  await bridge?.close();
});

/** Status, Retry-After and body of one POST /graphql/<ks>. */
async function post(api: TestGraphqlApi) {
  const res = await fetch(`${api.url}/graphql/${ks}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cassandra-token': bridge.token },
    body: JSON.stringify({ query }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test checks the JSON it gets
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

describe('in-flight limit (MAX_IN_FLIGHT_REQUESTS=4)', () => {
  let api: TestGraphqlApi;
  beforeAll(async () => {
    api = await startTestGraphqlApi(bridge.address, bridge.token, { MAX_IN_FLIGHT_REQUESTS: '4' });
    expect((await post(api)).status).toBe(200);
  });
  afterAll(async () => api?.close());

  it('64 concurrent queries: some 503 + Retry-After, the rest 200 with every row', async () => {
    const results = await Promise.all(Array.from({ length: 64 }, () => post(api)));
    const ok = results.filter((r) => r.status === 200);
    const shed = results.filter((r) => r.status === 503);
    expect(ok.length + shed.length, `statuses: ${results.map((r) => r.status)}`).toBe(64);
    expect(shed.length).toBeGreaterThan(0);
    for (const r of ok) expect(r.body.data.t.values).toHaveLength(ROWS);
    for (const r of shed) {
      expect(r.retryAfter).toBe('1');
      expect(r.body).toEqual({
        description:
          'Server is overloaded (4 requests in flight, the limit of this API process); retry later',
        code: 503,
      });
    }
  });
  it('queries whose clients went away before the answer give their place back', async () => {
    // A POST's body is read before it is worked on, so Fastify's onRequestAbort never fires for
    // it: 20 such queries used to hold the 4 places for good, and every query after them got 503.
    await abandonRequests(
      api.url,
      {
        method: 'POST',
        path: `/graphql/${ks}`,
        headers: { 'x-cassandra-token': bridge.token, 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      },
      20,
    );
    await vi.waitFor(() => expect(api.inFlight.current).toBe(0), { timeout: 5000, interval: 5 });
    const results = await Promise.all(Array.from({ length: 4 }, () => post(api)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });
});

describe('bridge overloaded (BRIDGE_MAX_IN_FLIGHT_PER_STREAM=1)', () => {
  let limited: TestBridge;
  let api: TestGraphqlApi;
  beforeAll(async () => {
    limited = await startTestBridge({ BRIDGE_MAX_IN_FLIGHT_PER_STREAM: '1' });
    api = await startTestGraphqlApi(limited.address, bridge.token, { MAX_IN_FLIGHT_REQUESTS: '0' });
    expect((await post(api)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    await limited?.close();
  });

  it('a query refused by the bridge: 503 + Retry-After with the GraphQL errors body', async () => {
    const results = await Promise.all(Array.from({ length: 64 }, () => post(api)));
    const shed = results.filter((r) => r.status === 503);
    expect(results.filter((r) => r.status === 200).length + shed.length).toBe(64);
    expect(shed.length).toBeGreaterThan(0);
    for (const r of shed) {
      expect(r.retryAfter).toBe('1');
      expect(r.body.errors[0].message).toBe(
        'Bridge is overloaded: 1 requests in flight on this connection, its limit; retry later',
      );
    }
  });
});
