// Original file: proto/query.proto

import type { ColumnSpec as _stargate_ColumnSpec, ColumnSpec__Output as _stargate_ColumnSpec__Output } from '../stargate/ColumnSpec.js';
import type { Row as _stargate_Row, Row__Output as _stargate_Row__Output } from '../stargate/Row.js';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from '../google/protobuf/BytesValue.js';

export interface ResultSet {
  'columns'?: (_stargate_ColumnSpec)[];
  'rows'?: (_stargate_Row)[];
  'pagingState'?: (_google_protobuf_BytesValue | null);
}

export interface ResultSet__Output {
  'columns'?: (_stargate_ColumnSpec__Output)[];
  'rows'?: (_stargate_Row__Output)[];
  'pagingState'?: (_google_protobuf_BytesValue__Output);
}
