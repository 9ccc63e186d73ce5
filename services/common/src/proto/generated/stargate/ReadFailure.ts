// Original file: proto/query.proto

import type { Consistency as _stargate_Consistency, Consistency__Output as _stargate_Consistency__Output } from '../stargate/Consistency.js';

export interface ReadFailure {
  'consistency'?: (_stargate_Consistency);
  'received'?: (number);
  'blockFor'?: (number);
  'numFailures'?: (number);
  'dataPresent'?: (boolean);
}

export interface ReadFailure__Output {
  'consistency'?: (_stargate_Consistency__Output);
  'received'?: (number);
  'blockFor'?: (number);
  'numFailures'?: (number);
  'dataPresent'?: (boolean);
}
