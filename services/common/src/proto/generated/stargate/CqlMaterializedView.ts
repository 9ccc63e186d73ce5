// Original file: proto/schema.proto

import type { ColumnSpec as _stargate_ColumnSpec, ColumnSpec__Output as _stargate_ColumnSpec__Output } from '../stargate/ColumnSpec.js';
import type { ColumnOrderBy as _stargate_ColumnOrderBy, ColumnOrderBy__Output as _stargate_ColumnOrderBy__Output } from '../stargate/ColumnOrderBy.js';

export interface CqlMaterializedView {
  'name'?: (string);
  'options'?: ({[key: string]: string});
  'partitionKeyColumns'?: (_stargate_ColumnSpec)[];
  'clusteringKeyColumns'?: (_stargate_ColumnSpec)[];
  'columns'?: (_stargate_ColumnSpec)[];
  'clusteringOrders'?: ({[key: string]: _stargate_ColumnOrderBy});
}

export interface CqlMaterializedView__Output {
  'name'?: (string);
  'options'?: ({[key: string]: string});
  'partitionKeyColumns'?: (_stargate_ColumnSpec__Output)[];
  'clusteringKeyColumns'?: (_stargate_ColumnSpec__Output)[];
  'columns'?: (_stargate_ColumnSpec__Output)[];
  'clusteringOrders'?: ({[key: string]: _stargate_ColumnOrderBy__Output});
}
