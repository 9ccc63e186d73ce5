// Original file: proto/bridge.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthorizeSchemaReadsRequest as _stargate_AuthorizeSchemaReadsRequest, AuthorizeSchemaReadsRequest__Output as _stargate_AuthorizeSchemaReadsRequest__Output } from '../stargate/AuthorizeSchemaReadsRequest.js';
import type { AuthorizeSchemaReadsResponse as _stargate_AuthorizeSchemaReadsResponse, AuthorizeSchemaReadsResponse__Output as _stargate_AuthorizeSchemaReadsResponse__Output } from '../stargate/AuthorizeSchemaReadsResponse.js';
import type { Batch as _stargate_Batch, Batch__Output as _stargate_Batch__Output } from '../stargate/Batch.js';
import type { CqlKeyspaceDescribe as _stargate_CqlKeyspaceDescribe, CqlKeyspaceDescribe__Output as _stargate_CqlKeyspaceDescribe__Output } from '../stargate/CqlKeyspaceDescribe.js';
import type { DescribeKeyspaceQuery as _stargate_DescribeKeyspaceQuery, DescribeKeyspaceQuery__Output as _stargate_DescribeKeyspaceQuery__Output } from '../stargate/DescribeKeyspaceQuery.js';
import type { MultiplexedReplies as _stargate_MultiplexedReplies, MultiplexedReplies__Output as _stargate_MultiplexedReplies__Output } from '../stargate/MultiplexedReplies.js';
import type { MultiplexedRequests as _stargate_MultiplexedRequests, MultiplexedRequests__Output as _stargate_MultiplexedRequests__Output } from '../stargate/MultiplexedRequests.js';
import type { Query as _stargate_Query, Query__Output as _stargate_Query__Output } from '../stargate/Query.js';
import type { QueryWithSchema as _stargate_QueryWithSchema, QueryWithSchema__Output as _stargate_QueryWithSchema__Output } from '../stargate/QueryWithSchema.js';
import type { QueryWithSchemaResponse as _stargate_QueryWithSchemaResponse, QueryWithSchemaResponse__Output as _stargate_QueryWithSchemaResponse__Output } from '../stargate/QueryWithSchemaResponse.js';
import type { Response as _stargate_Response, Response__Output as _stargate_Response__Output } from '../stargate/Response.js';
import type { SupportedFeaturesRequest as _stargate_SupportedFeaturesRequest, SupportedFeaturesRequest__Output as _stargate_SupportedFeaturesRequest__Output } from '../stargate/SupportedFeaturesRequest.js';
import type { SupportedFeaturesResponse as _stargate_SupportedFeaturesResponse, SupportedFeaturesResponse__Output as _stargate_SupportedFeaturesResponse__Output } from '../stargate/SupportedFeaturesResponse.js';

export interface StargateBridgeClient extends grpc.Client {
  AuthorizeSchemaReads(argument: _stargate_AuthorizeSchemaReadsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_AuthorizeSchemaReadsResponse__Output>): grpc.ClientUnaryCall;
  AuthorizeSchemaReads(argument: _stargate_AuthorizeSchemaReadsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_AuthorizeSchemaReadsResponse__Output>): grpc.ClientUnaryCall;
  AuthorizeSchemaReads(argument: _stargate_AuthorizeSchemaReadsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_AuthorizeSchemaReadsResponse__Output>): grpc.ClientUnaryCall;
  AuthorizeSchemaReads(argument: _stargate_AuthorizeSchemaReadsRequest, callback: grpc.requestCallback<_stargate_AuthorizeSchemaReadsResponse__Output>): grpc.ClientUnaryCall;
  authorizeSchemaReads(argument: _stargate_AuthorizeSchemaReadsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_AuthorizeSchemaReadsResponse__Output>): grpc.ClientUnaryCall;
  authorizeSchemaReads(argument: _stargate_AuthorizeSchemaReadsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_AuthorizeSchemaReadsResponse__Output>): grpc.ClientUnaryCall;
  authorizeSchemaReads(argument: _stargate_AuthorizeSchemaReadsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_AuthorizeSchemaReadsResponse__Output>): grpc.ClientUnaryCall;
  authorizeSchemaReads(argument: _stargate_AuthorizeSchemaReadsRequest, callback: grpc.requestCallback<_stargate_AuthorizeSchemaReadsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeKeyspace(argument: _stargate_DescribeKeyspaceQuery, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_CqlKeyspaceDescribe__Output>): grpc.ClientUnaryCall;
  DescribeKeyspace(argument: _stargate_DescribeKeyspaceQuery, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_CqlKeyspaceDescribe__Output>): grpc.ClientUnaryCall;
  DescribeKeyspace(argument: _stargate_DescribeKeyspaceQuery, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_CqlKeyspaceDescribe__Output>): grpc.ClientUnaryCall;
  DescribeKeyspace(argument: _stargate_DescribeKeyspaceQuery, callback: grpc.requestCallback<_stargate_CqlKeyspaceDescribe__Output>): grpc.ClientUnaryCall;
  describeKeyspace(argument: _stargate_DescribeKeyspaceQuery, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_CqlKeyspaceDescribe__Output>): grpc.ClientUnaryCall;
  describeKeyspace(argument: _stargate_DescribeKeyspaceQuery, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_CqlKeyspaceDescribe__Output>): grpc.ClientUnaryCall;
  describeKeyspace(argument: _stargate_DescribeKeyspaceQuery, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_CqlKeyspaceDescribe__Output>): grpc.ClientUnaryCall;
  describeKeyspace(argument: _stargate_DescribeKeyspaceQuery, callback: grpc.requestCallback<_stargate_CqlKeyspaceDescribe__Output>): grpc.ClientUnaryCall;
  
  ExecuteBatch(argument: _stargate_Batch, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteBatch(argument: _stargate_Batch, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteBatch(argument: _stargate_Batch, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteBatch(argument: _stargate_Batch, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeBatch(argument: _stargate_Batch, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeBatch(argument: _stargate_Batch, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeBatch(argument: _stargate_Batch, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeBatch(argument: _stargate_Batch, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  
  ExecuteMultiplexed(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_MultiplexedRequests, _stargate_MultiplexedReplies__Output>;
  ExecuteMultiplexed(options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_MultiplexedRequests, _stargate_MultiplexedReplies__Output>;
  executeMultiplexed(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_MultiplexedRequests, _stargate_MultiplexedReplies__Output>;
  executeMultiplexed(options?: grpc.CallOptions): grpc.ClientDuplexStream<_stargate_MultiplexedRequests, _stargate_MultiplexedReplies__Output>;
  
  ExecuteQuery(argument: _stargate_Query, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteQuery(argument: _stargate_Query, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteQuery(argument: _stargate_Query, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  ExecuteQuery(argument: _stargate_Query, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeQuery(argument: _stargate_Query, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeQuery(argument: _stargate_Query, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeQuery(argument: _stargate_Query, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  executeQuery(argument: _stargate_Query, callback: grpc.requestCallback<_stargate_Response__Output>): grpc.ClientUnaryCall;
  
  ExecuteQueryWithSchema(argument: _stargate_QueryWithSchema, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_QueryWithSchemaResponse__Output>): grpc.ClientUnaryCall;
  ExecuteQueryWithSchema(argument: _stargate_QueryWithSchema, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_QueryWithSchemaResponse__Output>): grpc.ClientUnaryCall;
  ExecuteQueryWithSchema(argument: _stargate_QueryWithSchema, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_QueryWithSchemaResponse__Output>): grpc.ClientUnaryCall;
  ExecuteQueryWithSchema(argument: _stargate_QueryWithSchema, callback: grpc.requestCallback<_stargate_QueryWithSchemaResponse__Output>): grpc.ClientUnaryCall;
  executeQueryWithSchema(argument: _stargate_QueryWithSchema, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_QueryWithSchemaResponse__Output>): grpc.ClientUnaryCall;
  executeQueryWithSchema(argument: _stargate_QueryWithSchema, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_QueryWithSchemaResponse__Output>): grpc.ClientUnaryCall;
  executeQueryWithSchema(argument: _stargate_QueryWithSchema, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_QueryWithSchemaResponse__Output>): grpc.ClientUnaryCall;
  executeQueryWithSchema(argument: _stargate_QueryWithSchema, callback: grpc.requestCallback<_stargate_QueryWithSchemaResponse__Output>): grpc.ClientUnaryCall;
  
  GetSupportedFeatures(argument: _stargate_SupportedFeaturesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_SupportedFeaturesResponse__Output>): grpc.ClientUnaryCall;
  GetSupportedFeatures(argument: _stargate_SupportedFeaturesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_SupportedFeaturesResponse__Output>): grpc.ClientUnaryCall;
  GetSupportedFeatures(argument: _stargate_SupportedFeaturesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_SupportedFeaturesResponse__Output>): grpc.ClientUnaryCall;
  GetSupportedFeatures(argument: _stargate_SupportedFeaturesRequest, callback: grpc.requestCallback<_stargate_SupportedFeaturesResponse__Output>): grpc.ClientUnaryCall;
  getSupportedFeatures(argument: _stargate_SupportedFeaturesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_SupportedFeaturesResponse__Output>): grpc.ClientUnaryCall;
  getSupportedFeatures(argument: _stargate_SupportedFeaturesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_stargate_SupportedFeaturesResponse__Output>): grpc.ClientUnaryCall;
  getSupportedFeatures(argument: _stargate_SupportedFeaturesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_stargate_SupportedFeaturesResponse__Output>): grpc.ClientUnaryCall;
  getSupportedFeatures(argument: _stargate_SupportedFeaturesRequest, callback: grpc.requestCallback<_stargate_SupportedFeaturesResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface StargateBridgeHandlers extends grpc.UntypedServiceImplementation {
  AuthorizeSchemaReads: grpc.handleUnaryCall<_stargate_AuthorizeSchemaReadsRequest__Output, _stargate_AuthorizeSchemaReadsResponse>;
  
  DescribeKeyspace: grpc.handleUnaryCall<_stargate_DescribeKeyspaceQuery__Output, _stargate_CqlKeyspaceDescribe>;
  
  ExecuteBatch: grpc.handleUnaryCall<_stargate_Batch__Output, _stargate_Response>;
  
  ExecuteMultiplexed: grpc.handleBidiStreamingCall<_stargate_MultiplexedRequests__Output, _stargate_MultiplexedReplies>;
  
  ExecuteQuery: grpc.handleUnaryCall<_stargate_Query__Output, _stargate_Response>;
  
  ExecuteQueryWithSchema: grpc.handleUnaryCall<_stargate_QueryWithSchema__Output, _stargate_QueryWithSchemaResponse>;
  
  GetSupportedFeatures: grpc.handleUnaryCall<_stargate_SupportedFeaturesRequest__Output, _stargate_SupportedFeaturesResponse>;
  
}

export interface StargateBridgeDefinition extends grpc.ServiceDefinition {
  AuthorizeSchemaReads: MethodDefinition<_stargate_AuthorizeSchemaReadsRequest, _stargate_AuthorizeSchemaReadsResponse, _stargate_AuthorizeSchemaReadsRequest__Output, _stargate_AuthorizeSchemaReadsResponse__Output>
  DescribeKeyspace: MethodDefinition<_stargate_DescribeKeyspaceQuery, _stargate_CqlKeyspaceDescribe, _stargate_DescribeKeyspaceQuery__Output, _stargate_CqlKeyspaceDescribe__Output>
  ExecuteBatch: MethodDefinition<_stargate_Batch, _stargate_Response, _stargate_Batch__Output, _stargate_Response__Output>
  ExecuteMultiplexed: MethodDefinition<_stargate_MultiplexedRequests, _stargate_MultiplexedReplies, _stargate_MultiplexedRequests__Output, _stargate_MultiplexedReplies__Output>
  ExecuteQuery: MethodDefinition<_stargate_Query, _stargate_Response, _stargate_Query__Output, _stargate_Response__Output>
  ExecuteQueryWithSchema: MethodDefinition<_stargate_QueryWithSchema, _stargate_QueryWithSchemaResponse, _stargate_QueryWithSchema__Output, _stargate_QueryWithSchemaResponse__Output>
  GetSupportedFeatures: MethodDefinition<_stargate_SupportedFeaturesRequest, _stargate_SupportedFeaturesResponse, _stargate_SupportedFeaturesRequest__Output, _stargate_SupportedFeaturesResponse__Output>
}
