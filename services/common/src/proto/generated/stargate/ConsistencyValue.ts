// Original file: proto/query.proto

import type { Consistency as _stargate_Consistency, Consistency__Output as _stargate_Consistency__Output } from '../stargate/Consistency.js';

export interface ConsistencyValue {
  'value'?: (_stargate_Consistency);
}

export interface ConsistencyValue__Output {
  'value'?: (_stargate_Consistency__Output);
}
