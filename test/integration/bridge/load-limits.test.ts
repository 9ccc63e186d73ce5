// The bridge's load limits on a real bridge and Cassandra: a connection (multiplexed stream) that
// sends more than its in-flight limit gets RESOURCE_EXHAUSTED OVERLOADED at once for the excess
// while another connection is served; unary calls have their own limit (never the readiness probe);
// a role over BRIDGE_ROLE_RATE_LIMITS is refused RATE_LIMITED, which the REST API answers as 429 +
// Retry-After and the gRPC API forwards as RESOURCE_EXHAUSTED with its details.
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromServiceError } from '../../../services/common/src/bridge/bridge-client.js';
import { readLoadRejection } from '../../../services/common/src/errors/load-rejection.js';
import { decodeStatusDetails, STATUS_DETAILS_KEY } from '../../../services/common/src/grpc/to-grpc-status.js';
import type { MultiplexedReplies__Output } from '../../../services/common/src/proto/generated/stargate/MultiplexedReplies.js';
import type { MultiplexedReply__Output } from '../../../services/common/src/proto/generated/stargate/MultiplexedReply.js';
import type { Response__Output } from '../../../services/common/src/proto/generated/stargate/Response.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { startTestGrpcApi, type TestGrpcApi } from '../grpc/support/grpc-api-harness.js';
import { connectProto, executeQuery, tokenMetadata } from '../grpc/support/proto-client.js';
import { type RestApi, startRestApi } from '../rest/support/rest-api.js';

const ks = uniqueKeyspaceName('bridge_load');
const role = `it_limited_${randomBytes(3).toString('hex')}`;
const ROWS = 200;
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
  await t.su(`CREATE ROLE ${role} WITH PASSWORD = 'pw-123' AND LOGIN = true`);
  await t.su(`GRANT SELECT ON KEYSPACE ${ks} TO ${role}`);
});

afterAll(async () => {
  await t?.su(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  await t?.dropKeyspace(ks);
  await t?.close();
});

const readAll = { cql: `SELECT * FROM ${ks}.t`, parameters: { pageSize: { value: ROWS } } };

describe('in-flight limits (BRIDGE_MAX_IN_FLIGHT_PER_STREAM=4, BRIDGE_MAX_IN_FLIGHT_UNARY=2)', () => {
  let b: TestBridge;
  beforeAll(async () => {
    b = await startTestBridge({ BRIDGE_MAX_IN_FLIGHT_PER_STREAM: '4', BRIDGE_MAX_IN_FLIGHT_UNARY: '2' });
  });
  afterAll(async () => b?.close());

  it('16 requests at once on one stream: 4 run, 12 are refused at once; another stream is served', async () => {
    const stream = b.client.grpcClient.ExecuteMultiplexed();
    const replies: { reply: MultiplexedReply__Output; at: number }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      stream.on('data', (batch: MultiplexedReplies__Output) => {
        for (const reply of batch.replies ?? []) replies.push({ reply, at: performance.now() });
        if (replies.length === 16) stream.end();
      });
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    stream.write({
      requests: Array.from({ length: 16 }, (_, i) => ({
        id: String(i + 1),
        token: b.token,
        sourceApi: 'rest',
        query: readAll,
      })),
    });
    // Meanwhile the API's own stream (another connection) stays within its limit and is served.
    const other = await Promise.all(
      Array.from({ length: 4 }, () => b.client.executeQuery(readAll, { token: b.token })),
    );
    await done;

    expect(other.map((r) => r.resultSet?.rows?.length)).toEqual([ROWS, ROWS, ROWS, ROWS]);
    const served = replies.filter(({ reply }) => reply.body === 'response');
    const refused = replies.filter(({ reply }) => reply.body === 'status');
    expect(served.map(({ reply }) => reply.id).sort()).toEqual(['1', '2', '3', '4']);
    expect(refused).toHaveLength(12);
    for (const { reply } of served)
      expect((reply.response as Response__Output).resultSet?.rows).toHaveLength(ROWS);
    for (const { reply } of refused) {
      expect(reply.status?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(reply.status?.message).toBe(
        'Bridge is overloaded: 4 requests in flight on this connection, its limit; retry later',
      );
      const details = new Map(
        (reply.status?.details ?? []).map((d) => [d.type_url!.split('/')[1]!.toLowerCase(), d.value!]),
      );
      expect(readLoadRejection(details)).toEqual({ reason: 'OVERLOADED', retryAfterMs: 1000 });
    }
    // Refused at once: every refusal came before the first served reply.
    expect(Math.max(...refused.map((r) => r.at))).toBeLessThanOrEqual(Math.min(...served.map((r) => r.at)));
    const metrics = await (await fetch(`${b.httpUrl}/metrics`)).text();
    expect(metrics).toContain('bridge_requests_shed_total{limit="stream_in_flight",service="bridge"} 12\n');
  });

  it('32 concurrent unary calls: some RESOURCE_EXHAUSTED OVERLOADED, the rest OK; the readiness probe is never refused', async () => {
    const md = () => {
      const m = tokenMetadata(b.token);
      m.set('x-source-api', 'rest');
      return m;
    };
    const calls = Array.from(
      { length: 32 },
      () =>
        new Promise<grpc.ServiceError | null>((resolve) =>
          b.client.grpcClient.ExecuteQuery(readAll, md(), (err) => resolve(err)),
        ),
    );
    const features = Array.from({ length: 8 }, () => b.client.getSupportedFeatures());
    const errors = await Promise.all(calls);
    await Promise.all(features);
    const refused = errors.filter((e) => e !== null);
    expect(refused.length).toBeGreaterThan(0);
    expect(errors.filter((e) => e === null).length).toBeGreaterThanOrEqual(2);
    for (const err of refused) {
      expect(err?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(readLoadRejection(fromServiceError(err!).details)).toEqual({
        reason: 'OVERLOADED',
        retryAfterMs: 1000,
      });
    }
  });
});

describe(`per-role rate limit (BRIDGE_ROLE_RATE_LIMITS=<role>=1:2)`, () => {
  let limited: TestBridge;
  let rest: RestApi;
  let grpcApi: TestGrpcApi;
  beforeAll(async () => {
    limited = await startTestBridge({ BRIDGE_ROLE_RATE_LIMITS: `${role}=1:2` });
    rest = await startRestApi({}, { bridge: limited });
    grpcApi = await startTestGrpcApi(limited.address);
  });
  afterAll(async () => {
    await rest?.close();
    await grpcApi?.close(0);
    await limited?.close();
  });

  it('REST: 429 + Retry-After after the burst; the superuser is not affected', async () => {
    const token = await limited.login(role, 'pw-123');
    const read = (as: string) =>
      rest.request('GET', `/v2/keyspaces/${ks}/t/1`, undefined, { 'x-cassandra-token': as });
    // The first request also describes the keyspace (one more bridge request of the role).
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await read(token));
    expect(statuses[0]?.status).toBe(200);
    expect(statuses.map((r) => r.status)).toContain(429);
    const refused = statuses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toEqual({
      description: expect.stringMatching(
        new RegExp(
          `^Rate limit of role '${role}' exceeded \\(1 requests per second, bursts of 2\\); retry in 1 s$`,
        ),
      ),
      code: 429,
    });
    expect((await read(limited.token)).status).toBe(200);
    const metrics = await (await fetch(`${limited.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`bridge_requests_rate_limited_total\\{role="${role}",service="bridge"\\} [1-9]`),
    );
  });

  it('gRPC API: RESOURCE_EXHAUSTED with the RATE_LIMITED details forwarded', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // the role's bucket is full again
    const token = await limited.login(role, 'pw-123');
    const client = connectProto(grpcApi.address);
    try {
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push(
          await executeQuery(client, { cql: `SELECT v FROM ${ks}.t WHERE k = 1` }, tokenMetadata(token)),
        );
      expect(results.slice(0, 2).map((r) => r.err)).toEqual([null, null]);
      const err = results[2]!.err!;
      expect(err.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(err.details).toMatch(new RegExp(`^Rate limit of role '${role}' exceeded`));
      const trailer = err.metadata.get(STATUS_DETAILS_KEY)[0] as Buffer;
      const rejection = readLoadRejection(decodeStatusDetails(trailer));
      expect(rejection?.reason).toBe('RATE_LIMITED');
      expect(rejection?.retryAfterMs).toBeGreaterThan(0);
    } finally {
      client.close();
    }
  });
});
