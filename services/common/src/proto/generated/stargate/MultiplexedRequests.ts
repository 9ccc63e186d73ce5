// Original file: proto/bridge.proto

import type { MultiplexedRequest as _stargate_MultiplexedRequest, MultiplexedRequest__Output as _stargate_MultiplexedRequest__Output } from '../stargate/MultiplexedRequest.js';

export interface MultiplexedRequests {
  'requests'?: (_stargate_MultiplexedRequest)[];
}

export interface MultiplexedRequests__Output {
  'requests'?: (_stargate_MultiplexedRequest__Output)[];
}
