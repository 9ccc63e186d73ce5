// Original file: proto/schema.proto

import type { SchemaRead as _stargate_SchemaRead, SchemaRead__Output as _stargate_SchemaRead__Output } from '../stargate/SchemaRead.js';

export interface AuthorizeSchemaReadsRequest {
  'schemaReads'?: (_stargate_SchemaRead)[];
}

export interface AuthorizeSchemaReadsRequest__Output {
  'schemaReads'?: (_stargate_SchemaRead__Output)[];
}
