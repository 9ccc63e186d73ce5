// Original file: proto/query.proto

export const ResumeMode = {
  NEXT_ROW: 0,
  NEXT_PARTITION: 1,
} as const;

export type ResumeMode =
  | 'NEXT_ROW'
  | 0
  | 'NEXT_PARTITION'
  | 1

export type ResumeMode__Output = typeof ResumeMode[keyof typeof ResumeMode]
