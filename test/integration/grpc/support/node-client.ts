// The published Stargate Node client (@stargate-oss/stargate-grpc-node-client), used unchanged.
// Its 0.2.3 release has no streaming methods; for ExecuteQueryStream and ExecuteBatchStream the
// tests send its own Query/Batch messages (serializeBinary) on a plain grpc-js call and read each
// StreamingResponse (response = 1: its Response class; status = 2: google.rpc.Status).
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import {
  type Batch,
  type BatchQuery,
  promisifyStargateClient,
  Query,
  QueryParameters,
  Response,
  StargateBearerToken,
  StargateClient,
  Value,
  Values,
} from '@stargate-oss/stargate-grpc-node-client';
import protobuf from 'protobufjs';
import type { Status__Output } from '../../../../services/common/src/proto/generated/google/rpc/Status.js';
import { decodeMessage } from '../../../../services/common/src/proto/proto-root.js';

export function connect(address: string) {
  const client = new StargateClient(address, grpc.credentials.createInsecure());
  return { client, api: promisifyStargateClient(client) };
}

/** The client's way to authenticate over insecure channels: metadata from a credentials object. */
export function authMetadata(token: string): Promise<grpc.Metadata> {
  return new StargateBearerToken(token).generateMetadata({ service_url: '', method_name: '' });
}

export interface QueryOptions {
  keyspace?: string;
  pageSize?: number;
  pagingState?: Uint8Array;
  tracing?: boolean;
}

export function query(cql: string, values: Value[] = [], options: QueryOptions = {}): Query {
  const q = new Query();
  q.setCql(cql);
  if (values.length > 0) {
    const v = new Values();
    v.setValuesList(values);
    q.setValues(v);
  }
  const p = new QueryParameters();
  if (options.keyspace) p.setKeyspace(wrapper('StringValue', options.keyspace));
  if (options.pageSize) p.setPageSize(wrapper('Int32Value', options.pageSize));
  if (options.pagingState) p.setPagingState(wrapper('BytesValue', options.pagingState));
  if (options.tracing) p.setTracing(true);
  q.setParameters(p);
  return q;
}

// google.protobuf wrapper classes, resolved from the client package (the module instance it uses).
const clientRequire = createRequire(
  createRequire(import.meta.url).resolve('@stargate-oss/stargate-grpc-node-client'),
);
const wrappers = clientRequire('google-protobuf/google/protobuf/wrappers_pb.js') as Record<
  string,
  new () => { setValue(v: unknown): void }
>;

function wrapper<T>(name: 'StringValue' | 'Int32Value' | 'BytesValue', value: T) {
  const w = new wrappers[name]!();
  w.setValue(value);
  // biome-ignore lint/suspicious/noExplicitAny: the client's setters take its own wrapper classes.
  return w as any;
}

export function text(s: string): Value {
  const v = new Value();
  v.setString(s);
  return v;
}

export function int(n: number): Value {
  const v = new Value();
  v.setInt(n);
  return v;
}

export interface StreamReply {
  response?: Response;
  status?: Status__Output;
}

type StreamRequest = Query | Batch;

/** A bidirectional call of stargate.Stargate with the client's messages. */
export function openStream(
  client: grpc.Client,
  method: 'ExecuteQueryStream' | 'ExecuteBatchStream',
  metadata: grpc.Metadata,
  options: grpc.CallOptions = {},
): grpc.ClientDuplexStream<StreamRequest | Buffer, StreamReply> {
  return client.makeBidiStreamRequest(
    `/stargate.Stargate/${method}`,
    (m: StreamRequest | Buffer) => (Buffer.isBuffer(m) ? m : Buffer.from(m.serializeBinary())),
    decodeStreamingResponse,
    metadata,
    options,
  );
}

function decodeStreamingResponse(bytes: Buffer): StreamReply {
  const reader = protobuf.Reader.create(bytes);
  const reply: StreamReply = {};
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) reply.response = Response.deserializeBinary(reader.bytes());
    else if (tag >>> 3 === 2)
      reply.status = decodeMessage<Status__Output>('google.rpc.Status', reader.bytes());
    else reader.skipType(tag & 7);
  }
  return reply;
}

/** Writes the messages, half-closes, and collects every reply (or the call's error). */
export function runStream(
  stream: grpc.ClientDuplexStream<StreamRequest | Buffer, StreamReply>,
  messages: (StreamRequest | Buffer)[],
): Promise<{ replies: StreamReply[]; error?: grpc.ServiceError }> {
  const replies: StreamReply[] = [];
  return new Promise((resolve) => {
    stream.on('data', (r: StreamReply) => replies.push(r));
    stream.on('error', (error: grpc.ServiceError) => resolve({ replies, error }));
    stream.on('end', () => resolve({ replies }));
    for (const m of messages) stream.write(m);
    stream.end();
  });
}

export type { BatchQuery };

/** The error a promisified call rejected with (fails the test if it resolved). */
export async function callError(promise: Promise<unknown>): Promise<grpc.ServiceError> {
  try {
    await promise;
  } catch (err) {
    return err as grpc.ServiceError;
  }
  throw new Error('the call succeeded');
}
