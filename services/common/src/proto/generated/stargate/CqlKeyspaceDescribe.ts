// Original file: proto/schema.proto

import type { CqlKeyspace as _stargate_CqlKeyspace, CqlKeyspace__Output as _stargate_CqlKeyspace__Output } from '../stargate/CqlKeyspace.js';
import type { _stargate_TypeSpec_Udt, _stargate_TypeSpec_Udt__Output } from '../stargate/TypeSpec.js';
import type { CqlTable as _stargate_CqlTable, CqlTable__Output as _stargate_CqlTable__Output } from '../stargate/CqlTable.js';
import type { CqlIndex as _stargate_CqlIndex, CqlIndex__Output as _stargate_CqlIndex__Output } from '../stargate/CqlIndex.js';
import type { CqlMaterializedView as _stargate_CqlMaterializedView, CqlMaterializedView__Output as _stargate_CqlMaterializedView__Output } from '../stargate/CqlMaterializedView.js';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from '../google/protobuf/Int32Value.js';

export interface CqlKeyspaceDescribe {
  'cqlKeyspace'?: (_stargate_CqlKeyspace | null);
  'types'?: (_stargate_TypeSpec_Udt)[];
  'tables'?: (_stargate_CqlTable)[];
  'indexes'?: (_stargate_CqlIndex)[];
  'materializedViews'?: (_stargate_CqlMaterializedView)[];
  'hash'?: (_google_protobuf_Int32Value | null);
}

export interface CqlKeyspaceDescribe__Output {
  'cqlKeyspace'?: (_stargate_CqlKeyspace__Output);
  'types'?: (_stargate_TypeSpec_Udt__Output)[];
  'tables'?: (_stargate_CqlTable__Output)[];
  'indexes'?: (_stargate_CqlIndex__Output)[];
  'materializedViews'?: (_stargate_CqlMaterializedView__Output)[];
  'hash'?: (_google_protobuf_Int32Value__Output);
}
