// Original file: proto/query.proto

import type { ResultSet as _stargate_ResultSet, ResultSet__Output as _stargate_ResultSet__Output } from '../stargate/ResultSet.js';
import type { Traces as _stargate_Traces, Traces__Output as _stargate_Traces__Output } from '../stargate/Traces.js';
import type { SchemaChange as _stargate_SchemaChange, SchemaChange__Output as _stargate_SchemaChange__Output } from '../stargate/SchemaChange.js';

export interface Response {
  'resultSet'?: (_stargate_ResultSet | null);
  'warnings'?: (string)[];
  'traces'?: (_stargate_Traces | null);
  'schemaChange'?: (_stargate_SchemaChange | null);
  'result'?: "resultSet"|"schemaChange";
}

export interface Response__Output {
  'resultSet'?: (_stargate_ResultSet__Output);
  'warnings'?: (string)[];
  'traces'?: (_stargate_Traces__Output);
  'schemaChange'?: (_stargate_SchemaChange__Output);
  'result'?: "resultSet"|"schemaChange";
}
