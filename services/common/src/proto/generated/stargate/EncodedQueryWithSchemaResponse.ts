// Original file: proto/bridge.proto

import type { CqlKeyspaceDescribe as _stargate_CqlKeyspaceDescribe, CqlKeyspaceDescribe__Output as _stargate_CqlKeyspaceDescribe__Output } from '../stargate/CqlKeyspaceDescribe.js';
import type { _stargate_QueryWithSchemaResponse_NoKeyspace, _stargate_QueryWithSchemaResponse_NoKeyspace__Output } from '../stargate/QueryWithSchemaResponse.js';

export interface EncodedQueryWithSchemaResponse {
  'response'?: (Buffer | Uint8Array | string);
  'newKeyspace'?: (_stargate_CqlKeyspaceDescribe | null);
  'noKeyspace'?: (_stargate_QueryWithSchemaResponse_NoKeyspace | null);
  'inner'?: "response"|"newKeyspace"|"noKeyspace";
}

export interface EncodedQueryWithSchemaResponse__Output {
  'response'?: (Buffer);
  'newKeyspace'?: (_stargate_CqlKeyspaceDescribe__Output);
  'noKeyspace'?: (_stargate_QueryWithSchemaResponse_NoKeyspace__Output);
  'inner'?: "response"|"newKeyspace"|"noKeyspace";
}
