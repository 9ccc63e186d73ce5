// Original file: proto/query.proto

import type { Value as _stargate_Value, Value__Output as _stargate_Value__Output } from '../stargate/Value.js';

export interface UdtValue {
  'fields'?: ({[key: string]: _stargate_Value});
}

export interface UdtValue__Output {
  'fields'?: ({[key: string]: _stargate_Value__Output});
}
