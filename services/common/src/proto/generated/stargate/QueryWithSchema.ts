// Original file: proto/schema.proto

import type { Query as _stargate_Query, Query__Output as _stargate_Query__Output } from '../stargate/Query.js';

export interface QueryWithSchema {
  'query'?: (_stargate_Query | null);
  'keyspaceName'?: (string);
  'keyspaceHash'?: (number);
}

export interface QueryWithSchema__Output {
  'query'?: (_stargate_Query__Output);
  'keyspaceName'?: (string);
  'keyspaceHash'?: (number);
}
