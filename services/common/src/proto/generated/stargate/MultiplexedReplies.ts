// Original file: proto/bridge.proto

import type { MultiplexedReply as _stargate_MultiplexedReply, MultiplexedReply__Output as _stargate_MultiplexedReply__Output } from '../stargate/MultiplexedReply.js';

export interface MultiplexedReplies {
  'replies'?: (_stargate_MultiplexedReply)[];
}

export interface MultiplexedReplies__Output {
  'replies'?: (_stargate_MultiplexedReply__Output)[];
}
