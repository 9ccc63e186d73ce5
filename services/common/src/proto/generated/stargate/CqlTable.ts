// Original file: proto/schema.proto

import type { ColumnSpec as _stargate_ColumnSpec, ColumnSpec__Output as _stargate_ColumnSpec__Output } from '../stargate/ColumnSpec.js';
import type { ColumnOrderBy as _stargate_ColumnOrderBy, ColumnOrderBy__Output as _stargate_ColumnOrderBy__Output } from '../stargate/ColumnOrderBy.js';
import type { CqlIndex as _stargate_CqlIndex, CqlIndex__Output as _stargate_CqlIndex__Output } from '../stargate/CqlIndex.js';
import type { CqlMaterializedView as _stargate_CqlMaterializedView, CqlMaterializedView__Output as _stargate_CqlMaterializedView__Output } from '../stargate/CqlMaterializedView.js';

export interface CqlTable {
  'name'?: (string);
  'options'?: ({[key: string]: string});
  'partitionKeyColumns'?: (_stargate_ColumnSpec)[];
  'clusteringKeyColumns'?: (_stargate_ColumnSpec)[];
  'staticColumns'?: (_stargate_ColumnSpec)[];
  'columns'?: (_stargate_ColumnSpec)[];
  'clusteringOrders'?: ({[key: string]: _stargate_ColumnOrderBy});
  'indexes'?: (_stargate_CqlIndex)[];
  'materializedViews'?: (_stargate_CqlMaterializedView)[];
}

export interface CqlTable__Output {
  'name'?: (string);
  'options'?: ({[key: string]: string});
  'partitionKeyColumns'?: (_stargate_ColumnSpec__Output)[];
  'clusteringKeyColumns'?: (_stargate_ColumnSpec__Output)[];
  'staticColumns'?: (_stargate_ColumnSpec__Output)[];
  'columns'?: (_stargate_ColumnSpec__Output)[];
  'clusteringOrders'?: ({[key: string]: _stargate_ColumnOrderBy__Output});
  'indexes'?: (_stargate_CqlIndex__Output)[];
  'materializedViews'?: (_stargate_CqlMaterializedView__Output)[];
}
