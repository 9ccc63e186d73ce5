// Original file: proto/schema.proto

import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from '../google/protobuf/Int32Value.js';

export interface DescribeKeyspaceQuery {
  'keyspaceName'?: (string);
  'hash'?: (_google_protobuf_Int32Value | null);
}

export interface DescribeKeyspaceQuery__Output {
  'keyspaceName'?: (string);
  'hash'?: (_google_protobuf_Int32Value__Output);
}
