// Original file: proto/bridge.proto

import type { Long } from '@grpc/proto-loader';

export interface EncodedMultiplexedReply {
  'id'?: (number | string | Long);
  'status'?: (Buffer | Uint8Array | string);
  'response'?: (Buffer | Uint8Array | string);
  'queryWithSchema'?: (Buffer | Uint8Array | string);
  'keyspace'?: (Buffer | Uint8Array | string);
  'authorizeSchemaReads'?: (Buffer | Uint8Array | string);
  'notExecuted'?: (Buffer | Uint8Array | string);
  'authenticated'?: (Buffer | Uint8Array | string);
  'body'?: "status"|"response"|"queryWithSchema"|"keyspace"|"authorizeSchemaReads"|"notExecuted"|"authenticated";
}

export interface EncodedMultiplexedReply__Output {
  'id'?: (string);
  'status'?: (Buffer);
  'response'?: (Buffer);
  'queryWithSchema'?: (Buffer);
  'keyspace'?: (Buffer);
  'authorizeSchemaReads'?: (Buffer);
  'notExecuted'?: (Buffer);
  'authenticated'?: (Buffer);
  'body'?: "status"|"response"|"queryWithSchema"|"keyspace"|"authorizeSchemaReads"|"notExecuted"|"authenticated";
}
