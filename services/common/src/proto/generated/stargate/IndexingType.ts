// Original file: proto/schema.proto

export const IndexingType = {
  DEFAULT: 0,
  KEYS: 1,
  VALUES_: 2,
  ENTRIES: 3,
  FULL: 4,
} as const;

export type IndexingType =
  | 'DEFAULT'
  | 0
  | 'KEYS'
  | 1
  | 'VALUES_'
  | 2
  | 'ENTRIES'
  | 3
  | 'FULL'
  | 4

export type IndexingType__Output = typeof IndexingType[keyof typeof IndexingType]
