// Original file: proto/query.proto

export const Consistency = {
  ANY: 0,
  ONE: 1,
  TWO: 2,
  THREE: 3,
  QUORUM: 4,
  ALL: 5,
  LOCAL_QUORUM: 6,
  EACH_QUORUM: 7,
  SERIAL: 8,
  LOCAL_SERIAL: 9,
  LOCAL_ONE: 10,
} as const;

export type Consistency =
  | 'ANY'
  | 0
  | 'ONE'
  | 1
  | 'TWO'
  | 2
  | 'THREE'
  | 3
  | 'QUORUM'
  | 4
  | 'ALL'
  | 5
  | 'LOCAL_QUORUM'
  | 6
  | 'EACH_QUORUM'
  | 7
  | 'SERIAL'
  | 8
  | 'LOCAL_SERIAL'
  | 9
  | 'LOCAL_ONE'
  | 10

export type Consistency__Output = typeof Consistency[keyof typeof Consistency]
