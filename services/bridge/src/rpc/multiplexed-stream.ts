// ExecuteMultiplexed: many requests on one long-lived stream. Each request has an id, its own
// token, deadline and reply status; a failing, timed-out or cancelled request never ends the
// stream, and the stream closes only after every request on it got its reply. Requests come in
// batches (one stream message per event-loop turn of the API process) and replies leave the same
// way: the replies ready in one turn go out as one stream message. When the bridge drains, a stream
// finishes the requests it started, answers later ones NotExecuted and then ends with status OK;
// the API sends those again on a new stream. A stream also drains so once it is old enough (see
// multiplexedStreamMaxAgeMs), which moves the API's hot path to the replica round robin picks next.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { ConnectionAge } from '../../../common/src/grpc/connection-age.js';
import type { MultiplexedReplies } from '../../../common/src/proto/generated/stargate/MultiplexedReplies.js';
import type { MultiplexedReply } from '../../../common/src/proto/generated/stargate/MultiplexedReply.js';
import type { MultiplexedRequest__Output } from '../../../common/src/proto/generated/stargate/MultiplexedRequest.js';
import type { MultiplexedRequests__Output } from '../../../common/src/proto/generated/stargate/MultiplexedRequests.js';
import { activeTracing, type TraceSpan } from '../../../common/src/tracing/tracing.js';
import { BridgeError } from '../errors/bridge-error.js';
import type { BridgeOperations, CallContext } from './bridge-operations.js';
import { readTenant } from './call-metadata.js';
import type { StreamDrain } from './stream-drain.js';
import { isInternal, toBridgeError, toRpcStatus } from './to-service-error.js';
import type { HandlerDeps } from './unary-handler.js';

interface Pending {
  settled: boolean;
  timer?: NodeJS.Timeout;
  /** Its span, when tracing is on: ended with the reply. */
  span?: TraceSpan;
}

// A traced request is named after the unary RPC that does the same (Authenticate has none: it is
// the token check alone).
const TRACED_NAMES: Record<string, string> = {
  query: 'stargate.StargateBridge/ExecuteQuery',
  batch: 'stargate.StargateBridge/ExecuteBatch',
  queryWithSchema: 'stargate.StargateBridge/ExecuteQueryWithSchema',
  describeKeyspace: 'stargate.StargateBridge/DescribeKeyspace',
  authorizeSchemaReads: 'stargate.StargateBridge/AuthorizeSchemaReads',
  authenticate: 'stargate.StargateBridge/Authenticate',
};

interface Queued {
  id: string;
  request: MultiplexedRequest__Output;
  entry: Pending;
}

/**
 * How long a multiplexed stream takes new requests: never longer than its connection's age, and
 * never longer than half the grace after it. grpc-js closes a connection the grace period after
 * its GOAWAY, and cannot say which connection a call is on, so a stream opened just before the
 * GOAWAY must end by itself within the grace: it drains after half of it, and the requests it
 * started have the other half to finish (more than the Cassandra request timeout by default).
 * 0: no limit.
 */
export function multiplexedStreamMaxAgeMs(age: ConnectionAge): number {
  if (age.maxAgeMs <= 0) return 0;
  return Math.min(age.maxAgeMs, Math.floor(age.graceMs / 2));
}

export interface MultiplexedOptions {
  /** The bridge's drain switch (shutdown). */
  drain: StreamDrain;
  /** multiplexedStreamMaxAgeMs; 0: streams drain only on shutdown. */
  maxAgeMs: number;
}

export function multiplexedHandler(
  deps: HandlerDeps,
  operations: BridgeOperations,
  options: MultiplexedOptions,
) {
  const { drain } = options;
  return (call: ServerDuplexStream<MultiplexedRequests__Output, MultiplexedReplies>): void => {
    const pending = new Map<string, Pending>();
    let clientDone = false;
    let draining = false;
    let ended = false;
    let stopWatchingDrain: (() => void) | undefined;
    let ageTimer: NodeJS.Timeout | undefined;

    let outgoing: MultiplexedReply[] = [];
    const flush = () => {
      if (outgoing.length === 0) return;
      const replies = outgoing;
      outgoing = [];
      if (!ended && !call.cancelled) call.write({ replies });
    };
    const send = (message: MultiplexedReply) => {
      if (outgoing.length === 0) setImmediate(flush);
      outgoing.push(message);
    };

    // Requests that arrive in one event-loop turn start together on the next: they then reach
    // cassandra-driver in the same tick, and its write queue sends them to Cassandra in one socket
    // write instead of one write per request (the requests arrive one HTTP/2 frame at a time).
    let queue: Queued[] = [];
    const startQueued = () => {
      const batch = queue;
      queue = [];
      for (const { id, request, entry } of batch) {
        if (!entry.settled) start(id, request, entry);
      }
    };

    const maybeEnd = () => {
      if ((clientDone || draining) && pending.size === 0 && !ended) {
        flush();
        ended = true;
        stopWatchingDrain?.();
        clearTimeout(ageTimer);
        call.end();
      }
    };

    const reply = (id: string, entry: Pending, message: Omit<MultiplexedReply, 'id'>) => {
      if (entry.settled) return;
      entry.settled = true;
      if (entry.timer) clearTimeout(entry.timer);
      if (entry.span) activeTracing()?.endRpcSpan(entry.span, message.status?.code ?? GrpcStatus.OK);
      pending.delete(id);
      send({ id, ...message });
      maybeEnd();
    };

    call.on('data', (batch: MultiplexedRequests__Output) => {
      // Once the stream has ended nothing more runs: the client takes every request that got no
      // reply on a stream that ended OK as not executed, and sends it again.
      if (ended) return;
      for (const request of batch.requests ?? []) accept(request);
    });

    const accept = (request: MultiplexedRequest__Output) => {
      const id = String(request.id ?? '0');
      if (request.body === 'cancel') {
        const entry = pending.get(id);
        if (entry)
          reply(id, entry, { status: { code: GrpcStatus.CANCELLED, message: 'Cancelled by the client' } });
        return;
      }
      if (pending.has(id)) {
        // The request in flight keeps its id; only the duplicate is refused.
        send({
          id,
          status: { code: GrpcStatus.INVALID_ARGUMENT, message: `Request id ${id} is already in use` },
        });
        return;
      }
      if (draining) {
        deps.metrics.notExecuted();
        send({ id, notExecuted: {} });
        return;
      }
      // Over this connection's in-flight limit: refused at once, never queued (rpc/load-limits.ts).
      if (deps.load.maxInFlightPerStream > 0 && pending.size >= deps.load.maxInFlightPerStream) {
        deps.metrics.shed('stream_in_flight');
        send({ id, status: deps.load.streamOverloadedStatus });
        return;
      }
      const entry: Pending = { settled: false };
      pending.set(id, entry);
      if (queue.length === 0) setImmediate(startQueued);
      queue.push({ id, request, entry });
    };

    const start = (id: string, request: MultiplexedRequest__Output, entry: Pending) => {
      const rpc = request.body ?? 'unknown';
      const startedAt = process.hrtime.bigint();
      const deadlineMs = request.deadlineMs ?? 0;
      if (deadlineMs > 0) {
        entry.timer = setTimeout(() => {
          deps.metrics.observeRpc(`multiplexed.${rpc}`, GrpcStatus.DEADLINE_EXCEEDED, deadlineMs / 1000);
          reply(id, entry, { status: { code: GrpcStatus.DEADLINE_EXCEEDED, message: 'Deadline exceeded' } });
        }, deadlineMs);
      }
      // Traced: a child of the API request's span (its trace context came with the request).
      const tracing = activeTracing();
      if (tracing) {
        entry.span = tracing.startRpcSpan(TRACED_NAMES[rpc] ?? `stargate.StargateBridge/${rpc}`, request, {
          'stargate.source_api': request.sourceApi ?? '',
        });
      }
      const run = () => dispatch(request, deadlineMs);
      (tracing && entry.span ? tracing.withSpan(entry.span, run) : run()).then(
        (message) => {
          if (entry.settled) return;
          deps.metrics.observeRpc(
            `multiplexed.${rpc}`,
            GrpcStatus.OK,
            Number(process.hrtime.bigint() - startedAt) / 1e9,
          );
          reply(id, entry, message);
        },
        (err: unknown) => {
          if (entry.settled) return;
          const e = toBridgeError(err);
          if (isInternal(e)) deps.logger.error({ err, rpc }, 'multiplexed request failed');
          deps.metrics.observeRpc(
            `multiplexed.${rpc}`,
            e.code,
            Number(process.hrtime.bigint() - startedAt) / 1e9,
          );
          reply(id, entry, { status: toRpcStatus(e) });
        },
      );
    };

    call.on('end', () => {
      clientDone = true;
      maybeEnd();
    });
    const abandon = () => {
      clientDone = true;
      ended = true;
      stopWatchingDrain?.();
      clearTimeout(ageTimer);
      for (const entry of pending.values()) {
        entry.settled = true;
        if (entry.timer) clearTimeout(entry.timer);
        if (entry.span) activeTracing()?.endRpcSpan(entry.span, GrpcStatus.CANCELLED);
      }
      pending.clear();
    };
    call.on('cancelled', abandon);
    call.on('error', abandon);

    const startDraining = () => {
      draining = true;
      maybeEnd();
    };
    stopWatchingDrain = drain.register(startDraining);
    // A stream opened after the drain began has just ended (above), before it could unregister.
    if (ended) {
      stopWatchingDrain();
      return;
    }
    if (options.maxAgeMs > 0) {
      // Up to 10 % early, so streams opened together do not all move at the same moment.
      ageTimer = setTimeout(
        () => {
          if (ended || draining) return;
          deps.metrics.streamAged();
          startDraining();
        },
        options.maxAgeMs * (0.9 + Math.random() * 0.1),
      );
      ageTimer.unref();
    }
  };

  async function dispatch(
    request: MultiplexedRequest__Output,
    deadlineMs: number,
  ): Promise<Omit<MultiplexedReply, 'id'>> {
    if (!request.sourceApi) throw BridgeError.invalid('No X-Source-Api provided');
    const principal = await deps.authenticator.authenticate(
      request.token || undefined,
      request.body === 'authenticate' ? 'check' : 'request',
    );
    const ctx: CallContext = {
      principal,
      timeoutMs: deadlineMs > 0 ? deadlineMs : undefined,
      tenant: readTenant(request.tenantId),
    };
    switch (request.body) {
      case 'query':
        return { response: await operations.executeQuery(request.query!, ctx) };
      case 'batch':
        return { response: await operations.executeBatch(request.batch!, ctx) };
      case 'queryWithSchema':
        return { queryWithSchema: await operations.executeQueryWithSchema(request.queryWithSchema!, ctx) };
      case 'describeKeyspace':
        return { keyspace: await operations.describeKeyspace(request.describeKeyspace!, ctx) };
      case 'authenticate':
        // Done above: an API asks before answering a request that needs no statement.
        return { authenticated: { trustedForMs: Math.max(0, (principal.trustedUntil ?? 0) - Date.now()) } };
      case 'authorizeSchemaReads':
        return {
          authorizeSchemaReads: await operations.authorizeSchemaReads(request.authorizeSchemaReads!, ctx),
        };
      default:
        throw BridgeError.invalid('A multiplexed request needs a body');
    }
  }
}
