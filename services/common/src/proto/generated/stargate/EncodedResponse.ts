// Original file: proto/bridge.proto

import type { Traces as _stargate_Traces, Traces__Output as _stargate_Traces__Output } from '../stargate/Traces.js';
import type { SchemaChange as _stargate_SchemaChange, SchemaChange__Output as _stargate_SchemaChange__Output } from '../stargate/SchemaChange.js';

export interface EncodedResponse {
  'resultSet'?: (Buffer | Uint8Array | string);
  'warnings'?: (string)[];
  'traces'?: (_stargate_Traces | null);
  'schemaChange'?: (_stargate_SchemaChange | null);
  'result'?: "resultSet"|"schemaChange";
}

export interface EncodedResponse__Output {
  'resultSet'?: (Buffer);
  'warnings'?: (string)[];
  'traces'?: (_stargate_Traces__Output);
  'schemaChange'?: (_stargate_SchemaChange__Output);
  'result'?: "resultSet"|"schemaChange";
}
