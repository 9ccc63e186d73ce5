// Original file: proto/query.proto

import type { Long } from '@grpc/proto-loader';

export interface _stargate_Traces_Event {
  'activity'?: (string);
  'source'?: (string);
  'sourceElapsed'?: (number | string | Long);
  'thread'?: (string);
  'eventId'?: (string);
}

export interface _stargate_Traces_Event__Output {
  'activity'?: (string);
  'source'?: (string);
  'sourceElapsed'?: (string);
  'thread'?: (string);
  'eventId'?: (string);
}

export interface Traces {
  'id'?: (string);
  'duration'?: (number | string | Long);
  'startedAt'?: (number | string | Long);
  'events'?: (_stargate_Traces_Event)[];
}

export interface Traces__Output {
  'id'?: (string);
  'duration'?: (string);
  'startedAt'?: (string);
  'events'?: (_stargate_Traces_Event__Output)[];
}
