// Original file: proto/query.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from '../google/protobuf/StringValue.js';

// Original file: proto/query.proto

export const _stargate_SchemaChange_Target = {
  KEYSPACE: 0,
  TABLE: 1,
  TYPE: 2,
  FUNCTION: 3,
  AGGREGATE: 4,
} as const;

export type _stargate_SchemaChange_Target =
  | 'KEYSPACE'
  | 0
  | 'TABLE'
  | 1
  | 'TYPE'
  | 2
  | 'FUNCTION'
  | 3
  | 'AGGREGATE'
  | 4

export type _stargate_SchemaChange_Target__Output = typeof _stargate_SchemaChange_Target[keyof typeof _stargate_SchemaChange_Target]

// Original file: proto/query.proto

export const _stargate_SchemaChange_Type = {
  CREATED: 0,
  UPDATED: 1,
  DROPPED: 2,
} as const;

export type _stargate_SchemaChange_Type =
  | 'CREATED'
  | 0
  | 'UPDATED'
  | 1
  | 'DROPPED'
  | 2

export type _stargate_SchemaChange_Type__Output = typeof _stargate_SchemaChange_Type[keyof typeof _stargate_SchemaChange_Type]

export interface SchemaChange {
  'changeType'?: (_stargate_SchemaChange_Type);
  'target'?: (_stargate_SchemaChange_Target);
  'keyspace'?: (string);
  'name'?: (_google_protobuf_StringValue | null);
  'argumentTypes'?: (string)[];
}

export interface SchemaChange__Output {
  'changeType'?: (_stargate_SchemaChange_Type__Output);
  'target'?: (_stargate_SchemaChange_Target__Output);
  'keyspace'?: (string);
  'name'?: (_google_protobuf_StringValue__Output);
  'argumentTypes'?: (string)[];
}
