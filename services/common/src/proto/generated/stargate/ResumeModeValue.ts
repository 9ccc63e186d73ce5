// Original file: proto/query.proto

import type { ResumeMode as _stargate_ResumeMode, ResumeMode__Output as _stargate_ResumeMode__Output } from '../stargate/ResumeMode.js';

export interface ResumeModeValue {
  'value'?: (_stargate_ResumeMode);
}

export interface ResumeModeValue__Output {
  'value'?: (_stargate_ResumeMode__Output);
}
