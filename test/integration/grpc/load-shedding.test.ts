// The gRPC API's edge limits on a real API, bridge and Cassandra: over the in-flight limit a call
// (or a streamed message) is refused at once with RESOURCE_EXHAUSTED, the OVERLOADED ErrorInfo and
// a RetryInfo in grpc-status-details-bin; a token over its rate gets RESOURCE_EXHAUSTED RATE_LIMITED
// while other tokens go on.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLoadRejection } from '../../../services/common/src/errors/load-rejection.js';
import { decodeStatusDetails, STATUS_DETAILS_KEY } from '../../../services/common/src/grpc/to-grpc-status.js';
import type { StreamingResponse__Output } from '../../../services/common/src/proto/generated/stargate/StreamingResponse.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { startTestGrpcApi, type TestGrpcApi } from './support/grpc-api-harness.js';
import { connectProto, executeQuery, tokenMetadata, type UnaryResult } from './support/proto-client.js';

const ks = uniqueKeyspaceName('grpc_shed');
const ROWS = 300;
let t: TestBridge;

beforeAll(async () => {
  t = await startTestBridge();
  await t.createKeyspace(ks);
  await t.su(`CREATE TABLE ${ks}.t (k int PRIMARY KEY, v text)`);
  await Promise.all(
    Array.from({ length: ROWS }, (_, k) =>
      t.client.executeQuery(
        {
          cql: `INSERT INTO ${ks}.t (k, v) VALUES (?, ?)`,
          values: { values: [{ int: k }, { string: 'x'.repeat(200) }] },
        },
        { token: t.token },
      ),
    ),
  );
});

afterAll(async () => {
  await t?.dropKeyspace(ks);
  await t?.close();
});

const readAll = { cql: `SELECT * FROM ${ks}.t`, parameters: { pageSize: { value: ROWS } } };

/** The load rejection a failed call carries in grpc-status-details-bin. */
function rejectionOf(err: grpc.ServiceError) {
  const trailer = err.metadata.get(STATUS_DETAILS_KEY)[0];
  return Buffer.isBuffer(trailer) ? readLoadRejection(decodeStatusDetails(trailer)) : undefined;
}

describe('in-flight limit (MAX_IN_FLIGHT_REQUESTS=4)', () => {
  let api: TestGrpcApi;
  let client: ReturnType<typeof connectProto>;
  beforeAll(async () => {
    api = await startTestGrpcApi(t.address, { MAX_IN_FLIGHT_REQUESTS: '4' });
    client = connectProto(api.address);
    expect((await executeQuery(client, readAll, tokenMetadata(t.token))).err).toBeNull();
  });
  afterAll(async () => {
    client?.close();
    await api?.close(0);
  });

  it('64 concurrent calls: some RESOURCE_EXHAUSTED OVERLOADED at once, the rest OK, nothing else', async () => {
    const results: (UnaryResult & { ms: number })[] = await Promise.all(
      Array.from({ length: 64 }, async () => {
        const start = performance.now();
        const result = await executeQuery(client, readAll, tokenMetadata(t.token));
        return { ...result, ms: performance.now() - start };
      }),
    );
    const ok = results.filter((r) => r.err === null);
    const shed = results.filter((r) => r.err !== null);
    for (const r of ok) expect(r.res?.resultSet?.rows).toHaveLength(ROWS);
    expect(ok.length).toBeGreaterThanOrEqual(4);
    expect(shed.length).toBeGreaterThan(0);
    for (const { err } of shed) {
      expect(err?.code, err?.details).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(err?.details).toBe(
        'Server is overloaded (4 requests in flight, the limit of this API process); retry later',
      );
      expect(rejectionOf(err!)).toEqual({ reason: 'OVERLOADED', retryAfterMs: 1000 });
    }
    expect(Math.max(...shed.map((r) => r.ms))).toBeLessThan(Math.max(...ok.map((r) => r.ms)));
    expect(api.admission.inFlight.current).toBe(0);
    const metrics = await (await fetch(`${api.adminUrl}/metrics`)).text();
    expect(metrics).toContain(`api_requests_shed_total{reason="in_flight",service="grpc"} ${shed.length}\n`);
  });

  it('64 messages at once on one stream: refused ones get their status, the stream goes on', async () => {
    const call = client.ExecuteQueryStream(tokenMetadata(t.token));
    const replies: StreamingResponse__Output[] = [];
    const done = new Promise<void>((resolve, reject) => {
      call.on('data', (reply: StreamingResponse__Output) => replies.push(reply));
      call.on('end', resolve);
      call.on('error', reject);
    });
    for (let i = 0; i < 64; i++) call.write(readAll);
    call.end();
    await done;
    expect(replies).toHaveLength(64);
    const refused = replies.filter((r) => r.status);
    expect(refused.length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.response?.resultSet?.rows?.length === ROWS).length + refused.length).toBe(
      64,
    );
    for (const r of refused) {
      expect(r.status?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(r.status?.message).toMatch(/^RESOURCE_EXHAUSTED: Server is overloaded/);
      const details = new Map(
        (r.status?.details ?? []).map((d) => [d.type_url!.split('/')[1]!.toLowerCase(), d.value!]),
      );
      expect(readLoadRejection(details)).toEqual({ reason: 'OVERLOADED', retryAfterMs: 1000 });
    }
  });
});

describe('per-token rate limit (1 per second, burst 2)', () => {
  let api: TestGrpcApi;
  let client: ReturnType<typeof connectProto>;
  beforeAll(async () => {
    api = await startTestGrpcApi(t.address, {
      RATE_LIMIT_REQUESTS_PER_SECOND: '1',
      RATE_LIMIT_BURST_REQUESTS: '2',
    });
    client = connectProto(api.address);
  });
  afterAll(async () => {
    client?.close();
    await api?.close(0);
  });

  it('RESOURCE_EXHAUSTED RATE_LIMITED with a RetryInfo after the burst; another token is not affected', async () => {
    const tokenA = await t.login('cassandra', 'cassandra');
    const tokenB = await t.login('cassandra', 'cassandra');
    const one = { cql: `SELECT v FROM ${ks}.t WHERE k = 1` };
    const call = (token: string) => executeQuery(client, one, tokenMetadata(token));
    expect((await call(tokenA)).err).toBeNull();
    expect((await call(tokenA)).err).toBeNull();
    const { err } = await call(tokenA);
    expect(err?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(err?.details).toMatch(
      /^Rate limit exceeded \(1 requests per second, bursts of 2 per token\); retry in 1 s$/,
    );
    const rejection = rejectionOf(err!);
    expect(rejection?.reason).toBe('RATE_LIMITED');
    expect(rejection?.retryAfterMs).toBeGreaterThan(0);
    expect(rejection?.retryAfterMs).toBeLessThanOrEqual(1000);
    expect((await call(tokenB)).err).toBeNull();
  });
});
