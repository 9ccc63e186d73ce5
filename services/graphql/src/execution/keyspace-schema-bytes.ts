// The heap that one keyspace's GraphQL executor holds, estimated from the keyspace's description:
// its schema (types, fields and arguments for every table and column) and the Mercurius instance
// that serves it. Measured with `node --expose-gc` as the heap grown by five executors built from
// real descriptions (each having run a query): 60 tables of 3 columns, 1.9 MiB each; 6 tables of
// 400 columns, 4.2 MiB; 120 tables of 20–40 columns of mixed types and 2 UDTs, 9.4 MiB. Fitted:
// ~170 KB, plus ~24.5 KB per table, plus ~1.66 KB per column; rounded up here. The description's
// text counts once more: the schema's names and resolvers keep it alive.

import { descriptionExtent } from '../../../common/src/schema/description-extent.js';
import type { KeyspaceDescription } from '../../../common/src/schema/schema-cache.js';

const SCHEMA_BYTES = 192 * 1024;
const TABLE_BYTES = 25 * 1024;
const COLUMN_BYTES = 1_750;

export function keyspaceSchemaBytes(description: KeyspaceDescription): number {
  const { tables, columns, textBytes } = descriptionExtent(description);
  return SCHEMA_BYTES + TABLE_BYTES * tables + COLUMN_BYTES * columns + textBytes;
}
