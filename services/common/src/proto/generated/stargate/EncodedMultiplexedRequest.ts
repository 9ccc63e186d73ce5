// Original file: proto/bridge.proto

import type { Long } from '@grpc/proto-loader';

export interface EncodedMultiplexedRequest {
  'id'?: (number | string | Long);
  'deadlineMs'?: (number);
  'token'?: (string);
  'sourceApi'?: (string);
  'tenantId'?: (string);
  'traceparent'?: (string);
  'tracestate'?: (string);
  'query'?: (Buffer | Uint8Array | string);
  'batch'?: (Buffer | Uint8Array | string);
  'queryWithSchema'?: (Buffer | Uint8Array | string);
  'describeKeyspace'?: (Buffer | Uint8Array | string);
  'authorizeSchemaReads'?: (Buffer | Uint8Array | string);
  'cancel'?: (Buffer | Uint8Array | string);
  'authenticate'?: (Buffer | Uint8Array | string);
  'body'?: "query"|"batch"|"queryWithSchema"|"describeKeyspace"|"authorizeSchemaReads"|"cancel"|"authenticate";
}

export interface EncodedMultiplexedRequest__Output {
  'id'?: (string);
  'deadlineMs'?: (number);
  'token'?: (string);
  'sourceApi'?: (string);
  'tenantId'?: (string);
  'traceparent'?: (string);
  'tracestate'?: (string);
  'query'?: (Buffer);
  'batch'?: (Buffer);
  'queryWithSchema'?: (Buffer);
  'describeKeyspace'?: (Buffer);
  'authorizeSchemaReads'?: (Buffer);
  'cancel'?: (Buffer);
  'authenticate'?: (Buffer);
  'body'?: "query"|"batch"|"queryWithSchema"|"describeKeyspace"|"authorizeSchemaReads"|"cancel"|"authenticate";
}
