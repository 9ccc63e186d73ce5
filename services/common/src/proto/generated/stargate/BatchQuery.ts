// Original file: proto/query.proto

import type { Values as _stargate_Values, Values__Output as _stargate_Values__Output } from '../stargate/Values.js';

export interface BatchQuery {
  'cql'?: (string);
  'values'?: (_stargate_Values | null);
}

export interface BatchQuery__Output {
  'cql'?: (string);
  'values'?: (_stargate_Values__Output);
}
