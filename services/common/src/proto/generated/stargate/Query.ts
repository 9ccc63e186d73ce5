// Original file: proto/query.proto

import type { Values as _stargate_Values, Values__Output as _stargate_Values__Output } from '../stargate/Values.js';
import type { QueryParameters as _stargate_QueryParameters, QueryParameters__Output as _stargate_QueryParameters__Output } from '../stargate/QueryParameters.js';

export interface Query {
  'cql'?: (string);
  'values'?: (_stargate_Values | null);
  'parameters'?: (_stargate_QueryParameters | null);
}

export interface Query__Output {
  'cql'?: (string);
  'values'?: (_stargate_Values__Output);
  'parameters'?: (_stargate_QueryParameters__Output);
}
