// Original file: proto/query.proto

import type { BatchQuery as _stargate_BatchQuery, BatchQuery__Output as _stargate_BatchQuery__Output } from '../stargate/BatchQuery.js';
import type { BatchParameters as _stargate_BatchParameters, BatchParameters__Output as _stargate_BatchParameters__Output } from '../stargate/BatchParameters.js';

// Original file: proto/query.proto

export const _stargate_Batch_Type = {
  LOGGED: 0,
  UNLOGGED: 1,
  COUNTER: 2,
} as const;

export type _stargate_Batch_Type =
  | 'LOGGED'
  | 0
  | 'UNLOGGED'
  | 1
  | 'COUNTER'
  | 2

export type _stargate_Batch_Type__Output = typeof _stargate_Batch_Type[keyof typeof _stargate_Batch_Type]

export interface Batch {
  'type'?: (_stargate_Batch_Type);
  'queries'?: (_stargate_BatchQuery)[];
  'parameters'?: (_stargate_BatchParameters | null);
}

export interface Batch__Output {
  'type'?: (_stargate_Batch_Type__Output);
  'queries'?: (_stargate_BatchQuery__Output)[];
  'parameters'?: (_stargate_BatchParameters__Output);
}
