// Original file: proto/bridge.proto

import type { EncodedMultiplexedReply as _stargate_EncodedMultiplexedReply, EncodedMultiplexedReply__Output as _stargate_EncodedMultiplexedReply__Output } from '../stargate/EncodedMultiplexedReply.js';

export interface EncodedMultiplexedReplies {
  'replies'?: (_stargate_EncodedMultiplexedReply)[];
}

export interface EncodedMultiplexedReplies__Output {
  'replies'?: (_stargate_EncodedMultiplexedReply__Output)[];
}
