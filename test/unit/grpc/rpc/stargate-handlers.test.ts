// services/grpc/src/rpc/*-handler.ts over a real grpc-js server and client, with a scripted bridge
// (the integration tests use the real one): ordering, concurrency, cancellation and deadlines,
// refused messages and oversize replies.

import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TokenValidator } from '../../../../services/common/src/auth/token-validator.js';
import { BridgeCallError } from '../../../../services/common/src/bridge/bridge-call-error.js';
import type { RequestOptions } from '../../../../services/common/src/bridge/bridge-client.js';
import { createLoadMetrics } from '../../../../services/common/src/metrics/load-metrics.js';
import type { Query, Query__Output } from '../../../../services/common/src/proto/generated/stargate/Query.js';
import type { Response__Output } from '../../../../services/common/src/proto/generated/stargate/Response.js';
import type { StreamingResponse__Output } from '../../../../services/common/src/proto/generated/stargate/StreamingResponse.js';
import { loadStargateProto } from '../../../../services/common/src/proto/load-protos.js';
import { messageCodec } from '../../../../services/common/src/proto/message-codec.js';
import { createGrpcMetrics } from '../../../../services/grpc/src/metrics/grpc-metrics.js';
import { createAdmission } from '../../../../services/grpc/src/rpc/admission.js';
import type { BridgeCalls } from '../../../../services/grpc/src/rpc/operations.js';
import { stargateHandlers } from '../../../../services/grpc/src/rpc/stargate-handlers.js';
import { MAX_IN_FLIGHT_PER_STREAM } from '../../../../services/grpc/src/rpc/stream-handler.js';
import { publicStargateService } from '../../../../services/grpc/src/server/public-service.js';
import { grpcServerOptions } from '../../../../services/grpc/src/server/server-options.js';

interface Pending {
  cql: string;
  options: RequestOptions;
  resolve(response: Response__Output): void;
  reject(err: unknown): void;
}

const queryCodec = messageCodec<Query, Query__Output>('stargate.Query');
const responseCodec = messageCodec<Response__Output, Response__Output>('stargate.Response');

/** A bridge whose every request waits until the test answers it. */
class ScriptedBridge implements BridgeCalls {
  readonly requests: Pending[] = [];
  private waiters: (() => void)[] = [];

  forwardQuery(encodedQuery: Buffer, options: RequestOptions): Promise<Buffer> {
    return this.executeQuery(queryCodec.decode(encodedQuery), options).then(responseCodec.encode);
  }

  forwardBatch(): Promise<Buffer> {
    return Promise.reject(new Error('not scripted'));
  }

  executeQuery(query: Query, options: RequestOptions): Promise<Response__Output> {
    return new Promise((resolve, reject) => {
      this.requests.push({ cql: query.cql ?? '', options, resolve, reject });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  async waitFor(count: number): Promise<void> {
    while (this.requests.length < count) await new Promise<void>((r) => this.waiters.push(r));
  }

  find(cql: string): Pending {
    const p = this.requests.find((r) => r.cql === cql);
    if (!p) throw new Error(`no request ${cql} in ${JSON.stringify(this.requests.map((r) => r.cql))}`);
    return p;
  }
}

const MAX_MESSAGE_BYTES = 64 * 1024;
const rowsOf = (text: string): Response__Output => ({
  resultSet: { rows: [{ values: [{ string: text, inner: 'string' }] }], columns: [] },
  result: 'resultSet',
});

let bridge: ScriptedBridge;
let server: grpc.Server;
let address: string;
const { Stargate } = loadStargateProto().stargate;
let client: InstanceType<typeof Stargate>;
let raw: grpc.Client;

const md = (token = 'tok') => {
  const m = new grpc.Metadata();
  if (token) m.set('x-cassandra-token', token);
  return m;
};

beforeAll(async () => {
  bridge = new ScriptedBridge();
  server = new grpc.Server(
    grpcServerOptions({
      maxMessageBytes: MAX_MESSAGE_BYTES,
      maxConnectionAgeMs: 0,
      maxConnectionAgeGraceMs: 1000,
    }),
  );
  const service = publicStargateService();
  const deps = {
    bridge,
    metrics: createGrpcMetrics(new Registry()),
    logger: pino({ level: 'silent' }),
    bridgeDeadlineMs: 30_000,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    // Every token is valid here: what these tests script is the bridge's answer to the query.
    tokens: new TokenValidator({ authenticate: async () => 60_000 }, { rejectedCacheMs: 0 }),
    admission: createAdmission({
      maxInFlight: 0,
      retryAfterSeconds: 1,
      rateLimit: { ratePerSecond: 0, burst: 0 },
      metrics: createLoadMetrics(new Registry()),
    }),
  };
  server.addService(service.definition, stargateHandlers(deps, service.encodeStreamingResponse));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  address = `127.0.0.1:${port}`;
  client = new Stargate(address, grpc.credentials.createInsecure());
  raw = new grpc.Client(address, grpc.credentials.createInsecure());
});

afterEach(() => {
  bridge.requests.length = 0;
});

afterAll(() => {
  client?.close();
  raw?.close();
  server?.forceShutdown();
});

// biome-ignore lint/suspicious/noExplicitAny: typed and raw streams alike.
function collect(stream: grpc.ClientDuplexStream<any, StreamingResponse__Output>) {
  const replies: StreamingResponse__Output[] = [];
  const done = new Promise<{ replies: StreamingResponse__Output[]; error?: grpc.ServiceError }>((resolve) => {
    stream.on('data', (r: StreamingResponse__Output) => replies.push(r));
    stream.on('error', (error: grpc.ServiceError) => resolve({ replies, error }));
    stream.on('end', () => resolve({ replies }));
  });
  return { replies, done };
}

const text = (r: StreamingResponse__Output | undefined) =>
  r?.response?.resultSet?.rows?.[0]?.values?.[0]?.string;

describe('streaming calls', () => {
  it('answers in request order even when the bridge answers out of order', async () => {
    const stream = client.ExecuteQueryStream(md());
    const { done } = collect(stream);
    for (const cql of ['a', 'b', 'c']) stream.write({ cql });
    stream.end();
    await bridge.waitFor(3);
    bridge.find('c').resolve(rowsOf('C'));
    bridge.find('a').reject(new BridgeCallError(grpc.status.INVALID_ARGUMENT, 'bad a'));
    bridge.find('b').resolve(rowsOf('B'));
    const { replies, error } = await done;
    expect(error).toBeUndefined();
    expect(replies.map((r) => r.message)).toEqual(['status', 'response', 'response']);
    expect(replies[0]?.status).toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      message: 'INVALID_ARGUMENT: bad a',
    });
    expect([text(replies[1]), text(replies[2])]).toEqual(['B', 'C']);
  });

  it(`runs at most ${MAX_IN_FLIGHT_PER_STREAM} messages of a stream at once, then reads on`, async () => {
    const total = MAX_IN_FLIGHT_PER_STREAM + 50;
    const stream = client.ExecuteQueryStream(md());
    const { done } = collect(stream);
    for (let i = 0; i < total; i++) stream.write({ cql: `q${i}` });
    stream.end();
    await bridge.waitFor(MAX_IN_FLIGHT_PER_STREAM);
    await new Promise((r) => setTimeout(r, 100));
    expect(bridge.requests.length).toBe(MAX_IN_FLIGHT_PER_STREAM);
    for (let answered = 0; answered < total; answered++) {
      await bridge.waitFor(answered + 1);
      bridge.requests[answered]!.resolve(rowsOf(bridge.requests[answered]!.cql));
    }
    const { replies } = await done;
    expect(replies.map(text)).toEqual(Array.from({ length: total }, (_, i) => `q${i}`));
  });

  it('cancels the bridge requests still running when the client cancels', async () => {
    const stream = client.ExecuteQueryStream(md());
    const { done } = collect(stream);
    stream.write({ cql: 'slow1' });
    stream.write({ cql: 'slow2' });
    await bridge.waitFor(2);
    stream.cancel();
    const { error } = await done;
    expect(error?.code).toBe(grpc.status.CANCELLED);
    await expect.poll(() => bridge.requests.every((r) => r.options.signal?.aborted)).toBe(true);
  });

  it('answers a message that is not a protobuf encoding inside the stream, and goes on', async () => {
    const stream = raw.makeBidiStreamRequest(
      '/stargate.Stargate/ExecuteQueryStream',
      (b: Buffer) => b,
      Stargate.service.ExecuteQueryStream.responseDeserialize,
      md(),
    );
    const { done } = collect(stream);
    stream.write(Stargate.service.ExecuteQuery.requestSerialize({ cql: 'good' }));
    stream.write(Buffer.from([0x7f, 0x01])); // field 15, wire type 7: no such wire type
    stream.write(Stargate.service.ExecuteQuery.requestSerialize({ cql: 'after' }));
    stream.end();
    await bridge.waitFor(2);
    bridge.find('good').resolve(rowsOf('good'));
    bridge.find('after').resolve(rowsOf('after'));
    const { replies, error } = await done;
    expect(error).toBeUndefined();
    expect(text(replies[0])).toBe('good');
    expect(replies[1]?.status?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(replies[1]?.status?.message).toMatch(
      /^INVALID_ARGUMENT: Invalid Query message: it is not a valid protobuf encoding/,
    );
    expect(text(replies[2])).toBe('after');
  });

  it('turns a reply larger than the message limit into that message’s RESOURCE_EXHAUSTED', async () => {
    const stream = client.ExecuteQueryStream(md());
    const { done } = collect(stream);
    stream.write({ cql: 'huge' });
    stream.write({ cql: 'small' });
    stream.end();
    await bridge.waitFor(2);
    bridge.find('huge').resolve(rowsOf('x'.repeat(MAX_MESSAGE_BYTES + 1)));
    bridge.find('small').resolve(rowsOf('ok'));
    const { replies, error } = await done;
    expect(error).toBeUndefined();
    expect(replies[0]?.status?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(replies[0]?.status?.message).toMatch(/larger than the limit of 65536 bytes/);
    expect(text(replies[1])).toBe('ok');
  });

  it('fails the whole call without a token, before reading any message', async () => {
    const stream = client.ExecuteQueryStream(md(''));
    const { done } = collect(stream);
    stream.write({ cql: 'never' });
    const { error } = await done;
    expect(error?.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(error?.details).toBe('No token provided');
    expect(bridge.requests).toEqual([]);
  });
});

describe('unary calls', () => {
  it("bounds the bridge request by the client's deadline and cancels it with the call", async () => {
    const call = new Promise<grpc.ServiceError | null>((resolve) =>
      client.ExecuteQuery({ cql: 'slow' }, md(), { deadline: Date.now() + 300 }, (err) => resolve(err)),
    );
    await bridge.waitFor(1);
    const { options } = bridge.find('slow');
    expect(options.deadlineMs).toBeGreaterThan(0);
    expect(options.deadlineMs).toBeLessThanOrEqual(300);
    expect(options.token).toBe('tok');
    const err = await call;
    expect(err?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    await expect.poll(() => options.signal?.aborted).toBe(true);
  });

  it('refuses bytes that are not a Query with INVALID_ARGUMENT', async () => {
    const err = await new Promise<grpc.ServiceError | null>((resolve) =>
      raw.makeUnaryRequest(
        '/stargate.Stargate/ExecuteQuery',
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.from([0xff, 0xff]),
        md(),
        (e) => resolve(e),
      ),
    );
    expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err?.details).toMatch(/^Invalid Query message: it is not a valid protobuf encoding \(/);
    expect(bridge.requests).toEqual([]);
  });
});
