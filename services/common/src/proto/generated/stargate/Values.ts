// Original file: proto/query.proto

import type { Value as _stargate_Value, Value__Output as _stargate_Value__Output } from '../stargate/Value.js';

export interface Values {
  'values'?: (_stargate_Value)[];
  'valueNames'?: (string)[];
}

export interface Values__Output {
  'values'?: (_stargate_Value__Output)[];
  'valueNames'?: (string)[];
}
