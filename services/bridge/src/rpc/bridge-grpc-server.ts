// The bridge's gRPC server: Stargate's six StargateBridge RPCs plus ExecuteMultiplexed.
import * as grpc from '@grpc/grpc-js';
import { type ConnectionAge, connectionAgeOptions } from '../../../common/src/grpc/connection-age.js';
import type { StargateBridgeHandlers } from '../../../common/src/proto/generated/stargate/StargateBridge.js';
import type { MethodTypes } from '../../../common/src/proto/grpc-service-definition.js';
import { InvalidMessage } from '../../../common/src/proto/invalid-message.js';
import { loadBridgeProto } from '../../../common/src/proto/load-protos.js';
import { authenticateFirst } from './authenticate-first.js';
import type { BridgeOperations } from './bridge-operations.js';
import { multiplexedHandler, multiplexedStreamMaxAgeMs } from './multiplexed-stream.js';
import { responseSerializers } from './response-serializers.js';
import type { StreamDrain } from './stream-drain.js';
import { type HandlerDeps, unaryHandler } from './unary-handler.js';

export interface BridgeServerOptions {
  maxMessageBytes: number;
  /** Tells the open multiplexed streams to drain when the bridge shuts down. */
  drain: StreamDrain;
  /** BRIDGE_MAX_CONNECTION_AGE_MS and its grace: API processes reconnect and spread over new replicas. */
  connectionAge: ConnectionAge;
}

export function createBridgeGrpcServer(
  deps: HandlerDeps,
  operations: BridgeOperations,
  options: BridgeServerOptions,
): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxMessageBytes,
    // Replies are not capped here: on the multiplexed stream an oversize reply would end the
    // stream for every request of that API process. Result size is bounded by page sizes, and
    // each public API enforces its own limits at its edge.
    'grpc.max_send_message_length': -1,

    // Accept client pings every 10 s or more even without calls in flight (APIs keep the
    // multiplexed channel warm); faster pings are answered with GOAWAY too_many_pings.
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 10_000,
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
    ...connectionAgeOptions(options.connectionAge),
    // A unary call's message is read once its token is valid (authenticate-first.ts).
    interceptors: [authenticateFirst(deps)],
  });
  const service = withUnaryInvalidMessages(
    withResponseSerializers(loadBridgeProto().stargate.StargateBridge.service),
  );
  const handlers: StargateBridgeHandlers = {
    ExecuteQuery: unaryHandler('ExecuteQuery', deps, (q, ctx) => operations.executeQuery(q, ctx)),
    ExecuteQueryWithSchema: unaryHandler('ExecuteQueryWithSchema', deps, (q, ctx) =>
      operations.executeQueryWithSchema(q, ctx),
    ),
    ExecuteBatch: unaryHandler('ExecuteBatch', deps, (b, ctx) => operations.executeBatch(b, ctx)),
    DescribeKeyspace: unaryHandler('DescribeKeyspace', deps, (q, ctx) => operations.describeKeyspace(q, ctx)),
    AuthorizeSchemaReads: unaryHandler('AuthorizeSchemaReads', deps, (r, ctx) =>
      operations.authorizeSchemaReads(r, ctx),
    ),
    GetSupportedFeatures: unaryHandler(
      'GetSupportedFeatures',
      deps,
      () => operations.getSupportedFeatures(),
      {
        requireToken: false,
      },
    ),
    ExecuteMultiplexed: multiplexedHandler(deps, operations, {
      drain: options.drain,
      maxAgeMs: multiplexedStreamMaxAgeMs(options.connectionAge),
    }),
  };
  server.addService(service, handlers);
  return server;
}

/** The service with the serializers that copy result sets already encoded (response-serializers.ts). */
function withResponseSerializers(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const serializers = responseSerializers();
  const serializerOf: Record<string, (value: never) => Buffer> = {
    ExecuteQuery: serializers.response,
    ExecuteBatch: serializers.response,
    ExecuteQueryWithSchema: serializers.queryWithSchemaResponse,
    ExecuteMultiplexed: serializers.multiplexedReplies,
  };
  return Object.fromEntries(
    Object.entries(service).map(([name, method]) => {
      const serialize = serializerOf[name];
      return [
        name,
        serialize ? { ...method, responseSerialize: serialize as (value: unknown) => Buffer } : method,
      ];
    }),
  );
}

/**
 * The unary RPCs' requests that do not decode reach the handler as an InvalidMessage, which it
 * answers with INVALID_ARGUMENT naming the problem (grpc-js would answer INTERNAL). The multiplexed
 * stream's frames come from our own APIs and keep grpc-js's handling.
 */
function withUnaryInvalidMessages(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  return Object.fromEntries(
    Object.entries(service).map(([name, method]) => [
      name,
      method.requestStream
        ? method
        : {
            ...method,
            requestDeserialize: InvalidMessage.guard(
              (method as unknown as MethodTypes).requestType.name,
              method.requestDeserialize,
            ),
          },
    ]),
  );
}
