// Original file: proto/query.proto

import type { Response as _stargate_Response, Response__Output as _stargate_Response__Output } from '../stargate/Response.js';
import type { Status as _google_rpc_Status, Status__Output as _google_rpc_Status__Output } from '../google/rpc/Status.js';

export interface StreamingResponse {
  'response'?: (_stargate_Response | null);
  'status'?: (_google_rpc_Status | null);
  'message'?: "response"|"status";
}

export interface StreamingResponse__Output {
  'response'?: (_stargate_Response__Output);
  'status'?: (_google_rpc_Status__Output);
  'message'?: "response"|"status";
}
