// Original file: proto/query.proto

import type { Long } from '@grpc/proto-loader';

export interface Duration {
  'months'?: (number);
  'days'?: (number);
  'nanos'?: (number | string | Long);
}

export interface Duration__Output {
  'months'?: (number);
  'days'?: (number);
  'nanos'?: (string);
}
