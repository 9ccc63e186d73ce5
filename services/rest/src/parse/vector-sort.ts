// An ANN read's `sort`: {"embedding": {"$vector": [0.1, …]}} orders the rows by similarity to that
// vector (Cassandra 5.0 SAI: ORDER BY "embedding" ANN OF ? LIMIT k). Everything Cassandra would
// refuse with its own words is refused here first, naming the column: a column that is not a
// vector, one without an SAI index, a vector of the wrong dimension or with non-numbers, a zero
// vector on a COSINE index, and paging (an ANN read answers its k nearest rows in one page).
import { type JsonInput, JsonValueError } from '../../../common/src/codecs/json-codec.js';
import { cqlTypeText } from '../../../common/src/cql/cql-type.js';
import type { SimilarityFunction } from '../../../common/src/cql/vector-search.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import type { ColumnView, TableView } from '../../../common/src/schema/table-view.js';
import { vectorIndexSimilarity } from '../../../common/src/schema/vector-index.js';
import { DEFAULT_PAGE_SIZE } from './paging.js';

export const VECTOR_OPERATOR = '$vector';

/** Cassandra refuses an ANN read whose LIMIT is above 1000. */
export const MAX_ANN_ROWS = 1000;

/** The query vector of an ANN read, checked against its column and that column's index. */
export interface VectorQuery {
  readonly column: string;
  /** The similarity function of the column's SAI index (what the ordering ranks by). */
  readonly similarity: SimilarityFunction;
  readonly dimension: number;
  /** Encoded with the column's own codec: the bind value of ANN OF ? and of score selectors. */
  readonly vector: Value;
  /** All zeros: no direction, so no cosine similarity (Cassandra refuses it). */
  readonly isZero: boolean;
}

/** True for a sort value of the form {"$vector": …}. */
export function isVectorSortValue(value: JsonInput): value is { [key: string]: JsonInput } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && VECTOR_OPERATOR in value;
}

export function parseVectorSort(
  column: ColumnView,
  value: { [key: string]: JsonInput },
  table: TableView,
): VectorQuery {
  const others = Object.keys(value).filter((k) => k !== VECTOR_OPERATOR);
  if (others.length > 0) {
    throw invalid(`{"${column.name}": {"$vector": […]}} takes no other key (got ${others.join(', ')})`);
  }
  const dimension = floatVectorDimension(column);
  if (dimension === undefined) {
    throw invalid(
      `'${column.name}' is a ${cqlTypeText(column.type)} column; $vector sorts by a vector<float, n> column`,
    );
  }
  const similarity = vectorIndexSimilarity(table.table, column.name);
  if (!similarity) {
    throw invalid(
      `column '${column.name}' has no SAI index, which an ANN read ($vector) needs: create one with POST /v2/schemas/keyspaces/${table.keyspace}/tables/${table.name}/indexes {"column": "${column.name}", "type": "StorageAttachedIndex", "options": {"similarity_function": "COSINE"}}`,
    );
  }
  let vector: Value;
  try {
    vector = column.codec(true).fromJson(value[VECTOR_OPERATOR] ?? null);
  } catch (err) {
    if (!(err instanceof JsonValueError)) throw err;
    throw invalid(`$vector for column '${column.name}': ${err.message}`);
  }
  if (!vector.collection) {
    throw invalid(`$vector for column '${column.name}': expected an array of ${dimension} numbers, got null`);
  }
  const isZero = (vector.collection.elements ?? []).every((e) => e.float === 0);
  if (isZero && similarity === 'COSINE') {
    throw invalid(
      `$vector for column '${column.name}' is all zeros, which has no direction: the column's COSINE index cannot rank rows by it`,
    );
  }
  return { column: column.name, similarity, dimension, vector, isZero };
}

/** The dimension of a vector<float, n> column, or undefined for any other column. */
export function floatVectorDimension(column: ColumnView): number | undefined {
  const vector = column.type?.vector;
  if (!vector || vector.element?.basic !== BasicType.FLOAT) return undefined;
  return vector.size ?? undefined;
}

/**
 * k of an ANN read, from page-size (default 100, at most 1000), and its one page: the LIMIT and the
 * page size are both k, so Cassandra answers all of them at once and no page state follows.
 */
export function annPaging(
  pageSize: number | undefined,
  pageState: string | undefined,
): { limit: number; parameters: QueryParameters } {
  if (pageState) {
    throw new ApiError('REST_PAGE_STATE_INVALID', {
      detail: `an ANN read (sort by ${VECTOR_OPERATOR}) returns its page-size nearest rows in one page and has no next page`,
    });
  }
  const limit = pageSize ?? DEFAULT_PAGE_SIZE;
  if (limit > MAX_ANN_ROWS) {
    throw invalid(
      `an ANN read ($vector) returns at most ${MAX_ANN_ROWS} rows (Cassandra's limit); page-size is ${limit}`,
    );
  }
  return { limit, parameters: { pageSize: { value: limit }, skipMetadata: true } };
}

function invalid(detail: string): ApiError {
  return new ApiError('REST_SORT_INVALID', { detail });
}
