// The API side of the bridge's multiplexed stream: one long-lived ExecuteMultiplexed call carries
// every hot-path request of this process. Each request has an id, a deadline and an optional abort
// signal; replies are matched by id. If the stream breaks, every request in flight fails with
// UNAVAILABLE (never hangs) and the next request opens a new stream. The requests of one
// event-loop turn leave as one stream message (see ExecuteMultiplexed). Bodies travel encoded (see
// EncodedMultiplexedRequest in bridge.proto): the caller decides whether to decode them.
import type * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { EncodedMultiplexedReplies__Output } from '../proto/generated/stargate/EncodedMultiplexedReplies.js';
import type { EncodedMultiplexedReply__Output } from '../proto/generated/stargate/EncodedMultiplexedReply.js';
import type { EncodedMultiplexedRequest } from '../proto/generated/stargate/EncodedMultiplexedRequest.js';
import type { EncodedMultiplexedRequests } from '../proto/generated/stargate/EncodedMultiplexedRequests.js';
import type { StargateBridgeClient } from '../proto/generated/stargate/StargateBridge.js';
import { messageCodec } from '../proto/message-codec.js';
import { BridgeCallError } from './bridge-call-error.js';
import type { CancelSignal } from './cancel-signal.js';

export type EncodedBody = Omit<
  EncodedMultiplexedRequest,
  'id' | 'deadlineMs' | 'token' | 'sourceApi' | 'tenantId'
>;

const METHOD_PATH = '/stargate.StargateBridge/ExecuteMultiplexed';
const requestCodec = messageCodec<EncodedMultiplexedRequests, unknown>('stargate.EncodedMultiplexedRequests');
const replyCodec = messageCodec<unknown, EncodedMultiplexedReplies__Output>(
  'stargate.EncodedMultiplexedReplies',
);
const CANCEL = Buffer.alloc(0);

interface Pending {
  resolve(reply: EncodedMultiplexedReply__Output): void;
  reject(err: BridgeCallError): void;
  timer: NodeJS.Timeout;
  cleanup(): void;
}

export interface SendOptions {
  token: string;
  deadlineMs: number;
  signal?: CancelSignal;
}

// Replies may lag the bridge's own deadline by network time; this grace keeps the bridge's
// DEADLINE_EXCEEDED (which carries its reason) ahead of the client-side one.
const DEADLINE_GRACE_MS = 250;

export class MultiplexedChannel {
  private stream:
    | grpc.ClientDuplexStream<EncodedMultiplexedRequests, EncodedMultiplexedReplies__Output>
    | undefined;
  private readonly pending = new Map<string, Pending>();
  /** Requests (and cancels) of this event-loop turn, sent as one stream message on the next. */
  private outgoing: EncodedMultiplexedRequest[] = [];
  private nextId = 1;
  private closed = false;

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
    return new Promise<EncodedMultiplexedReply__Output>((resolve, reject) => {
      const onAbort = () => {
        this.settle(id)?.reject(new BridgeCallError(GrpcStatus.CANCELLED, 'Request cancelled'));
        this.enqueue({ id, cancel: CANCEL });
      };
      const timer = setTimeout(() => {
        this.settle(id)?.reject(
          new BridgeCallError(GrpcStatus.DEADLINE_EXCEEDED, 'Bridge deadline exceeded'),
        );
        this.enqueue({ id, cancel: CANCEL });
      }, options.deadlineMs + DEADLINE_GRACE_MS);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve,
        reject,
        timer,
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
      });
      this.enqueue({
        id,
        deadlineMs: options.deadlineMs,
        token: options.token,
        sourceApi: this.sourceApi,
        ...body,
      });
    });
  }

  private enqueue(message: EncodedMultiplexedRequest): void {
    if (this.outgoing.length === 0) setImmediate(this.flush);
    this.outgoing.push(message);
  }

  private readonly flush = (): void => {
    // A request settled before it left (cancelled, timed out, or its stream broke) is not sent; a
    // cancel for an id the bridge does not know is ignored there.
    const requests = this.outgoing.filter((m) => m.cancel !== undefined || this.pending.has(m.id as string));
    this.outgoing = [];
    if (requests.length > 0 && !this.closed) this.open().write({ requests });
  };

  private settle(id: string): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.cleanup();
    return entry;
  }

  private open(): grpc.ClientDuplexStream<EncodedMultiplexedRequests, EncodedMultiplexedReplies__Output> {
    if (this.stream) return this.stream;
    const stream = this.client.makeBidiStreamRequest(METHOD_PATH, requestCodec.encode, replyCodec.decode);
    this.stream = stream;
    stream.on('data', (batch: EncodedMultiplexedReplies__Output) => {
      for (const reply of batch.replies ?? []) this.settle(String(reply.id ?? ''))?.resolve(reply);
    });
    const broken = (reason: string) => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      if (this.pending.size > 0)
        this.logger.warn({ inFlight: this.pending.size, reason }, 'bridge stream broke');
      for (const id of [...this.pending.keys()]) {
        this.settle(id)?.reject(BridgeCallError.unavailable(`Bridge stream closed: ${reason}`));
      }
    };
    stream.on('error', (err: grpc.ServiceError) => broken(err.details || err.message));
    stream.on('end', () => broken('ended by the bridge'));
    stream.on('close', () => broken('closed'));
    return stream;
  }

  close(): void {
    this.closed = true;
    const stream = this.stream;
    this.stream = undefined;
    for (const id of [...this.pending.keys()]) {
      this.settle(id)?.reject(BridgeCallError.unavailable('Bridge client closed'));
    }
    stream?.end();
    stream?.cancel();
  }

  /** For tests and operations: breaks the current stream as a network failure would. */
  breakStream(): void {
    this.stream?.cancel();
  }
}
