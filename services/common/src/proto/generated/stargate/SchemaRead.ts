// Original file: proto/schema.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from '../google/protobuf/StringValue.js';

// Original file: proto/schema.proto

export const _stargate_SchemaRead_ElementType = {
  KEYSPACE: 0,
  TABLE: 1,
  FUNCTION: 2,
  TYPE: 3,
  TRIGGER: 4,
  AGGREGATE: 5,
  VIEW: 6,
  INDEX: 7,
} as const;

export type _stargate_SchemaRead_ElementType =
  | 'KEYSPACE'
  | 0
  | 'TABLE'
  | 1
  | 'FUNCTION'
  | 2
  | 'TYPE'
  | 3
  | 'TRIGGER'
  | 4
  | 'AGGREGATE'
  | 5
  | 'VIEW'
  | 6
  | 'INDEX'
  | 7

export type _stargate_SchemaRead_ElementType__Output = typeof _stargate_SchemaRead_ElementType[keyof typeof _stargate_SchemaRead_ElementType]

// Original file: proto/schema.proto

export const _stargate_SchemaRead_SourceApi = {
  GRAPHQL: 0,
  REST: 1,
  JSON: 2,
} as const;

export type _stargate_SchemaRead_SourceApi =
  | 'GRAPHQL'
  | 0
  | 'REST'
  | 1
  | 'JSON'
  | 2

export type _stargate_SchemaRead_SourceApi__Output = typeof _stargate_SchemaRead_SourceApi[keyof typeof _stargate_SchemaRead_SourceApi]

export interface SchemaRead {
  'keyspaceName'?: (string);
  'elementName'?: (_google_protobuf_StringValue | null);
  'elementType'?: (_stargate_SchemaRead_ElementType);
  'sourceApi'?: (_stargate_SchemaRead_SourceApi);
}

export interface SchemaRead__Output {
  'keyspaceName'?: (string);
  'elementName'?: (_google_protobuf_StringValue__Output);
  'elementType'?: (_stargate_SchemaRead_ElementType__Output);
  'sourceApi'?: (_stargate_SchemaRead_SourceApi__Output);
}
