// ExecuteQuery and ExecuteBatch: a valid token, then the bridge request (bounded by the client's deadline
// and cancelled with the call), then the response or the bridge's status and detail trailers as
// they came.
import type * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CancelSource } from '../../../common/src/bridge/cancel-signal.js';
import { toGrpcFailure, toServiceError } from '../../../common/src/grpc/to-grpc-status.js';
import type { InvalidMessage } from '../../../common/src/proto/invalid-message.js';
import { runAsTenant } from '../../../common/src/tenancy/tenant-context.js';
import { activeTracing, metadataCarrier } from '../../../common/src/tracing/tracing.js';
import type { ClientMessage } from '../server/public-service.js';
import { authenticateCall } from './authenticate-call.js';
import { outcomeCode } from './call-context.js';
import { executeMessage } from './execute-message.js';
import type { Operation } from './operations.js';
import type { RpcDeps } from './rpc-deps.js';

export function unaryHandler(
  operation: Operation,
  deps: RpcDeps,
): grpc.handleUnaryCall<ClientMessage | InvalidMessage, Buffer> {
  const method = operation.unaryMethod;
  return (call, callback) => {
    const startedAt = process.hrtime.bigint();
    // Traced: a child of the client's traceparent (call metadata); the bridge request inherits it.
    const tracing = activeTracing();
    const span = tracing?.startRpcSpan(`stargate.Stargate/${method}`, metadataCarrier(call.metadata));
    const abort = new CancelSource();
    let answered = false;
    let tenant: string | undefined;
    // grpc-js emits 'cancelled' when any call's HTTP/2 stream closes, answered or not.
    call.on('cancelled', () => {
      if (!answered) abort.abort();
    });
    const fail = (err: unknown) => {
      answered = true;
      const failure = toGrpcFailure(err);
      if (failure.internal) deps.logger.error({ err, method, tenant }, 'gRPC call failed');
      const code = outcomeCode(failure.code, call.cancelled, call.getDeadline());
      deps.metrics.observe(method, code, startedAt);
      deps.tenancy?.count(tenant, true);
      if (span) tracing?.endRpcSpan(span, code);
      callback(toServiceError(err));
    };
    const run = (token: string) =>
      runAsTenant(tenant, () =>
        executeMessage(
          operation,
          call.request,
          { token, deadline: call.getDeadline(), signal: abort.signal },
          deps,
        ),
      ).then((response) => {
        answered = true;
        deps.metrics.observe(method, GrpcStatus.OK, startedAt);
        deps.tenancy?.count(tenant, false);
        if (span) tracing?.endRpcSpan(span, GrpcStatus.OK);
        callback(null, response);
      }, fail);
    const authenticate = () => {
      try {
        tenant = deps.tenancy?.resolve(call.getHost());
      } catch (err) {
        fail(err);
        return;
      }
      authenticateCall(call.metadata, deps.tokens, run, fail);
    };
    if (tracing && span) tracing.withSpan(span, authenticate);
    else authenticate();
  };
}
