// A StargateBridge unary call's message is read only once its token is valid, as the gRPC API does
// for its own callers (services/grpc/src/rpc/authenticate-first.ts): grpc-js reads a unary call's
// whole message before the handler (which authenticates) runs, so calls without a token that send
// large messages slowly would hold the bridge's memory for as long as their connections stay open.
// Held back here, HTTP/2 flow control stops such a client after one window, and the call ends with
// its status before a byte of its message is read. Only the APIs reach the bridge (NetworkPolicy);
// this keeps a misbehaving or compromised client from taking it down all the same.
// Public: GetSupportedFeatures (the APIs' readiness probe, no token). The multiplexed stream carries
// a token per request inside its messages, so it is checked per request, as before.
import * as grpc from '@grpc/grpc-js';
import type { Authenticator } from '../auth/authenticator.js';
import type { BridgeMetrics } from '../metrics/bridge-metrics.js';
import { readCallMetadata } from './call-metadata.js';
import { toBridgeError, toServiceError } from './to-service-error.js';

const SERVICE = '/stargate.StargateBridge/';
const PUBLIC = new Set([`${SERVICE}GetSupportedFeatures`]);

export interface AuthenticateFirstDeps {
  authenticator: Authenticator;
  metrics: BridgeMetrics;
}

export function authenticateFirst(deps: AuthenticateFirstDeps): grpc.ServerInterceptor {
  return (method, next) => {
    if (!method.path.startsWith(SERVICE) || PUBLIC.has(method.path) || method.requestStream) {
      return new grpc.ServerInterceptingCall(next);
    }
    const rpc = method.path.slice(SERVICE.length);
    const startedAt = process.hrtime.bigint();
    const refuse = (err: unknown) => {
      const e = toBridgeError(err);
      deps.metrics.observeRpc(rpc, e.code, Number(process.hrtime.bigint() - startedAt) / 1e9);
      call.sendStatus(toServiceError(e));
    };
    // A plain object rather than grpc-js's builder: this runs for every unary call.
    const listener: grpc.ServerListener = {
      onReceiveMetadata: (metadata, pass) => {
        let token: string;
        try {
          token = readCallMetadata(metadata).token;
        } catch (err) {
          refuse(err);
          return;
        }
        // The handler authenticates again: answered from the authenticator's cache.
        deps.authenticator.authenticate(token).then(() => pass(metadata), refuse);
      },
    };
    const call: grpc.ServerInterceptingCall = new grpc.ServerInterceptingCall(next, {
      start: (start) => start(listener),
    });
    return call;
  };
}
