// A stargate.Stargate call's message is read only once its token is valid. grpc-js reads a unary
// call's whole message before the handler runs, and keeps its stream paused until the handler asks
// for it: asked at once, 100 calls without any token, each sending all but the last byte of a
// 4 MB message, held ~400 MB of the API's memory (its pod's limit is 384 MiB) for as long as their
// connection stayed open. Held back here, HTTP/2 flow control stops such a client after one window
// (64 KiB per stream), and a call without a valid token ends with its status before a byte of its
// message is read. The handlers check the token again (a memory lookup once it is trusted).
// A unary call whose message does not arrive within `receiveTimeoutMs` after that (a client with a
// valid token that stalls) ends with DEADLINE_EXCEEDED, which frees what was buffered of it.
import * as grpc from '@grpc/grpc-js';
import type { TokenValidator } from '../../../common/src/auth/token-validator.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { toGrpcFailure, toServiceError } from '../../../common/src/grpc/to-grpc-status.js';
import type { GrpcMetrics } from '../metrics/grpc-metrics.js';
import { authenticateCall } from './authenticate-call.js';

const GUARDED = '/stargate.Stargate/';

export interface AuthenticateFirstDeps {
  tokens: TokenValidator;
  metrics: GrpcMetrics;
  /** Time a unary call's message has to arrive once its token is valid (0: no limit). */
  receiveTimeoutMs: number;
}

export function authenticateFirst(deps: AuthenticateFirstDeps): grpc.ServerInterceptor {
  return (method, next) => {
    // Health and reflection are public.
    if (!method.path.startsWith(GUARDED)) return new grpc.ServerInterceptingCall(next);
    const name = method.path.slice(GUARDED.length);
    const startedAt = process.hrtime.bigint();
    const timed = !method.requestStream && deps.receiveTimeoutMs > 0;
    let timer: NodeJS.Timeout | undefined;
    const stopTimer = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    };
    const end = (err: unknown) => {
      stopTimer();
      deps.metrics.observe(name, toGrpcFailure(err).code, startedAt);
      call.sendStatus(toServiceError(err));
    };
    // Plain objects rather than grpc-js's builders: this runs for every call.
    const listener: grpc.ServerListener = {
      onReceiveMetadata: (metadata, pass) =>
        authenticateCall(
          metadata,
          deps.tokens,
          () => {
            if (timed) {
              const ms = deps.receiveTimeoutMs;
              timer = setTimeout(() => end(new ApiError('REQUEST_NOT_RECEIVED', { ms })), ms).unref();
            }
            pass(metadata);
          },
          end,
        ),
      onReceiveMessage: (message, pass) => {
        stopTimer();
        pass(message);
      },
      onCancel: stopTimer,
    };
    const call: grpc.ServerInterceptingCall = new grpc.ServerInterceptingCall(next, {
      start: (start) => start(listener),
    });
    return call;
  };
}
