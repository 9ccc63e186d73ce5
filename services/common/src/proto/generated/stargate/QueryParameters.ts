// Original file: proto/query.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from '../google/protobuf/StringValue.js';
import type { ConsistencyValue as _stargate_ConsistencyValue, ConsistencyValue__Output as _stargate_ConsistencyValue__Output } from '../stargate/ConsistencyValue.js';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from '../google/protobuf/Int32Value.js';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from '../google/protobuf/BytesValue.js';
import type { Int64Value as _google_protobuf_Int64Value, Int64Value__Output as _google_protobuf_Int64Value__Output } from '../google/protobuf/Int64Value.js';
import type { ResumeModeValue as _stargate_ResumeModeValue, ResumeModeValue__Output as _stargate_ResumeModeValue__Output } from '../stargate/ResumeModeValue.js';

export interface QueryParameters {
  'keyspace'?: (_google_protobuf_StringValue | null);
  'consistency'?: (_stargate_ConsistencyValue | null);
  'pageSize'?: (_google_protobuf_Int32Value | null);
  'pagingState'?: (_google_protobuf_BytesValue | null);
  'tracing'?: (boolean);
  'skipMetadata'?: (boolean);
  'timestamp'?: (_google_protobuf_Int64Value | null);
  'serialConsistency'?: (_stargate_ConsistencyValue | null);
  'nowInSeconds'?: (_google_protobuf_Int32Value | null);
  'tracingConsistency'?: (_stargate_ConsistencyValue | null);
  'enriched'?: (boolean);
  'resumeMode'?: (_stargate_ResumeModeValue | null);
}

export interface QueryParameters__Output {
  'keyspace'?: (_google_protobuf_StringValue__Output);
  'consistency'?: (_stargate_ConsistencyValue__Output);
  'pageSize'?: (_google_protobuf_Int32Value__Output);
  'pagingState'?: (_google_protobuf_BytesValue__Output);
  'tracing'?: (boolean);
  'skipMetadata'?: (boolean);
  'timestamp'?: (_google_protobuf_Int64Value__Output);
  'serialConsistency'?: (_stargate_ConsistencyValue__Output);
  'nowInSeconds'?: (_google_protobuf_Int32Value__Output);
  'tracingConsistency'?: (_stargate_ConsistencyValue__Output);
  'enriched'?: (boolean);
  'resumeMode'?: (_stargate_ResumeModeValue__Output);
}
