// ExecuteQueryStream and ExecuteBatchStream: every message gets exactly one StreamingResponse, in
// the order the messages came (a StreamingResponse carries no id, so order is how a client pairs
// them). Messages run concurrently on the bridge, as Stargate runs them; a failed message answers
// with its status and the stream goes on. The stream ends when the client has half-closed and every
// message got its reply. Cancelling the call cancels the bridge requests still running.
import type * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CancelSource } from '../../../common/src/bridge/cancel-signal.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { toGrpcFailure, toServiceError, toStreamStatus } from '../../../common/src/grpc/to-grpc-status.js';
import type { InvalidMessage } from '../../../common/src/proto/invalid-message.js';
import { runAsTenant } from '../../../common/src/tenancy/tenant-context.js';
import { activeTracing, metadataCarrier } from '../../../common/src/tracing/tracing.js';
import type { ClientMessage, StreamingReply } from '../server/public-service.js';
import { authenticateCall } from './authenticate-call.js';
import { outcomeCode } from './call-context.js';
import { executeMessage } from './execute-message.js';
import type { Operation } from './operations.js';
import type { RpcDeps } from './rpc-deps.js';

/** Messages of one stream being executed or waiting for an earlier reply; more are not read. */
export const MAX_IN_FLIGHT_PER_STREAM = 128;

export type EncodeStreamingResponse = (reply: StreamingReply) => Buffer;

export function streamHandler(
  operation: Operation,
  deps: RpcDeps,
  encode: EncodeStreamingResponse,
): grpc.handleBidiStreamingCall<ClientMessage | InvalidMessage, Buffer> {
  const method = operation.streamMethod;
  return (call) => {
    // As Stargate's interceptor: the whole call fails, before any message is read.
    const refuse = (err: unknown) => {
      deps.metrics.observe(method, toGrpcFailure(err).code, process.hrtime.bigint());
      call.emit('error', toServiceError(err));
    };
    let tenant: string | undefined;
    try {
      tenant = deps.tenancy?.resolve(call.getHost());
    } catch (err) {
      refuse(err);
      return;
    }
    authenticateCall(call.metadata, deps.tokens, (token) => serve(call, token, tenant), refuse);
  };

  function serve(
    call: grpc.ServerDuplexStream<ClientMessage | InvalidMessage, Buffer>,
    token: string,
    tenant: string | undefined,
  ): void {
    // Cancelled while its token was being checked: nothing was read, nothing is left to do.
    if (call.cancelled) return;
    deps.metrics.streamOpened(method);
    // Traced: a span per message, each a child of the client's traceparent (the call's metadata).
    const tracing = activeTracing();
    const carrier = tracing ? metadataCarrier(call.metadata) : undefined;

    const replies = new Map<number, Buffer>();
    const running = new Set<CancelSource>();
    let received = 0;
    let written = 0;
    let clientDone = false;
    let closed = false;
    let waitingForDrain = false;

    const close = () => {
      if (closed) return;
      closed = true;
      deps.metrics.streamClosed(method);
    };

    const updateFlow = () => {
      const busy = received - written >= MAX_IN_FLIGHT_PER_STREAM || waitingForDrain;
      if (busy && !call.isPaused()) call.pause();
      else if (!busy && call.isPaused() && !clientDone) call.resume();
    };

    const flush = () => {
      for (let bytes = replies.get(written); bytes !== undefined; bytes = replies.get(written)) {
        replies.delete(written);
        written++;
        if (!closed && !call.cancelled && !call.write(bytes)) waitingForDrain = true;
      }
      if (clientDone && written === received && !closed) {
        close();
        call.end();
        return;
      }
      updateFlow();
    };

    call.on('drain', () => {
      waitingForDrain = false;
      updateFlow();
    });

    call.on('data', (request: ClientMessage | InvalidMessage) => {
      const seq = received++;
      const startedAt = process.hrtime.bigint();
      const abort = new CancelSource();
      running.add(abort);
      updateFlow();
      const span = tracing?.startRpcSpan(`stargate.Stargate/${method}`, carrier);
      const run = () =>
        runAsTenant(tenant, () =>
          executeMessage(
            operation,
            request,
            { token, deadline: call.getDeadline(), signal: abort.signal },
            deps,
          ),
        );
      (tracing && span ? tracing.withSpan(span, run) : run())
        .then(
          (response): StreamingReply => {
            deps.metrics.observe(method, GrpcStatus.OK, startedAt);
            deps.tenancy?.count(tenant, false);
            if (span) tracing?.endRpcSpan(span, GrpcStatus.OK);
            return { response };
          },
          (err: unknown): StreamingReply => {
            const failure = toGrpcFailure(err);
            if (failure.internal) deps.logger.error({ err, method, tenant }, 'streamed message failed');
            const code = outcomeCode(failure.code, call.cancelled, call.getDeadline());
            deps.metrics.observe(method, code, startedAt);
            deps.tenancy?.count(tenant, true);
            if (span) tracing?.endRpcSpan(span, code);
            return { status: toStreamStatus(err) };
          },
        )
        .then((reply) => {
          running.delete(abort);
          replies.set(seq, encodeWithinLimit(reply, encode, deps.maxMessageBytes));
          flush();
        });
    });

    call.on('end', () => {
      clientDone = true;
      flush();
    });

    // 'cancelled' also comes after a normal end (grpc-js emits it when the HTTP/2 stream closes);
    // by then nothing is running. 'error' is a broken transport: nothing more can be written.
    const abandon = () => {
      for (const abort of running) abort.abort();
      running.clear();
      close();
    };
    call.on('cancelled', abandon);
    call.on('error', abandon);
  }
}

/** A reply larger than the client accepts would end the whole stream; it becomes that message's status. */
function encodeWithinLimit(reply: StreamingReply, encode: EncodeStreamingResponse, limit: number): Buffer {
  const bytes = encode(reply);
  if (bytes.length <= limit) return bytes;
  const err = new ApiError('GRPC_RESPONSE_TOO_LARGE', { size: bytes.length, limit });
  return encode({ status: toStreamStatus(err) });
}
