// Original file: proto/bridge.proto

import type { EncodedMultiplexedRequest as _stargate_EncodedMultiplexedRequest, EncodedMultiplexedRequest__Output as _stargate_EncodedMultiplexedRequest__Output } from '../stargate/EncodedMultiplexedRequest.js';

export interface EncodedMultiplexedRequests {
  'requests'?: (_stargate_EncodedMultiplexedRequest)[];
}

export interface EncodedMultiplexedRequests__Output {
  'requests'?: (_stargate_EncodedMultiplexedRequest__Output)[];
}
