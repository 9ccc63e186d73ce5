// The heap that a keyspace description read from system_schema holds in the bridge
// (KeyspaceSchemaCache). Measured with `node --expose-gc` as the heap grown by 20 reads of real
// descriptions: 60 tables of 3 columns, 61 KB each; 6 tables of 400 columns, 311 KB; the same with
// 200-character column names, 747 KB; one table of 5,000 columns, 580 KB; 120 tables of 20–40
// columns of mixed types, 587 KB. Fitted: ~40 bytes per object, ~1 per byte of text, ~450 more per
// table; rounded up here. (Columns of one UDT share its spec here: counting it per column errs high.)

import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import { descriptionExtent } from '../../../common/src/schema/description-extent.js';

const OBJECT_BYTES = 40;
const TABLE_BYTES = 512;

export function describedKeyspaceBytes(description: CqlKeyspaceDescribe): number {
  const { tables, objects, textBytes } = descriptionExtent(description);
  return OBJECT_BYTES * objects + TABLE_BYTES * tables + textBytes;
}
