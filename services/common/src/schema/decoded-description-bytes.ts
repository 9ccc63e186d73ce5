// The heap that a keyspace description decoded from the bridge's reply holds in an API process
// (SchemaCache). Measured with `node --expose-gc` as the heap grown by 40 decodings of real
// descriptions: 60 tables of 3 columns, 57 KB each; 6 tables of 400 columns, 435 KB; the same with
// 200-character column names, 881 KB; 120 tables of 20–40 columns of mixed types, 903 KB. Fitted:
// ~56 bytes per object (a column is a few: its spec and its type's), ~1 per byte of text, and
// ~330 more per table; rounded up here. A column typed by a UDT carries a copy of the UDT's spec
// once decoded, which the object count follows.

import { descriptionExtent } from './description-extent.js';
import type { KeyspaceDescription } from './schema-cache.js';

const OBJECT_BYTES = 56;
const TABLE_BYTES = 384;

export function decodedDescriptionBytes(description: KeyspaceDescription): number {
  const { tables, objects, textBytes } = descriptionExtent(description);
  return OBJECT_BYTES * objects + TABLE_BYTES * tables + textBytes;
}
