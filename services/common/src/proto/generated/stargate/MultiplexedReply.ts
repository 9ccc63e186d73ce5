// Original file: proto/bridge.proto

import type { Status as _google_rpc_Status, Status__Output as _google_rpc_Status__Output } from '../google/rpc/Status.js';
import type { Response as _stargate_Response, Response__Output as _stargate_Response__Output } from '../stargate/Response.js';
import type { QueryWithSchemaResponse as _stargate_QueryWithSchemaResponse, QueryWithSchemaResponse__Output as _stargate_QueryWithSchemaResponse__Output } from '../stargate/QueryWithSchemaResponse.js';
import type { CqlKeyspaceDescribe as _stargate_CqlKeyspaceDescribe, CqlKeyspaceDescribe__Output as _stargate_CqlKeyspaceDescribe__Output } from '../stargate/CqlKeyspaceDescribe.js';
import type { AuthorizeSchemaReadsResponse as _stargate_AuthorizeSchemaReadsResponse, AuthorizeSchemaReadsResponse__Output as _stargate_AuthorizeSchemaReadsResponse__Output } from '../stargate/AuthorizeSchemaReadsResponse.js';
import type { Long } from '@grpc/proto-loader';

export interface _stargate_MultiplexedReply_Authenticated {
  'trustedForMs'?: (number);
}

export interface _stargate_MultiplexedReply_Authenticated__Output {
  'trustedForMs'?: (number);
}

export interface _stargate_MultiplexedReply_NotExecuted {
}

export interface _stargate_MultiplexedReply_NotExecuted__Output {
}

export interface MultiplexedReply {
  'id'?: (number | string | Long);
  'status'?: (_google_rpc_Status | null);
  'response'?: (_stargate_Response | null);
  'queryWithSchema'?: (_stargate_QueryWithSchemaResponse | null);
  'keyspace'?: (_stargate_CqlKeyspaceDescribe | null);
  'authorizeSchemaReads'?: (_stargate_AuthorizeSchemaReadsResponse | null);
  'notExecuted'?: (_stargate_MultiplexedReply_NotExecuted | null);
  'authenticated'?: (_stargate_MultiplexedReply_Authenticated | null);
  'body'?: "status"|"response"|"queryWithSchema"|"keyspace"|"authorizeSchemaReads"|"notExecuted"|"authenticated";
}

export interface MultiplexedReply__Output {
  'id'?: (string);
  'status'?: (_google_rpc_Status__Output);
  'response'?: (_stargate_Response__Output);
  'queryWithSchema'?: (_stargate_QueryWithSchemaResponse__Output);
  'keyspace'?: (_stargate_CqlKeyspaceDescribe__Output);
  'authorizeSchemaReads'?: (_stargate_AuthorizeSchemaReadsResponse__Output);
  'notExecuted'?: (_stargate_MultiplexedReply_NotExecuted__Output);
  'authenticated'?: (_stargate_MultiplexedReply_Authenticated__Output);
  'body'?: "status"|"response"|"queryWithSchema"|"keyspace"|"authorizeSchemaReads"|"notExecuted"|"authenticated";
}
