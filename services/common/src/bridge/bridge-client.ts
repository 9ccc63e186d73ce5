// What every API uses to reach the bridge: the hot path (queries, batches, schema-checked queries,
// keyspace descriptions, token checks) on the multiplexed stream, the rest as unary calls.
// Every request has a deadline; UNAVAILABLE is retried only for idempotent requests, and not
// at all when no bridge replica is reachable (the caller answers 503 at once).
import * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { decodeStatusDetails, STATUS_DETAILS_KEY } from '../grpc/to-grpc-status.js';
import type { Status__Output } from '../proto/generated/google/rpc/Status.js';
import type { Batch } from '../proto/generated/stargate/Batch.js';
import type { CqlKeyspaceDescribe__Output } from '../proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { DescribeKeyspaceQuery } from '../proto/generated/stargate/DescribeKeyspaceQuery.js';
import type { EncodedMultiplexedReply__Output } from '../proto/generated/stargate/EncodedMultiplexedReply.js';
import type { _stargate_MultiplexedReply_Authenticated__Output } from '../proto/generated/stargate/MultiplexedReply.js';
import type { Query } from '../proto/generated/stargate/Query.js';
import type { QueryWithSchema } from '../proto/generated/stargate/QueryWithSchema.js';
import type { QueryWithSchemaResponse__Output } from '../proto/generated/stargate/QueryWithSchemaResponse.js';
import type { Response__Output } from '../proto/generated/stargate/Response.js';
import type { StargateBridgeClient } from '../proto/generated/stargate/StargateBridge.js';
import type { SupportedFeaturesResponse__Output } from '../proto/generated/stargate/SupportedFeaturesResponse.js';
import { loadBridgeProto } from '../proto/load-protos.js';
import { messageCodec } from '../proto/message-codec.js';
import { lastDelimitedField } from '../proto/wire-reader.js';
import { currentTenant } from '../tenancy/tenant-context.js';
import { activeTracing } from '../tracing/tracing.js';
import { BridgeCallError } from './bridge-call-error.js';
import { type BridgeChannelSecurity, plaintextBridgeChannel } from './bridge-credentials.js';
import { bridgeTarget } from './bridge-target.js';
import type { CancelSignal } from './cancel-signal.js';
import { type EncodedBody, MultiplexedChannel } from './multiplexed-channel.js';

export interface BridgeClientOptions {
  /** BRIDGE_ADDRESS: host:port of the bridge, or a list of its replicas (see bridge-target.ts). */
  address: string;
  /** X-Source-Api sent with every call: rest, graphql or cql (the Document API sends rest). */
  sourceApi: 'rest' | 'graphql' | 'cql';
  deadlineMs: number;
  keepaliveMs: number;
  logger: Logger;
  maxMessageBytes?: number;
  /** TLS to the bridge (bridge-credentials.ts); default plaintext. */
  security?: BridgeChannelSecurity;
}

export interface RequestOptions {
  /** The end user's X-Cassandra-Token. */
  token: string;
  deadlineMs?: number;
  signal?: CancelSignal;
  /** Safe to run twice: retried once when the bridge is UNAVAILABLE. */
  idempotent?: boolean;
}

const RETRY_DELAY_MS = 100;
const BRIDGE_FLOW_CONTROL_WINDOW_BYTES = 4 * 1024 * 1024;
// A bridge that comes back is reconnected to within this (plus grpc-js's 20 % jitter) of its
// return, so service resumes well within a second; a reconnection attempt to a replica that is gone
// costs one refused TCP connection.
const MAX_RECONNECT_BACKOFF_MS = 500;

const codecs = {
  query: messageCodec<Query, unknown>('stargate.Query'),
  batch: messageCodec<Batch, unknown>('stargate.Batch'),
  response: messageCodec<unknown, Response__Output>('stargate.Response'),
  queryWithSchema: messageCodec<QueryWithSchema, unknown>('stargate.QueryWithSchema'),
  queryWithSchemaResponse: messageCodec<unknown, QueryWithSchemaResponse__Output>(
    'stargate.QueryWithSchemaResponse',
  ),
  describeKeyspace: messageCodec<DescribeKeyspaceQuery, unknown>('stargate.DescribeKeyspaceQuery'),
  keyspace: messageCodec<unknown, CqlKeyspaceDescribe__Output>('stargate.CqlKeyspaceDescribe'),
  status: messageCodec<unknown, Status__Output>('google.rpc.Status'),
  authenticated: messageCodec<unknown, _stargate_MultiplexedReply_Authenticated__Output>(
    'stargate.MultiplexedReply.Authenticated',
  ),
};
const EMPTY = Buffer.alloc(0);
/** QueryWithSchemaResponse.response's field number (schema.proto). */
const QUERY_WITH_SCHEMA_RESPONSE_FIELD = 1;

export class BridgeClient {
  readonly grpcClient: StargateBridgeClient;
  private readonly channel: MultiplexedChannel;

  constructor(private readonly options: BridgeClientOptions) {
    const { StargateBridge } = loadBridgeProto().stargate;
    const security = options.security ?? plaintextBridgeChannel();
    this.grpcClient = new StargateBridge(bridgeTarget(options.address), security.credentials, {
      ...security.channelOptions,
      'grpc.keepalive_time_ms': options.keepaliveMs,
      'grpc.keepalive_timeout_ms': 20_000,
      'grpc.keepalive_permit_without_calls': 1,
      // Internal channel: no cap on replies (see the bridge server's options); requests stay
      // below the bridge's BRIDGE_MAX_MESSAGE_BYTES because every API bounds its own inputs.
      'grpc.max_receive_message_length': -1,
      'grpc.max_send_message_length': options.maxMessageBytes ?? 16 * 1024 * 1024,

      // Spread calls over every bridge replica (an address list, or a headless Service's name);
      // a replica that drains (GOAWAY) or fails leaves the rotation until it is back.
      'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': MAX_RECONNECT_BACKOFF_MS,
      // A replica that went away makes the name be resolved again: find its replacement soon
      // (grpc-js waits 30 s between resolutions by default).
      'grpc.dns_min_time_between_resolutions_ms': 2000,
      // Every reply of this process comes on one HTTP/2 stream: at HTTP/2's default window (64 KiB,
      // stream and connection) 32 page reads in flight (~5.6 KB each for 100 rows) had the bridge
      // stop and wait for WINDOW_UPDATEs; 4 MiB took ~12 % of the bridge's CPU per page read and a
      // quarter of its syscalls off (bench/README.md, issue 19).
      'grpc-node.flow_control_window': BRIDGE_FLOW_CONTROL_WINDOW_BYTES,
    });
    this.channel = new MultiplexedChannel(this.grpcClient, options.sourceApi, options.logger);
  }

  async executeQuery(query: Query, options: RequestOptions): Promise<Response__Output> {
    return codecs.response.decode(await this.forwardQuery(codecs.query.encode(query), options));
  }

  async executeBatch(batch: Batch, options: RequestOptions): Promise<Response__Output> {
    return codecs.response.decode(await this.forwardBatch(codecs.batch.encode(batch), options));
  }

  /** An already encoded Query (a gRPC client's, as it came) → the bridge's encoded Response. */
  async forwardQuery(encodedQuery: Buffer, options: RequestOptions): Promise<Buffer> {
    const reply = await this.send({ query: encodedQuery }, options);
    return reply.response as Buffer;
  }

  /** An already encoded Batch → the bridge's encoded Response. */
  async forwardBatch(encodedBatch: Buffer, options: RequestOptions): Promise<Buffer> {
    const reply = await this.send({ batch: encodedBatch }, options);
    return reply.response as Buffer;
  }

  async executeQueryWithSchema(
    request: QueryWithSchema,
    options: RequestOptions,
  ): Promise<QueryWithSchemaResponse__Output> {
    const reply = await this.send({ queryWithSchema: codecs.queryWithSchema.encode(request) }, options);
    return codecs.queryWithSchemaResponse.decode(reply.queryWithSchema as Buffer);
  }

  /**
   * executeQueryWithSchema with the response left as the bridge encoded it (the REST API writes its
   * rows straight from those bytes); a new description or "no keyspace" is decoded as usual.
   */
  async executeQueryWithSchemaEncoded(
    request: QueryWithSchema,
    options: RequestOptions,
  ): Promise<{ encodedResponse: Buffer } | QueryWithSchemaResponse__Output> {
    const reply = await this.send({ queryWithSchema: codecs.queryWithSchema.encode(request) }, options);
    const bytes = reply.queryWithSchema as Buffer;
    const encodedResponse = lastDelimitedField(bytes, QUERY_WITH_SCHEMA_RESPONSE_FIELD);
    return encodedResponse ? { encodedResponse } : codecs.queryWithSchemaResponse.decode(bytes);
  }

  async describeKeyspace(
    request: DescribeKeyspaceQuery,
    options: RequestOptions,
  ): Promise<CqlKeyspaceDescribe__Output> {
    const reply = await this.send(
      { describeKeyspace: codecs.describeKeyspace.encode(request) },
      { idempotent: true, ...options },
    );
    return codecs.keyspace.decode(reply.keyspace as Buffer);
  }

  /**
   * Validates the token only (no statement): how long the bridge goes on trusting it from memory,
   * in ms. UNAUTHENTICATED when it is unknown or expired.
   */
  async authenticate(options: RequestOptions): Promise<number> {
    const reply = await this.send({ authenticate: EMPTY }, { idempotent: true, ...options });
    return codecs.authenticated.decode(reply.authenticated as Buffer).trustedForMs ?? 0;
  }

  /** Unary (rare, and needs no token): also serves as the API's readiness probe of the bridge. */
  getSupportedFeatures(deadlineMs = this.options.deadlineMs): Promise<SupportedFeaturesResponse__Output> {
    const metadata = new grpc.Metadata();
    metadata.set('x-source-api', this.options.sourceApi);
    return new Promise((resolve, reject) => {
      this.grpcClient.GetSupportedFeatures({}, metadata, { deadline: Date.now() + deadlineMs }, (err, res) =>
        err ? reject(fromServiceError(err)) : resolve(res!),
      );
    });
  }

  /** Requests currently waiting for the bridge on the multiplexed stream. */
  get inFlight(): number {
    return this.channel.inFlight;
  }

  /** Requests sent again on another stream because a draining bridge did not run them. */
  get resent(): number {
    return this.channel.resent;
  }

  /** Breaks the multiplexed stream (for tests of recovery). */
  breakStream(): void {
    this.channel.breakStream();
  }

  close(): void {
    this.channel.close();
    this.grpcClient.close();
  }

  private async send(body: EncodedBody, options: RequestOptions): Promise<EncodedMultiplexedReply__Output> {
    const deadlineMs = options.deadlineMs ?? this.options.deadlineMs;
    const deadlineAt = Date.now() + deadlineMs;
    // The active span's context (the API request's), carried to the bridge in the request itself.
    const trace = activeTracing()?.traceHeaders();
    // The request's tenant (multi-tenancy on), sent as the request's X-Tenant-Id.
    const tenant = currentTenant();
    for (let attempt = 0; ; attempt++) {
      const remaining = deadlineAt - Date.now();
      try {
        const reply = await this.channel.send(body, {
          token: options.token,
          deadlineMs: Math.max(1, remaining),
          signal: options.signal,
          trace,
          tenant,
        });
        if (reply.body === 'status') throw fromStatus(codecs.status.decode(reply.status as Buffer));
        return reply;
      } catch (err) {
        const retry =
          err instanceof BridgeCallError &&
          err.code === GrpcStatus.UNAVAILABLE &&
          options.idempotent === true &&
          attempt < 2 &&
          deadlineAt - Date.now() > RETRY_DELAY_MS * 2 &&
          !this.noBridgeReachable();
        if (!retry) throw err;
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS * (attempt + 1)));
      }
    }
  }

  /** Every replica failed its last connection attempt: a retry now would fail the same way. */
  private noBridgeReachable(): boolean {
    return (
      this.grpcClient.getChannel().getConnectivityState(false) === grpc.connectivityState.TRANSIENT_FAILURE
    );
  }
}

function fromStatus(status: Status__Output): BridgeCallError {
  const details = new Map<string, Buffer>();
  for (const any of status.details ?? []) {
    const typeUrl = (any as { type_url?: string }).type_url ?? '';
    details.set(typeUrl.slice(typeUrl.lastIndexOf('/') + 1).toLowerCase(), Buffer.from(any.value ?? []));
  }
  return new BridgeCallError(status.code ?? GrpcStatus.UNKNOWN, status.message ?? '', details);
}

export function fromServiceError(err: grpc.ServiceError): BridgeCallError {
  const details = new Map<string, Buffer>();
  for (const [key, values] of Object.entries(err.metadata?.getMap() ?? {})) {
    if (key.endsWith('-bin') && key.startsWith('stargate.') && Buffer.isBuffer(values)) {
      details.set(key.slice(0, -4), values);
    }
  }
  const standard = err.metadata?.get(STATUS_DETAILS_KEY)[0];
  if (Buffer.isBuffer(standard)) for (const [k, v] of decodeStatusDetails(standard)) details.set(k, v);
  return new BridgeCallError(err.code, err.details || err.message, details);
}
