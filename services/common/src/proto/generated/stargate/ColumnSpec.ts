// Original file: proto/query.proto

import type { TypeSpec as _stargate_TypeSpec, TypeSpec__Output as _stargate_TypeSpec__Output } from '../stargate/TypeSpec.js';

export interface ColumnSpec {
  'type'?: (_stargate_TypeSpec | null);
  'name'?: (string);
}

export interface ColumnSpec__Output {
  'type'?: (_stargate_TypeSpec__Output);
  'name'?: (string);
}
