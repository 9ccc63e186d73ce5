// Original file: proto/bridge.proto

import type { Query as _stargate_Query, Query__Output as _stargate_Query__Output } from '../stargate/Query.js';
import type { Batch as _stargate_Batch, Batch__Output as _stargate_Batch__Output } from '../stargate/Batch.js';
import type { QueryWithSchema as _stargate_QueryWithSchema, QueryWithSchema__Output as _stargate_QueryWithSchema__Output } from '../stargate/QueryWithSchema.js';
import type { DescribeKeyspaceQuery as _stargate_DescribeKeyspaceQuery, DescribeKeyspaceQuery__Output as _stargate_DescribeKeyspaceQuery__Output } from '../stargate/DescribeKeyspaceQuery.js';
import type { AuthorizeSchemaReadsRequest as _stargate_AuthorizeSchemaReadsRequest, AuthorizeSchemaReadsRequest__Output as _stargate_AuthorizeSchemaReadsRequest__Output } from '../stargate/AuthorizeSchemaReadsRequest.js';
import type { Long } from '@grpc/proto-loader';

export interface _stargate_MultiplexedRequest_Authenticate {
}

export interface _stargate_MultiplexedRequest_Authenticate__Output {
}

export interface _stargate_MultiplexedRequest_Cancel {
}

export interface _stargate_MultiplexedRequest_Cancel__Output {
}

export interface MultiplexedRequest {
  'id'?: (number | string | Long);
  'deadlineMs'?: (number);
  'token'?: (string);
  'sourceApi'?: (string);
  'tenantId'?: (string);
  'traceparent'?: (string);
  'tracestate'?: (string);
  'query'?: (_stargate_Query | null);
  'batch'?: (_stargate_Batch | null);
  'queryWithSchema'?: (_stargate_QueryWithSchema | null);
  'describeKeyspace'?: (_stargate_DescribeKeyspaceQuery | null);
  'authorizeSchemaReads'?: (_stargate_AuthorizeSchemaReadsRequest | null);
  'cancel'?: (_stargate_MultiplexedRequest_Cancel | null);
  'authenticate'?: (_stargate_MultiplexedRequest_Authenticate | null);
  'body'?: "query"|"batch"|"queryWithSchema"|"describeKeyspace"|"authorizeSchemaReads"|"cancel"|"authenticate";
}

export interface MultiplexedRequest__Output {
  'id'?: (string);
  'deadlineMs'?: (number);
  'token'?: (string);
  'sourceApi'?: (string);
  'tenantId'?: (string);
  'traceparent'?: (string);
  'tracestate'?: (string);
  'query'?: (_stargate_Query__Output);
  'batch'?: (_stargate_Batch__Output);
  'queryWithSchema'?: (_stargate_QueryWithSchema__Output);
  'describeKeyspace'?: (_stargate_DescribeKeyspaceQuery__Output);
  'authorizeSchemaReads'?: (_stargate_AuthorizeSchemaReadsRequest__Output);
  'cancel'?: (_stargate_MultiplexedRequest_Cancel__Output);
  'authenticate'?: (_stargate_MultiplexedRequest_Authenticate__Output);
  'body'?: "query"|"batch"|"queryWithSchema"|"describeKeyspace"|"authorizeSchemaReads"|"cancel"|"authenticate";
}
