// Original file: proto/query.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from '../google/protobuf/StringValue.js';
import type { ConsistencyValue as _stargate_ConsistencyValue, ConsistencyValue__Output as _stargate_ConsistencyValue__Output } from '../stargate/ConsistencyValue.js';
import type { Int64Value as _google_protobuf_Int64Value, Int64Value__Output as _google_protobuf_Int64Value__Output } from '../google/protobuf/Int64Value.js';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from '../google/protobuf/Int32Value.js';

export interface BatchParameters {
  'keyspace'?: (_google_protobuf_StringValue | null);
  'consistency'?: (_stargate_ConsistencyValue | null);
  'tracing'?: (boolean);
  'timestamp'?: (_google_protobuf_Int64Value | null);
  'serialConsistency'?: (_stargate_ConsistencyValue | null);
  'nowInSeconds'?: (_google_protobuf_Int32Value | null);
  'tracingConsistency'?: (_stargate_ConsistencyValue | null);
  'skipMetadata'?: (boolean);
}

export interface BatchParameters__Output {
  'keyspace'?: (_google_protobuf_StringValue__Output);
  'consistency'?: (_stargate_ConsistencyValue__Output);
  'tracing'?: (boolean);
  'timestamp'?: (_google_protobuf_Int64Value__Output);
  'serialConsistency'?: (_stargate_ConsistencyValue__Output);
  'nowInSeconds'?: (_google_protobuf_Int32Value__Output);
  'tracingConsistency'?: (_stargate_ConsistencyValue__Output);
  'skipMetadata'?: (boolean);
}
