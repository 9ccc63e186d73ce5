// The `similarity_function` option of an index body: only on an SAI index of a vector column, and
// only one of Cassandra's three functions (spelled in any case, sent as Cassandra spells it), so a
// mistake is a 400 naming the option rather than Cassandra's configuration error.
import { cqlTypeText } from '../../../common/src/cql/cql-type.js';
import {
  parseSimilarityFunction,
  SIMILARITY_FUNCTIONS,
  SIMILARITY_OPTION,
} from '../../../common/src/cql/vector-search.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { ColumnView } from '../../../common/src/schema/table-view.js';
import { isStorageAttached } from '../../../common/src/schema/vector-index.js';

export function checkedVectorOptions(
  column: ColumnView,
  type: string | undefined,
  options: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const text = options?.[SIMILARITY_OPTION];
  if (text === undefined) return options;
  const invalid = (detail: string) =>
    new ApiError('REQUEST_INVALID', { detail: `Invalid index option '${SIMILARITY_OPTION}': ${detail}` });
  if (!column.type?.vector) {
    throw invalid(
      `'${column.name}' is a ${cqlTypeText(column.type)} column; only a vector column's index has one`,
    );
  }
  if (!isStorageAttached(type)) {
    throw invalid(
      `it needs "type": "StorageAttachedIndex" (an SAI index), got ${JSON.stringify(type ?? null)}`,
    );
  }
  const similarity = parseSimilarityFunction(text);
  if (!similarity) {
    throw invalid(`${JSON.stringify(text)} is not one of ${SIMILARITY_FUNCTIONS.join(', ')}`);
  }
  return { ...options, [SIMILARITY_OPTION]: similarity };
}
