// Which similarity function a vector column's SAI index uses, read from a table description.
// REST, GraphQL and Docs all need it: an ANN read is refused without an SAI index on the column,
// and a score asked for without naming a function uses the index's own.

import {
  DEFAULT_SIMILARITY_FUNCTION,
  parseSimilarityFunction,
  SIMILARITY_OPTION,
  type SimilarityFunction,
} from '../cql/vector-search.js';
import type { CqlTable__Output } from '../proto/generated/stargate/CqlTable.js';

/** Cassandra stores `USING 'sai'` as this class (the short names are accepted when creating). */
/** An SAI index class as Cassandra or a request names it: sai, StorageAttachedIndex, or its full class name. */
export function isStorageAttached(indexingClass: string | undefined): boolean {
  if (!indexingClass) return false;
  const lower = indexingClass.toLowerCase();
  return lower === 'sai' || lower === 'storageattachedindex' || lower.endsWith('.storageattachedindex');
}

/**
 * The similarity function of the SAI index on `column`, or undefined when no SAI index covers it
 * (an ANN read on such a column fails in Cassandra; callers answer 400 before sending it).
 */
export function vectorIndexSimilarity(
  table: CqlTable__Output,
  column: string,
): SimilarityFunction | undefined {
  for (const index of table.indexes ?? []) {
    if (index.columnName !== column) continue;
    if (!isStorageAttached(index.indexingClass?.value)) continue;
    const option = index.options?.[SIMILARITY_OPTION];
    return (option && parseSimilarityFunction(option)) || DEFAULT_SIMILARITY_FUNCTION;
  }
  return undefined;
}

/** What hasVectorIndex reads of a table: its columns' types and its indexes (input or output shape). */
export interface IndexedColumns {
  partitionKeyColumns?: Array<{ name?: string; type?: { vector?: unknown } | null }>;
  clusteringKeyColumns?: Array<{ name?: string; type?: { vector?: unknown } | null }>;
  staticColumns?: Array<{ name?: string; type?: { vector?: unknown } | null }>;
  columns?: Array<{ name?: string; type?: { vector?: unknown } | null }>;
  indexes?: Array<{ columnName?: string; indexingClass?: { value?: string } | null }>;
}

/**
 * The vector columns an SAI index covers: a write that sets one inserts into the index's in-memory
 * graph, which Cassandra 5.0 lets only the node's processors + 1 do at once (the bridge limits how
 * many run: services/bridge/src/query/vector-write-limiter.ts).
 */
export function vectorIndexedColumns(table: IndexedColumns): string[] {
  const vectorColumns = new Set(
    [
      ...(table.partitionKeyColumns ?? []),
      ...(table.clusteringKeyColumns ?? []),
      ...(table.staticColumns ?? []),
      ...(table.columns ?? []),
    ]
      .filter((column) => column.type?.vector)
      .map((column) => column.name),
  );
  const indexed = (table.indexes ?? []).filter(
    (index) =>
      vectorColumns.has(index.columnName) && isStorageAttached(index.indexingClass?.value ?? undefined),
  );
  return [...new Set(indexed.map((index) => index.columnName ?? ''))];
}

/** Whether an SAI index covers one of the table's vector columns (see vectorIndexedColumns). */
export function hasVectorIndex(table: IndexedColumns): boolean {
  return vectorIndexedColumns(table).length > 0;
}
