// Original file: proto/query.proto

import type { Consistency as _stargate_Consistency, Consistency__Output as _stargate_Consistency__Output } from '../stargate/Consistency.js';

export interface Unavailable {
  'consistency'?: (_stargate_Consistency);
  'required'?: (number);
  'alive'?: (number);
}

export interface Unavailable__Output {
  'consistency'?: (_stargate_Consistency__Output);
  'required'?: (number);
  'alive'?: (number);
}
