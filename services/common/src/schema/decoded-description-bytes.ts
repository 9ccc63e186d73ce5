// The heap that a keyspace description decoded from the bridge's reply holds in an API process
// (SchemaCache), with the table views (table-view.ts) that the first request using it builds for
// every table. Measured with `node --expose-gc` as the heap grown by 20–40 decodings of real
// descriptions, then by their views: 60 tables of 3 columns, 57 + 60 KB each; 6 tables of 400
// columns, 435 + 312 KB; 120 tables of 20–40 columns of mixed types, 903 + 592 KB. Fitted: ~56
// bytes per object (a column is a few: its spec and its type's), ~1 per byte of text and ~330 per
// table decoded; ~130 per column and ~640 per table of views; rounded up here. A column typed by
// a UDT carries a copy of the UDT's spec once decoded, which the object count follows.
import { descriptionExtent } from './description-extent.js';
import type { KeyspaceDescription } from './schema-cache.js';

const OBJECT_BYTES = 56;
const TABLE_BYTES = 384 + 640;
const COLUMN_VIEW_BYTES = 136;

export function decodedDescriptionBytes(description: KeyspaceDescription): number {
  const { tables, columns, objects, textBytes } = descriptionExtent(description);
  return OBJECT_BYTES * objects + TABLE_BYTES * tables + COLUMN_VIEW_BYTES * columns + textBytes;
}
