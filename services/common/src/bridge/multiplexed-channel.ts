// The API side of the bridge's multiplexed stream: one long-lived ExecuteMultiplexed call carries
// every hot-path request of this process. Each request has an id, a deadline and an optional abort
// signal; replies are matched by id. The requests of one event-loop turn leave as one stream
// message (see ExecuteMultiplexed). Bodies travel encoded (see EncodedMultiplexedRequest in
// bridge.proto): the caller decides whether to decode them.
//
// A bridge replica that drains (it stops, or the stream reached its age) answers NotExecuted to
// requests it will not run, and ends the stream with status OK once it has answered everything
// else: those requests provably did not run, so they are sent again on a new stream (which the
// channel's round robin places on the next replica) within their own deadline, whatever they are. A stream that breaks otherwise (bridge killed, network) fails its
// requests in flight with UNAVAILABLE: they may have run, so only the caller may retry them.
import type * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { EncodedMultiplexedReplies__Output } from '../proto/generated/stargate/EncodedMultiplexedReplies.js';
import type { EncodedMultiplexedReply__Output } from '../proto/generated/stargate/EncodedMultiplexedReply.js';
import type { EncodedMultiplexedRequest } from '../proto/generated/stargate/EncodedMultiplexedRequest.js';
import type { EncodedMultiplexedRequests } from '../proto/generated/stargate/EncodedMultiplexedRequests.js';
import type { StargateBridgeClient } from '../proto/generated/stargate/StargateBridge.js';
import { messageCodec } from '../proto/message-codec.js';
import type { TraceHeaders } from '../tracing/tracing.js';
import { BridgeCallError } from './bridge-call-error.js';
import type { CancelSignal } from './cancel-signal.js';

export type EncodedBody = Omit<
  EncodedMultiplexedRequest,
  'id' | 'deadlineMs' | 'token' | 'sourceApi' | 'tenantId' | 'traceparent' | 'tracestate'
>;

const METHOD_PATH = '/stargate.StargateBridge/ExecuteMultiplexed';
const requestCodec = messageCodec<EncodedMultiplexedRequests, unknown>('stargate.EncodedMultiplexedRequests');
const replyCodec = messageCodec<unknown, EncodedMultiplexedReplies__Output>(
  'stargate.EncodedMultiplexedReplies',
);
const CANCEL = Buffer.alloc(0);

type Call = grpc.ClientDuplexStream<EncodedMultiplexedRequests, EncodedMultiplexedReplies__Output>;

interface Stream {
  call: Call;
  /** The bridge said it drains: this stream takes no new requests. */
  draining: boolean;
  /** How the call ended (known before its last replies are read). */
  status: grpc.StatusObject | undefined;
  gone: boolean;
}

interface Pending {
  message: EncodedMultiplexedRequest;
  deadlineAt: number;
  /** The stream it was last written to (undefined while it waits to leave). */
  stream: Stream | undefined;
  /** How often a draining bridge sent it back. */
  resent: number;
  resolve(reply: EncodedMultiplexedReply__Output): void;
  reject(err: BridgeCallError): void;
  timer: NodeJS.Timeout;
  cleanup(): void;
}

export interface SendOptions {
  token: string;
  deadlineMs: number;
  signal?: CancelSignal;
  /** The caller's trace context (tracing on): the bridge's span of this request becomes its child. */
  trace?: TraceHeaders;
  /** The caller's tenant (X-Tenant-Id); undefined: none. */
  tenant?: string;
}

// Replies may lag the bridge's own deadline by network time; this grace keeps the bridge's
// DEADLINE_EXCEEDED (which carries its reason) ahead of the client-side one.
const DEADLINE_GRACE_MS = 250;
// Each resend reaches a new stream on a replica that was not draining when it opened; more than
// this means every replica drains at once.
const MAX_RESENDS = 3;

export class MultiplexedChannel {
  /** The stream new requests go to. */
  private stream: Stream | undefined;
  /** Every open stream: the current one and those of draining bridges still answering. */
  private readonly streams = new Set<Stream>();
  private readonly pending = new Map<string, Pending>();
  /** Requests (and cancels) of this event-loop turn, sent as one stream message on the next. */
  private outgoing: EncodedMultiplexedRequest[] = [];
  private nextId = 1;
  private closed = false;
  /** Requests sent again because a draining bridge did not run them (since start). */
  resent = 0;

  constructor(
    private readonly client: StargateBridgeClient,
    private readonly sourceApi: string,
    private readonly logger: Logger,
  ) {}

  get inFlight(): number {
    return this.pending.size;
  }

  send(body: EncodedBody, options: SendOptions): Promise<EncodedMultiplexedReply__Output> {
    if (this.closed) return Promise.reject(BridgeCallError.unavailable('Bridge client is closed'));
    if (options.signal?.aborted) {
      return Promise.reject(new BridgeCallError(GrpcStatus.CANCELLED, 'Request cancelled'));
    }
    const id = String(this.nextId++);
    const message: EncodedMultiplexedRequest = {
      id,
      deadlineMs: options.deadlineMs,
      token: options.token,
      sourceApi: this.sourceApi,
      ...(options.tenant === undefined ? {} : { tenantId: options.tenant }),
      ...options.trace,
      ...body,
    };
    return new Promise<EncodedMultiplexedReply__Output>((resolve, reject) => {
      const onAbort = () => this.abandon(id, new BridgeCallError(GrpcStatus.CANCELLED, 'Request cancelled'));
      const timer = setTimeout(
        () => this.abandon(id, new BridgeCallError(GrpcStatus.DEADLINE_EXCEEDED, 'Bridge deadline exceeded')),
        options.deadlineMs + DEADLINE_GRACE_MS,
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        message,
        deadlineAt: Date.now() + options.deadlineMs,
        stream: undefined,
        resent: 0,
        resolve,
        reject,
        timer,
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
      });
      this.enqueue(message);
    });
  }

  /** Fails a request here and tells the bridge that was given it to stop it. */
  private abandon(id: string, err: BridgeCallError): void {
    const entry = this.settle(id);
    if (!entry) return;
    entry.reject(err);
    const { stream } = entry;
    // Never left, or its stream ended (and took what ran on it along).
    if (!stream || stream.gone || stream.status) return;
    const cancel = { id, cancel: CANCEL };
    if (stream === this.stream) this.enqueue(cancel);
    else stream.call.write({ requests: [cancel] }); // a draining stream: the cancel goes where the request went
  }

  private enqueue(message: EncodedMultiplexedRequest): void {
    if (this.outgoing.length === 0) setImmediate(this.flush);
    this.outgoing.push(message);
  }

  private readonly flush = (): void => {
    // A request settled before it left (cancelled, timed out) is not sent.
    const requests: EncodedMultiplexedRequest[] = [];
    const leaving: Pending[] = [];
    for (const m of this.outgoing) {
      const entry = m.cancel === undefined ? this.pending.get(m.id as string) : undefined;
      if (entry) leaving.push(entry);
      if (entry || m.cancel !== undefined) requests.push(m);
    }
    this.outgoing = [];
    if (requests.length === 0 || this.closed) return;
    const stream = this.open();
    for (const entry of leaving) entry.stream = stream;
    stream.call.write({ requests });
  };

  private settle(id: string): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.cleanup();
    return entry;
  }

  private open(): Stream {
    if (this.stream) return this.stream;
    const call: Call = this.client.makeBidiStreamRequest(METHOD_PATH, requestCodec.encode, replyCodec.decode);
    const stream: Stream = { call, draining: false, status: undefined, gone: false };
    this.stream = stream;
    this.streams.add(stream);
    call.on('data', (batch: EncodedMultiplexedReplies__Output) => {
      for (const reply of batch.replies ?? []) {
        const id = String(reply.id ?? '');
        if (reply.body === 'notExecuted') this.sendAgain(id, stream);
        else this.settle(id)?.resolve(reply);
      }
    });
    // 'error' and 'status' come first, 'end' only after every reply was read: a request still
    // pending at 'end' never got one (and, on a stream that ended OK, did not run).
    call.on('status', (status: grpc.StatusObject) => {
      stream.status = status;
      // Requests from now on go to a new stream.
      if (this.stream === stream) this.stream = undefined;
    });
    call.on('error', () => undefined); // reported by 'status'; an 'error' with no listener throws
    call.on('end', () => this.gone(stream));
    call.on('close', () => this.gone(stream));
    return stream;
  }

  /** The bridge did not run this request (it drains): it goes out again on another stream. */
  private sendAgain(id: string, from: Stream): void {
    this.retire(from);
    const entry = this.pending.get(id);
    if (!entry || entry.stream !== from) return;
    entry.stream = undefined;
    if (++entry.resent > MAX_RESENDS) {
      this.settle(id)?.reject(BridgeCallError.unavailable('Every bridge replica is draining'));
      return;
    }
    // The same deadline as before: the time spent so far counts.
    entry.message.deadlineMs = Math.max(1, entry.deadlineAt - Date.now());
    this.resent++;
    this.enqueue(entry.message);
  }

  /** New requests stop going to a stream whose bridge drains; it stays open for its replies. */
  private retire(stream: Stream): void {
    if (stream.draining) return;
    stream.draining = true;
    if (this.stream === stream) this.stream = undefined;
    // Routine: a bridge ends each stream after its age (BRIDGE_MAX_CONNECTION_AGE_MS), and drains all on shutdown.
    this.logger.debug('bridge stream draining: new requests go to a new stream');
  }

  private gone(stream: Stream): void {
    if (stream.gone) return;
    stream.gone = true;
    this.streams.delete(stream);
    if (this.stream === stream) this.stream = undefined;
    const mine = [...this.pending].filter(([, entry]) => entry.stream === stream).map(([id]) => id);
    if (mine.length === 0) return;
    if (stream.status?.code === GrpcStatus.OK) {
      // Ended OK: every request it ran was answered, so these never ran.
      for (const id of mine) this.sendAgain(id, stream);
      return;
    }
    const reason = stream.status?.details || 'closed';
    this.logger.warn({ inFlight: mine.length, reason }, 'bridge stream broke');
    for (const id of mine) {
      this.settle(id)?.reject(BridgeCallError.unavailable(`Bridge stream closed: ${reason}`));
    }
  }

  close(): void {
    this.closed = true;
    for (const id of [...this.pending.keys()]) {
      this.settle(id)?.reject(BridgeCallError.unavailable('Bridge client closed'));
    }
    for (const stream of [...this.streams]) {
      stream.gone = true;
      stream.call.end();
      stream.call.cancel();
    }
    this.streams.clear();
    this.stream = undefined;
  }

  /** For tests and operations: breaks the current stream as a network failure would. */
  breakStream(): void {
    this.stream?.call.cancel();
  }
}
