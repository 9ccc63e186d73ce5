// Bad input (issue 4): each gets the status and message a Stargate user would see, the server never
// crashes, and it keeps serving other calls. The service runs with a 64 KiB message limit here.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Query } from '../../../services/common/src/proto/generated/stargate/Query.js';
import type { StreamingResponse__Output } from '../../../services/common/src/proto/generated/stargate/StreamingResponse.js';
import { loadStargateProto } from '../../../services/common/src/proto/load-protos.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { startTestGrpcApi, type TestGrpcApi } from './support/grpc-api-harness.js';
import { connectProto, executeBatch, executeQuery, ok, tokenMetadata } from './support/proto-client.js';

const LIMIT = 64 * 1024;
const ks = uniqueKeyspaceName('grpc_bad_input');
let t: TestBridge;
let api: TestGrpcApi;
let client: ReturnType<typeof connectProto>;
let raw: grpc.Client;
const { service } = loadStargateProto().stargate.Stargate;

const md = () => tokenMetadata(t.token);
const run = (query: Query, metadata = md()) => executeQuery(client, query, metadata);

/** ExecuteQuery with these bytes as the request message, as they are; resolves with the error. */
function rawExecuteQuery(bytes: Buffer): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) =>
    raw.makeUnaryRequest(
      '/stargate.Stargate/ExecuteQuery',
      (b: Buffer) => b,
      (b: Buffer) => b,
      bytes,
      md(),
      (e) => resolve(e),
    ),
  );
}

async function expectStatus(query: Query, code: grpc.status, message: string | RegExp, metadata = md()) {
  const { err } = await run(query, metadata);
  expect(err, `${query.cql} should fail`).not.toBeNull();
  expect(grpc.status[err!.code]).toBe(grpc.status[code]);
  if (typeof message === 'string') expect(err!.details).toBe(message);
  else expect(err!.details).toMatch(message);
}

/** Sends raw bytes (good messages encoded, or garbage) on a streaming call. */
function rawStream(method: 'ExecuteQueryStream' | 'ExecuteBatchStream', messages: Buffer[]) {
  const stream = raw.makeBidiStreamRequest(
    `/stargate.Stargate/${method}`,
    (b: Buffer) => b,
    service.ExecuteQueryStream.responseDeserialize,
    md(),
  );
  const replies: StreamingResponse__Output[] = [];
  return new Promise<{ replies: StreamingResponse__Output[]; error?: grpc.ServiceError }>((resolve) => {
    stream.on('data', (r: StreamingResponse__Output) => replies.push(r));
    stream.on('error', (error: grpc.ServiceError) => resolve({ replies, error }));
    stream.on('end', () => resolve({ replies }));
    for (const m of messages) stream.write(m);
    stream.end();
  });
}

const encodeQuery = (query: Query) => service.ExecuteQuery.requestSerialize(query);
// Field 15 with wire type 7, which protobuf does not have: no decoder accepts these bytes.
const GARBAGE = Buffer.from([0x7f, 0x01, 0x02, 0x03]);

beforeAll(async () => {
  t = await startTestBridge();
  api = await startTestGrpcApi(t.address, { GRPC_MAX_MESSAGE_BYTES: String(LIMIT) });
  client = connectProto(api.address);
  raw = new grpc.Client(api.address, grpc.credentials.createInsecure());
  await ok(
    run({
      cql: `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    }),
  );
  await ok(run({ cql: `CREATE TABLE ${ks}.t (k int PRIMARY KEY, v text, b blob, n tinyint, d duration)` }));
  await ok(run({ cql: `INSERT INTO ${ks}.t (k, v) VALUES (1, 'one')` }));
});

afterAll(async () => {
  if (client && t) await run({ cql: `DROP KEYSPACE IF EXISTS ${ks}` }).catch(() => undefined);
  client?.close();
  raw?.close();
  await api?.close();
  await t?.close();
});

describe('bad queries', () => {
  it('invalid CQL', async () => {
    await expectStatus(
      { cql: `SELEC * FROM ${ks}.t` },
      grpc.status.INVALID_ARGUMENT,
      /^line 1:0 no viable alternative at input 'SELEC'/,
    );
    await expectStatus(
      { cql: '   ' },
      grpc.status.INVALID_ARGUMENT,
      'A query must have a non-empty cql string',
    );
  });

  it('the wrong number of values', async () => {
    await expectStatus(
      { cql: `INSERT INTO ${ks}.t (k, v) VALUES (?, ?)`, values: { values: [{ int: 2 }] } },
      grpc.status.INVALID_ARGUMENT,
      'Invalid number of values: the statement has 2 bind markers, got 1 values',
    );
  });

  it('a value of the wrong type for its column', async () => {
    await expectStatus(
      { cql: `SELECT v FROM ${ks}.t WHERE k = ?`, values: { values: [{ string: 'one' }] } },
      grpc.status.INVALID_ARGUMENT,
      /^Invalid value for bind marker 1 \(k\): expected int, got a string value$/,
    );
    await expectStatus(
      { cql: `UPDATE ${ks}.t SET n = ? WHERE k = 1`, values: { values: [{ int: 300 }] } },
      grpc.status.INVALID_ARGUMENT,
      /300 is out of range for tinyint/,
    );
    await expectStatus(
      {
        cql: `UPDATE ${ks}.t SET d = ? WHERE k = 1`,
        values: { values: [{ duration: { months: 1, days: -1, nanos: '0' } }] },
      },
      grpc.status.INVALID_ARGUMENT,
      /must be all of the same sign/,
    );
  });

  it('an unknown keyspace or table', async () => {
    await expectStatus(
      { cql: 'SELECT * FROM it_no_such_keyspace.t' },
      grpc.status.INVALID_ARGUMENT,
      /^keyspace it_no_such_keyspace does not exist$/,
    );
    await expectStatus(
      { cql: 'SELECT * FROM t', parameters: { keyspace: { value: 'it_no_such_keyspace' } } },
      grpc.status.INVALID_ARGUMENT,
      /^Keyspace 'it_no_such_keyspace' does not exist$/,
    );
    await expectStatus(
      { cql: `SELECT * FROM ${ks}.nope` },
      grpc.status.INVALID_ARGUMENT,
      /table nope does not exist/i,
    );
  });

  it('bad parameters: a consistency level that does not exist, a forged paging state', async () => {
    await expectStatus(
      { cql: `SELECT * FROM ${ks}.t`, parameters: { consistency: { value: 99 as 0 } } },
      grpc.status.INVALID_ARGUMENT,
      'Unknown consistency level: 99',
    );
    await expectStatus(
      { cql: `SELECT * FROM ${ks}.t`, parameters: { pagingState: { value: Buffer.alloc(40, 7) } } },
      grpc.status.INVALID_ARGUMENT,
      'Invalid paging state: it was not issued for this query or was modified',
    );
  });

  it('batches that are empty, hold a SELECT, or a bad statement', async () => {
    const cases: [object, RegExp][] = [
      [{ queries: [] }, /^A batch must contain at least one query$/],
      [
        { queries: [{ cql: `SELECT * FROM ${ks}.t` }] },
        /^A batch may only contain INSERT, UPDATE and DELETE statements/,
      ],
      [
        { queries: [{ cql: `INSERT INTO ${ks}.t (k) VALUES (?)`, values: { values: [{ string: 'x' }] } }] },
        /^Batch query 1: Invalid value for bind marker 1 \(k\): expected int, got a string value$/,
      ],
    ];
    for (const [batch, message] of cases) {
      const { err } = await executeBatch(client, batch, md());
      expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(err?.details).toMatch(message);
    }
  });

  it('a missing, empty or unknown token', async () => {
    const query = { cql: `SELECT * FROM ${ks}.t` };
    await expectStatus(query, grpc.status.UNAUTHENTICATED, 'No token provided', new grpc.Metadata());
    await expectStatus(query, grpc.status.UNAUTHENTICATED, 'No token provided', tokenMetadata(''));
    await expectStatus(query, grpc.status.UNAUTHENTICATED, 'Invalid token', tokenMetadata('not-a-token'));
  });
});

describe('bad messages', () => {
  it('a request larger than the message limit: RESOURCE_EXHAUSTED, on unary and streaming calls', async () => {
    const big = {
      cql: `UPDATE ${ks}.t SET b = ? WHERE k = 2`,
      values: { values: [{ bytes: Buffer.alloc(LIMIT + 1) }] },
    };
    await expectStatus(
      big,
      grpc.status.RESOURCE_EXHAUSTED,
      /^Received message larger than max \(\d+ vs 65536\)$/,
    );
    const { error } = await rawStream('ExecuteQueryStream', [encodeQuery(big)]);
    expect(error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });

  it('a response larger than the message limit: RESOURCE_EXHAUSTED for the call, or for that message of a stream', async () => {
    const half = Buffer.alloc(LIMIT / 2 + 100, 1);
    for (const k of [10, 11]) {
      await ok(
        run({ cql: `UPDATE ${ks}.t SET b = ? WHERE k = ${k}`, values: { values: [{ bytes: half }] } }),
      );
    }
    const select = { cql: `SELECT b FROM ${ks}.t WHERE k IN (10, 11)` };
    await expectStatus(select, grpc.status.RESOURCE_EXHAUSTED, /^Sent message larger than max/);
    const { replies, error } = await rawStream('ExecuteQueryStream', [
      encodeQuery(select),
      encodeQuery({ cql: `SELECT v FROM ${ks}.t WHERE k = 1` }),
    ]);
    expect(error).toBeUndefined();
    expect(replies[0]?.status?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(replies[0]?.status?.message).toMatch(
      /^RESOURCE_EXHAUSTED: Response message of \d+ bytes is larger than the limit of 65536 bytes$/,
    );
    expect(replies[1]?.response?.resultSet?.rows?.[0]?.values?.[0]?.string).toBe('one');
  });

  it('garbage instead of a Query: INVALID_ARGUMENT', async () => {
    const err = await rawExecuteQuery(GARBAGE);
    expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err?.details).toBe(
      'Invalid Query message: it is not a valid protobuf encoding (invalid wire type 7 at offset 1)',
    );
  });

  it('a Query whose CQL runs past the message: INVALID_ARGUMENT, never the CQL that fitted', async () => {
    // `DELETE FROM t WHERE k = 1 AND c = 2` cut after `k = 1` would delete a whole partition.
    const cql = `SELECT v FROM ${ks}.t WHERE k = 1`;
    const whole = encodeQuery({ cql });
    const truncated = whole.subarray(0, whole.length - 6);
    const err = await rawExecuteQuery(truncated);
    expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err?.details).toMatch(
      /^Invalid Query message: it is not a valid protobuf encoding \(index out of range: \d+ \+ \d+ > \d+\)$/,
    );
  });

  it('garbage after good messages on a stream: that message gets INVALID_ARGUMENT, the rest are answered', async () => {
    const select = encodeQuery({ cql: `SELECT v FROM ${ks}.t WHERE k = 1` });
    const { replies, error } = await rawStream('ExecuteQueryStream', [select, select, GARBAGE, select]);
    expect(error).toBeUndefined();
    expect(replies.map((r) => r.message)).toEqual(['response', 'response', 'status', 'response']);
    expect(replies[2]?.status?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(replies[2]?.status?.message).toBe(
      'INVALID_ARGUMENT: Invalid Query message: it is not a valid protobuf encoding (invalid wire type 7 at offset 1)',
    );

    const batch = service.ExecuteBatch.requestSerialize({
      queries: [{ cql: `INSERT INTO ${ks}.t (k, v) VALUES (3, 'three')` }],
    });
    const batches = await rawStream('ExecuteBatchStream', [batch, GARBAGE, batch]);
    expect(batches.error).toBeUndefined();
    expect(batches.replies.map((r) => r.status?.message ?? 'ok')).toEqual([
      'ok',
      'INVALID_ARGUMENT: Invalid Batch message: it is not a valid protobuf encoding (invalid wire type 7 at offset 1)',
      'ok',
    ]);
  });
});

describe('after all of that', () => {
  it('keeps serving, concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => ok(run({ cql: `SELECT v FROM ${ks}.t WHERE k = 1` }))),
    );
    expect(results.map((r) => r.resultSet?.rows?.[0]?.values?.[0]?.string)).toEqual(Array(20).fill('one'));
  });
});
