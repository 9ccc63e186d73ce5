// Writes one document into a collection table of ours with the Document API's own statements
// (services/docs/src/storage/document-store.ts `writeStatements`: the partition tombstone, the
// JSON and one row per leaf, in one single-partition batch), run through cassandra-driver.
import cassandra from 'cassandra-driver';
import type { BatchQuery } from '../../services/common/src/proto/generated/stargate/BatchQuery.js';
import type { Value } from '../../services/common/src/proto/generated/stargate/Value.js';
import type { Json } from '../../services/docs/src/document/json-tree.js';
import { type CollectionRef, writeStatements } from '../../services/docs/src/storage/document-store.js';
import { nextWriteTimestamp } from '../../services/docs/src/storage/write-timestamp.js';

/** The statements of the write; throws the Document API's error when the document cannot be stored. */
export function documentWriteStatements(
  target: CollectionRef,
  id: string,
  doc: Json,
  ttlSeconds: number | undefined,
): BatchQuery[] {
  return writeStatements(target, id, doc, ttlSeconds ?? 0, nextWriteTimestamp());
}

export async function writeDocument(
  client: cassandra.Client,
  target: CollectionRef,
  id: string,
  doc: Json,
  ttlSeconds: number | undefined,
): Promise<void> {
  const queries = documentWriteStatements(target, id, doc, ttlSeconds).map((q) => ({
    query: q.cql ?? '',
    params: (q.values?.values ?? []).map(toDriverParam),
  }));
  // One partition: applied atomically and in isolation without a batch log.
  // The same document written twice is the same document: safe for the driver to retry.
  await client.batch(queries, { prepare: true, logged: false, isIdempotent: true });
}

/**
 * The bridge's Value → what cassandra-driver binds for a prepared statement. Only the kinds a
 * document write uses: text, double, boolean, unset, and int (TTL as a number, timestamp as a
 * string of microseconds: the driver reads both for their column types).
 */
function toDriverParam(value: Value): unknown {
  if (value.string !== undefined) return value.string;
  if (value.double !== undefined) return Number(value.double);
  if (value.boolean !== undefined) return value.boolean;
  if (value.unset !== undefined) return cassandra.types.unset;
  if (value.int !== undefined) return typeof value.int === 'number' ? value.int : String(value.int);
  if (value.null !== undefined) return null;
  throw new Error(`a document write bound a value this tool does not convert: ${JSON.stringify(value)}`);
}
