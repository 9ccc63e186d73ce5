// Original file: proto/schema.proto

export const ColumnOrderBy = {
  ASC: 0,
  DESC: 1,
} as const;

export type ColumnOrderBy =
  | 'ASC'
  | 0
  | 'DESC'
  | 1

export type ColumnOrderBy__Output = typeof ColumnOrderBy[keyof typeof ColumnOrderBy]
