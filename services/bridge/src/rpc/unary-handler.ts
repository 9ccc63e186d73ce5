// Wraps one bridge operation as a grpc-js unary handler: refuses it at once over the unary in-flight
// limit, reads the call metadata, authenticates, passes the caller's remaining deadline down, maps
// errors, records latency.
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { InvalidMessage } from '../../../common/src/proto/invalid-message.js';
import { activeTracing, metadataCarrier } from '../../../common/src/tracing/tracing.js';
import type { Authenticator } from '../auth/authenticator.js';
import { BridgeError } from '../errors/bridge-error.js';
import type { BridgeMetrics } from '../metrics/bridge-metrics.js';
import type { CallContext } from './bridge-operations.js';
import { readCallMetadata } from './call-metadata.js';
import type { BridgeLoadLimits } from './load-limits.js';
import { isInternal, toBridgeError, toServiceError } from './to-service-error.js';

export interface HandlerDeps {
  authenticator: Authenticator;
  metrics: BridgeMetrics;
  logger: Logger;
  load: BridgeLoadLimits;
}

function remainingMs(deadline: Date | number | undefined): number | undefined {
  if (deadline === undefined || deadline === Number.POSITIVE_INFINITY) return undefined;
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Math.max(1, at - Date.now());
}

export function unaryHandler<Req, Res>(
  rpc: string,
  deps: HandlerDeps,
  operation: (request: Req, ctx: CallContext) => Promise<Res>,
  options: { requireToken?: boolean } = {},
) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    const start = process.hrtime.bigint();
    // Not the APIs' readiness probe (GetSupportedFeatures, no token): a trace every few seconds.
    const tracing = options.requireToken === false ? undefined : activeTracing();
    const span = tracing?.startRpcSpan(`stargate.StargateBridge/${rpc}`, metadataCarrier(call.metadata));
    const finish = (code: GrpcStatus) => {
      deps.metrics.observeRpc(rpc, code, Number(process.hrtime.bigint() - start) / 1e9);
      if (span) tracing?.endRpcSpan(span, code);
    };
    // Calls without a token (GetSupportedFeatures, the APIs' readiness probe) are never refused.
    const limited = options.requireToken !== false;
    if (limited && !deps.load.unary.tryAcquire()) {
      deps.metrics.shed('unary_in_flight');
      finish(GrpcStatus.RESOURCE_EXHAUSTED);
      callback(
        toServiceError(deps.load.overloaded(`${deps.load.unary.max} unary calls in flight, the limit`)),
      );
      return;
    }
    const release = () => {
      if (limited) deps.load.unary.release();
    };
    const run = async () => {
      const meta = readCallMetadata(call.metadata, options.requireToken !== false);
      const principal = await deps.authenticator.authenticate(meta.token || undefined).catch((err) => {
        if (options.requireToken === false) return { role: '' };
        throw err;
      });
      if (call.request instanceof InvalidMessage) {
        const { typeName: type, reason: detail } = call.request;
        throw BridgeError.invalid(new ApiError('GRPC_MESSAGE_INVALID', { type, detail }).message);
      }
      return operation(call.request, {
        principal,
        timeoutMs: remainingMs(call.getDeadline()),
        tenant: meta.tenant,
      });
    };
    (tracing && span ? tracing.withSpan(span, run) : run()).then(
      (response) => {
        release();
        finish(GrpcStatus.OK);
        callback(null, response);
      },
      (err: unknown) => {
        release();
        const e = toBridgeError(err);
        if (isInternal(e)) deps.logger.error({ err, rpc }, 'bridge request failed');
        finish(e.code);
        callback(toServiceError(e));
      },
    );
  };
}
