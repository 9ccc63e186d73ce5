// Original file: proto/stargate.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Batch as _stargate_Batch, Batch__Output as _stargate_Batch__Output } from '../stargate/Batch.js';
import type { Query as _stargate_Query, Query__Output as _stargate_Query__Output } from '../stargate/Query.js';
import type { Response as _stargate_Response, Response__Output as _stargate_Response__Output } from '../stargate/Response.js';
import type { StreamingResponse as _stargate_StreamingResponse, StreamingResponse__Output as _stargate_StreamingResponse__Output } from '../stargate/StreamingResponse.js';

export interface StargateClient extends grpc.Client {
  ExecuteBatch(argument: _stargate_Batch, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteBatch(argument: _stargate_Batch, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteBatch(argument: _stargate_Batch, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteBatch(argument: _stargate_Batch, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeBatch(argument: _stargate_Batch, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeBatch(argument: _stargate_Batch, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeBatch(argument: _stargate_Batch, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeBatch(argument: _stargate_Batch, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  
  ExecuteBatchStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_Batch, _stargate_StreamingResponse__Output>;
  ExecuteBatchStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_Batch, _stargate_StreamingResponse__Output>;
  executeBatchStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_Batch, _stargate_StreamingResponse__Output>;
  executeBatchStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_Batch, _stargate_StreamingResponse__Output>;
  
  ExecuteQuery(argument: _stargate_Query, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteQuery(argument: _stargate_Query, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteQuery(argument: _stargate_Query, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteQuery(argument: _stargate_Query, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeQuery(argument: _stargate_Query, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeQuery(argument: _stargate_Query, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeQuery(argument: _stargate_Query, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeQuery(argument: _stargate_Query, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  
  ExecuteQueryStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_Query, _stargate_StreamingResponse__Output>;
  ExecuteQueryStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_Query, _stargate_StreamingResponse__Output>;
  executeQueryStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_Query, _stargate_StreamingResponse__Output>;
  executeQueryStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_Query, _stargate_StreamingResponse__Output>;
  
}

export interface StargateHandlers extends grpc.UntypedServiceImplementation {
  ExecuteBatch: grpc.handleUnaryCall<_stargate_Batch__Output, _stargate_Response>;
  
  ExecuteBatchStream: grpc.handleBidiStreamingCall<_stargate_Batch__Output, _stargate_StreamingResponse>;
  
  ExecuteQuery: grpc.handleUnaryCall<_stargate_Query__Output, _stargate_Response>;
  
  ExecuteQueryStream: grpc.handleBidiStreamingCall<_stargate_Query__Output, _stargate_StreamingResponse>;
  
}

export interface StargateDefinition extends grpc.ServiceDefinition {
  ExecuteBatch: MethodDefinition<_stargate_Batch, _stargate_Response, _stargate_Batch__Output, _stargate_Response__Output>
  ExecuteBatchStream: MethodDefinition<_stargate_Batch, _stargate_StreamingResponse, _stargate_Batch__Output, _stargate_StreamingResponse__Output>
  ExecuteQuery: MethodDefinition<_stargate_Query, _stargate_Response, _stargate_Query__Output, _stargate_Response__Output>
  ExecuteQueryStream: MethodDefinition<_stargate_Query, _stargate_StreamingResponse, _stargate_Query__Output, _stargate_StreamingResponse__Output>
}
