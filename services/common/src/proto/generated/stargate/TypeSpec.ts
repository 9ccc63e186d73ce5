// Original file: proto/query.proto

import type { TypeSpec as _stargate_TypeSpec, TypeSpec__Output as _stargate_TypeSpec__Output } from '../stargate/TypeSpec.js';

// Original file: proto/query.proto

export const _stargate_TypeSpec_Basic = {
  CUSTOM: 0,
  ASCII: 1,
  BIGINT: 2,
  BLOB: 3,
  BOOLEAN: 4,
  COUNTER: 5,
  DECIMAL: 6,
  DOUBLE: 7,
  FLOAT: 8,
  INT: 9,
  TEXT: 10,
  TIMESTAMP: 11,
  UUID: 12,
  VARCHAR: 13,
  VARINT: 14,
  TIMEUUID: 15,
  INET: 16,
  DATE: 17,
  TIME: 18,
  SMALLINT: 19,
  TINYINT: 20,
  DURATION: 21,
  LINESTRING: 22,
  POINT: 23,
  POLYGON: 24,
} as const;

export type _stargate_TypeSpec_Basic =
  | 'CUSTOM'
  | 0
  | 'ASCII'
  | 1
  | 'BIGINT'
  | 2
  | 'BLOB'
  | 3
  | 'BOOLEAN'
  | 4
  | 'COUNTER'
  | 5
  | 'DECIMAL'
  | 6
  | 'DOUBLE'
  | 7
  | 'FLOAT'
  | 8
  | 'INT'
  | 9
  | 'TEXT'
  | 10
  | 'TIMESTAMP'
  | 11
  | 'UUID'
  | 12
  | 'VARCHAR'
  | 13
  | 'VARINT'
  | 14
  | 'TIMEUUID'
  | 15
  | 'INET'
  | 16
  | 'DATE'
  | 17
  | 'TIME'
  | 18
  | 'SMALLINT'
  | 19
  | 'TINYINT'
  | 20
  | 'DURATION'
  | 21
  | 'LINESTRING'
  | 22
  | 'POINT'
  | 23
  | 'POLYGON'
  | 24

export type _stargate_TypeSpec_Basic__Output = typeof _stargate_TypeSpec_Basic[keyof typeof _stargate_TypeSpec_Basic]

export interface _stargate_TypeSpec_List {
  'element'?: (_stargate_TypeSpec | null);
  'frozen'?: (boolean);
}

export interface _stargate_TypeSpec_List__Output {
  'element'?: (_stargate_TypeSpec__Output);
  'frozen'?: (boolean);
}

export interface _stargate_TypeSpec_Map {
  'key'?: (_stargate_TypeSpec | null);
  'value'?: (_stargate_TypeSpec | null);
  'frozen'?: (boolean);
}

export interface _stargate_TypeSpec_Map__Output {
  'key'?: (_stargate_TypeSpec__Output);
  'value'?: (_stargate_TypeSpec__Output);
  'frozen'?: (boolean);
}

export interface _stargate_TypeSpec_Set {
  'element'?: (_stargate_TypeSpec | null);
  'frozen'?: (boolean);
}

export interface _stargate_TypeSpec_Set__Output {
  'element'?: (_stargate_TypeSpec__Output);
  'frozen'?: (boolean);
}

export interface _stargate_TypeSpec_Tuple {
  'elements'?: (_stargate_TypeSpec)[];
}

export interface _stargate_TypeSpec_Tuple__Output {
  'elements'?: (_stargate_TypeSpec__Output)[];
}

export interface _stargate_TypeSpec_Udt {
  'fields'?: ({[key: string]: _stargate_TypeSpec});
  'name'?: (string);
  'frozen'?: (boolean);
}

export interface _stargate_TypeSpec_Udt__Output {
  'fields'?: ({[key: string]: _stargate_TypeSpec__Output});
  'name'?: (string);
  'frozen'?: (boolean);
}

export interface _stargate_TypeSpec_Vector {
  'element'?: (_stargate_TypeSpec | null);
  'size'?: (number);
}

export interface _stargate_TypeSpec_Vector__Output {
  'element'?: (_stargate_TypeSpec__Output);
  'size'?: (number);
}

export interface TypeSpec {
  'basic'?: (_stargate_TypeSpec_Basic);
  'map'?: (_stargate_TypeSpec_Map | null);
  'list'?: (_stargate_TypeSpec_List | null);
  'set'?: (_stargate_TypeSpec_Set | null);
  'udt'?: (_stargate_TypeSpec_Udt | null);
  'tuple'?: (_stargate_TypeSpec_Tuple | null);
  'vector'?: (_stargate_TypeSpec_Vector | null);
  'spec'?: "basic"|"map"|"list"|"set"|"udt"|"tuple"|"vector";
}

export interface TypeSpec__Output {
  'basic'?: (_stargate_TypeSpec_Basic__Output);
  'map'?: (_stargate_TypeSpec_Map__Output);
  'list'?: (_stargate_TypeSpec_List__Output);
  'set'?: (_stargate_TypeSpec_Set__Output);
  'udt'?: (_stargate_TypeSpec_Udt__Output);
  'tuple'?: (_stargate_TypeSpec_Tuple__Output);
  'vector'?: (_stargate_TypeSpec_Vector__Output);
  'spec'?: "basic"|"map"|"list"|"set"|"udt"|"tuple"|"vector";
}
