// Vector search on a table query: `ann: {embedding: [..]}` orders the rows by similarity to the
// query vector (ORDER BY "embedding" ANN OF ? LIMIT k, on the column's SAI index), and each
// `_similarity(function:)` field selected under `values` becomes a score selector bound with the
// same vector. Every check a user can fail is made here, before Cassandra sees the statement.
import {
  type AnnOrder,
  type SimilarityFunction,
  similaritySelector,
} from '../../../common/src/cql/vector-search.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { vectorIndexSimilarity } from '../../../common/src/schema/vector-index.js';
import type { QueryOptionsInput } from './query-options.js';
import { type CurrentTable, columnOf } from './table-ref.js';
import { ValueError } from './value-error.js';
import { isFloatVector, vectorToProto } from './vector-values.js';

/** Cassandra 5.0 refuses an ANN query whose LIMIT is above this (its top-k bound). */
export const MAX_ANN_LIMIT = 1000;

/** The `ann` argument: GraphQL field name of a vector column → the query vector. */
export type AnnInput = Record<string, unknown[] | null | undefined>;

/** A `_similarity` field as a query selects it. */
export interface SimilarityRequest {
  /** The response key (alias or field name) its value is stored under. */
  key: string;
  /** Absent: the function of the column's index. */
  function?: SimilarityFunction | null;
}

export interface AnnSearch {
  order: AnnOrder;
  /** The similarity function of the column's SAI index. */
  indexFunction: SimilarityFunction;
  limit: number;
}

/** The ANN search an `ann` argument asks for, or undefined without one. */
export function annSearch(
  current: CurrentTable,
  ann: AnnInput | null | undefined,
  options: QueryOptionsInput | null | undefined,
): AnnSearch | undefined {
  if (ann === null || ann === undefined) return undefined;
  const given = Object.entries(ann).filter(([, vector]) => vector !== null && vector !== undefined);
  if (given.length !== 1) {
    throw new ValueError(
      `ann must set exactly one vector column to the query vector, got ${given.length === 0 ? 'none' : given.map(([name]) => name).join(', ')}`,
    );
  }
  const [field, vector] = given[0]!;
  const column = columnOf(current, field);
  if (!isFloatVector(column.type)) {
    throw new ValueError(`ann.${field}: the column is not a vector<float, n> column`);
  }
  const indexFunction = vectorIndexSimilarity(current.view.table, column.name);
  if (!indexFunction) {
    throw new ValueError(
      `ann.${field}: the column has no SAI index, which a vector search needs; create one with createIndex(…, columnName: "${column.name}", indexType: "StorageAttachedIndex")`,
    );
  }
  const value = vectorToProto(column.type, vector, { what: `ann.${field}` });
  return { order: { column: column.name, vector: value }, indexFunction, limit: annLimit(options) };
}

/** The k of a vector search: options.limit, required, 1 to MAX_ANN_LIMIT. */
function annLimit(options: QueryOptionsInput | null | undefined): number {
  const limit = options?.limit;
  if (limit === null || limit === undefined) {
    throw new ValueError(
      `a vector search (ann) needs options.limit: how many of the most similar rows to return (1 to ${MAX_ANN_LIMIT})`,
    );
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ANN_LIMIT) {
    throw new ValueError(
      `options.limit of a vector search (ann) must be 1 to ${MAX_ANN_LIMIT}, got ${limit}`,
    );
  }
  if (options?.pageState) {
    throw new ValueError(
      'a vector search (ann) returns its rows in one page: options.pageState cannot be used with it',
    );
  }
  return limit;
}

/** The score selectors of the requested `_similarity` fields and their bound vectors, in order. */
export function similaritySelectors(
  search: AnnSearch | undefined,
  requests: readonly SimilarityRequest[],
): { selectors: string[]; values: Value[] } {
  if (requests.length === 0) return { selectors: [], values: [] };
  if (!search) {
    throw new ValueError(
      '_similarity scores rows against the query vector of a vector search: give the table query an ann argument',
    );
  }
  return {
    selectors: requests.map((r) =>
      similaritySelector(r.function ?? search.indexFunction, search.order.column),
    ),
    values: requests.map(() => search.order.vector),
  };
}
