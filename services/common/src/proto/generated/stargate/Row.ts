// Original file: proto/query.proto

import type { Value as _stargate_Value, Value__Output as _stargate_Value__Output } from '../stargate/Value.js';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from '../google/protobuf/BytesValue.js';

export interface Row {
  'values'?: (_stargate_Value)[];
  'pagingState'?: (_google_protobuf_BytesValue | null);
  'comparableBytes'?: (_google_protobuf_BytesValue | null);
}

export interface Row__Output {
  'values'?: (_stargate_Value__Output)[];
  'pagingState'?: (_google_protobuf_BytesValue__Output);
  'comparableBytes'?: (_google_protobuf_BytesValue__Output);
}
