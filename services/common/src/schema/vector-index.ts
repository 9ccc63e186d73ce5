// Which similarity function a vector column's SAI index uses, read from a table description.
// REST, GraphQL and Docs all need it: an ANN read is refused without an SAI index on the column,
// and a score asked for without naming a function uses the index's own.

import {
  DEFAULT_SIMILARITY_FUNCTION,
  parseSimilarityFunction,
  type SimilarityFunction,
} from '../cql/vector-search.js';
import type { CqlTable__Output } from '../proto/generated/stargate/CqlTable.js';

/** Cassandra stores `USING 'sai'` as this class (the short names are accepted when creating). */
function isStorageAttached(indexingClass: string | undefined): boolean {
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
    const option = index.options?.similarity_function;
    return (option && parseSimilarityFunction(option)) || DEFAULT_SIMILARITY_FUNCTION;
  }
  return undefined;
}
