// Original file: proto/schema.proto

import type { Response as _stargate_Response, Response__Output as _stargate_Response__Output } from '../stargate/Response.js';
import type { CqlKeyspaceDescribe as _stargate_CqlKeyspaceDescribe, CqlKeyspaceDescribe__Output as _stargate_CqlKeyspaceDescribe__Output } from '../stargate/CqlKeyspaceDescribe.js';

export interface _stargate_QueryWithSchemaResponse_NoKeyspace {
}

export interface _stargate_QueryWithSchemaResponse_NoKeyspace__Output {
}

export interface QueryWithSchemaResponse {
  'response'?: (_stargate_Response | null);
  'newKeyspace'?: (_stargate_CqlKeyspaceDescribe | null);
  'noKeyspace'?: (_stargate_QueryWithSchemaResponse_NoKeyspace | null);
  'inner'?: "response"|"newKeyspace"|"noKeyspace";
}

export interface QueryWithSchemaResponse__Output {
  'response'?: (_stargate_Response__Output);
  'newKeyspace'?: (_stargate_CqlKeyspaceDescribe__Output);
  'noKeyspace'?: (_stargate_QueryWithSchemaResponse_NoKeyspace__Output);
  'inner'?: "response"|"newKeyspace"|"noKeyspace";
}
