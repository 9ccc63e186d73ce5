// stargate.Stargate: the four RPCs, built from the two operations and the two call shapes.
import type * as grpc from '@grpc/grpc-js';
import { executeBatch, executeQuery } from './operations.js';
import type { RpcDeps } from './rpc-deps.js';
import { type EncodeStreamingResponse, streamHandler } from './stream-handler.js';
import { unaryHandler } from './unary-handler.js';

export function stargateHandlers(
  deps: RpcDeps,
  encodeStreamingResponse: EncodeStreamingResponse,
): grpc.UntypedServiceImplementation {
  return {
    ExecuteQuery: unaryHandler(executeQuery, deps),
    ExecuteBatch: unaryHandler(executeBatch, deps),
    ExecuteQueryStream: streamHandler(executeQuery, deps, encodeStreamingResponse),
    ExecuteBatchStream: streamHandler(executeBatch, deps, encodeStreamingResponse),
  };
}
