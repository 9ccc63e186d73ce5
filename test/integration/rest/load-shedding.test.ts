// Load shedding and rate limits of an HTTP API on a real REST API, bridge and Cassandra: over the
// in-flight limit a request is refused at once with 503 + Retry-After and never queued, health and
// metrics are always served, and a token over its rate gets 429 + Retry-After while others go on.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonRequests } from '../../support/abandoned-requests.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, type RestResponse, startRestApi } from './support/rest-api.js';

const ks = uniqueKeyspaceName('rest_shed');
const ROWS = 300;
let bridge: TestBridge;

beforeAll(async () => {
  bridge = await startTestBridge();
  await bridge.createKeyspace(ks);
  await bridge.su(`CREATE TABLE ${ks}.t (k int PRIMARY KEY, v text)`);
  const writes = [];
  for (let k = 0; k < ROWS; k++) {
    writes.push(
      bridge.client.executeQuery(
        {
          cql: `INSERT INTO ${ks}.t (k, v) VALUES (?, ?)`,
          values: { values: [{ int: k }, { string: 'x'.repeat(200) }] },
        },
        { token: bridge.token },
      ),
    );
  }
  await Promise.all(writes);
});

afterAll(async () => {
  await bridge?.dropKeyspace(ks);
  await bridge?.close();
});

/** A request and how long it took (ms). */
async function timed(run: () => Promise<RestResponse>): Promise<RestResponse & { ms: number }> {
  const start = performance.now();
  const res = await run();
  return { ...res, ms: performance.now() - start };
}

const readAll = (api: RestApi) => api.get(`/v2/keyspaces/${ks}/t/rows?page-size=${ROWS}`);

describe('in-flight limit (MAX_IN_FLIGHT_REQUESTS=4)', () => {
  let api: RestApi;
  beforeAll(async () => {
    api = await startRestApi({ MAX_IN_FLIGHT_REQUESTS: '4' }, { bridge });
    expect((await readAll(api)).status).toBe(200); // warm: schema cached, statement prepared
  });
  afterAll(async () => api?.close());

  it('64 concurrent reads: some 503 + Retry-After at once, the rest 200, nothing else', async () => {
    const burst = Array.from({ length: 64 }, () => timed(() => readAll(api)));
    // Health, readiness and metrics are answered while the API sheds.
    const [live, ready] = await Promise.all([
      fetch(`${api.url}/health/live`),
      fetch(`${api.url}/health/ready`),
    ]);
    const results = await Promise.all(burst);
    expect([live.status, ready.status]).toEqual([200, 200]);

    const ok = results.filter((r) => r.status === 200);
    const shed = results.filter((r) => r.status === 503);
    expect(ok.length + shed.length, `statuses: ${results.map((r) => r.status)}`).toBe(64);
    expect(ok.length).toBeGreaterThanOrEqual(4);
    expect(shed.length).toBeGreaterThan(0);
    for (const r of ok) expect(r.body.count).toBe(ROWS);
    for (const r of shed) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body).toEqual({
        description:
          'Server is overloaded (4 requests in flight, the limit of this API process); retry later',
        code: 503,
      });
    }
    // Refused at once: no refusal waited as long as the slowest accepted read.
    const slowestOk = Math.max(...ok.map((r) => r.ms));
    expect(Math.max(...shed.map((r) => r.ms))).toBeLessThan(slowestOk);

    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`api_requests_shed_total\\{reason="in_flight",service="rest"\\} ${shed.length}\\n`),
    );
  });

  it('every slot is given back: after the burst, 4 concurrent reads are all served', async () => {
    expect(api.inFlight()).toBe(0);
    const results = await Promise.all(Array.from({ length: 4 }, () => readAll(api)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('a slot held by a client that went away is given back', async () => {
    // Four requests whose bodies never finish hold every slot, until their clients go away.
    const port = Number(new URL(api.url).port);
    const stuck = Array.from({ length: 4 }, () => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/v2/keyspaces/${ks}/t`,
        agent: false,
        headers: {
          'x-cassandra-token': api.token,
          'content-type': 'application/json',
          'content-length': 100,
        },
      });
      req.on('error', () => undefined);
      req.write('{"k": 1');
      return req;
    });
    await waitFor(() => api.inFlight() === 4);
    expect((await readAll(api)).status).toBe(503);
    for (const req of stuck) req.destroy();
    await waitFor(() => api.inFlight() === 0);
    const results = await Promise.all(Array.from({ length: 4 }, () => readAll(api)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });
  it('a slot held by a request whose client went away while it was worked on is given back', async () => {
    // Whole requests (body read: the onRequestAbort case no longer applies) whose clients leave
    // before the answer: each used to keep its place, and four of them shut the API.
    await abandonRequests(
      api.url,
      {
        method: 'POST',
        path: `/v2/keyspaces/${ks}/t`,
        headers: { 'x-cassandra-token': api.token, 'content-type': 'application/json' },
        body: JSON.stringify({ k: 1000, v: 'abandoned' }),
      },
      20,
    );
    await waitFor(() => api.inFlight() === 0);
    const results = await Promise.all(Array.from({ length: 4 }, () => readAll(api)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('bridge overloaded (BRIDGE_MAX_IN_FLIGHT_PER_STREAM=1), API unlimited', () => {
  let limitedBridge: TestBridge;
  let api: RestApi;
  beforeAll(async () => {
    limitedBridge = await startTestBridge({ BRIDGE_MAX_IN_FLIGHT_PER_STREAM: '1' });
    api = await startRestApi({ MAX_IN_FLIGHT_REQUESTS: '0' }, { bridge: limitedBridge });
    expect((await readAll(api)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    await limitedBridge?.close();
  });

  it("the bridge's RESOURCE_EXHAUSTED OVERLOADED becomes 503 + Retry-After", async () => {
    const results = await Promise.all(Array.from({ length: 64 }, () => readAll(api)));
    const shed = results.filter((r) => r.status === 503);
    expect(results.filter((r) => r.status === 200).length + shed.length).toBe(64);
    expect(shed.length).toBeGreaterThan(0);
    for (const r of shed) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body).toEqual({
        description: 'Bridge is overloaded: 1 requests in flight on this connection, its limit; retry later',
        code: 503,
      });
    }
  });
});

describe('per-token rate limit (1 per second, burst 3)', () => {
  let api: RestApi;
  beforeAll(async () => {
    api = await startRestApi(
      { RATE_LIMIT_REQUESTS_PER_SECOND: '1', RATE_LIMIT_BURST_REQUESTS: '3' },
      { bridge },
    );
  });
  afterAll(async () => api?.close());

  it('429 + Retry-After after the burst; another token is not affected', async () => {
    const tokenA = await bridge.login('cassandra', 'cassandra');
    const tokenB = await bridge.login('cassandra', 'cassandra');
    const read = (token: string) =>
      api.request('GET', `/v2/keyspaces/${ks}/t/1`, undefined, { 'x-cassandra-token': token });
    const first = [await read(tokenA), await read(tokenA), await read(tokenA)];
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    const refused = await read(tokenA);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toEqual({
      description: expect.stringMatching(
        /^Rate limit exceeded \(1 requests per second, bursts of 3 per token or client address\); retry in 1 s$/,
      ),
      code: 429,
    });
    expect((await read(tokenB)).status).toBe(200);
    // One token back after a second.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await read(tokenA)).status).toBe(200);
    expect((await read(tokenA)).status).toBe(429);
  });

  it('requests without a token are limited by client address', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${api.url}/api/rest/openapi.json`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('health and metrics are never rate limited', async () => {
    for (let i = 0; i < 10; i++) expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/api_requests_rate_limited_total\{key="token",service="rest"\} 2\n/);
    expect(metrics).toMatch(/api_requests_rate_limited_total\{key="address",service="rest"\} 1\n/);
  });
});
