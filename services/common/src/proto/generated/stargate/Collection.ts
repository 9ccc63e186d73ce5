// Original file: proto/query.proto

import type { Value as _stargate_Value, Value__Output as _stargate_Value__Output } from '../stargate/Value.js';

export interface Collection {
  'elements'?: (_stargate_Value)[];
}

export interface Collection__Output {
  'elements'?: (_stargate_Value__Output)[];
}
