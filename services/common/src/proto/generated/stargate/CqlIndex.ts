// Original file: proto/schema.proto

import type { IndexingType as _stargate_IndexingType, IndexingType__Output as _stargate_IndexingType__Output } from '../stargate/IndexingType.js';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from '../google/protobuf/StringValue.js';

export interface CqlIndex {
  'name'?: (string);
  'columnName'?: (string);
  'indexingType'?: (_stargate_IndexingType);
  'custom'?: (boolean);
  'indexingClass'?: (_google_protobuf_StringValue | null);
  'options'?: ({[key: string]: string});
}

export interface CqlIndex__Output {
  'name'?: (string);
  'columnName'?: (string);
  'indexingType'?: (_stargate_IndexingType__Output);
  'custom'?: (boolean);
  'indexingClass'?: (_google_protobuf_StringValue__Output);
  'options'?: ({[key: string]: string});
}
