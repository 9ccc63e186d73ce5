// Vector search on Cassandra 5.0 SAI: the similarity functions a vector index can use, the CQL
// selector that returns a row's score, and the ANN ordering every API builds its reads with.
// The query vector is always a bind value (encoded with the column's own codec, which checks the
// dimension), never text in the statement.
import type { Value } from '../proto/generated/stargate/Value.js';
import { quoteIdentifier } from './identifier.js';

/** The index option that names an SAI vector index's similarity function. */
export const SIMILARITY_OPTION = 'similarity_function';

/** The `similarity_function` option of an SAI vector index, as Cassandra spells it. */
export const SIMILARITY_FUNCTIONS = ['COSINE', 'DOT_PRODUCT', 'EUCLIDEAN'] as const;
export type SimilarityFunction = (typeof SIMILARITY_FUNCTIONS)[number];

/** Cassandra's default when an SAI vector index names no similarity function. */
export const DEFAULT_SIMILARITY_FUNCTION: SimilarityFunction = 'COSINE';

/** "cosine", "Cosine", "COSINE" → COSINE; undefined for anything else. */
export function parseSimilarityFunction(text: string): SimilarityFunction | undefined {
  const upper = text.toUpperCase();
  return (SIMILARITY_FUNCTIONS as readonly string[]).includes(upper)
    ? (upper as SimilarityFunction)
    : undefined;
}

/** The score function's name: similarity_cosine, similarity_dot_product, similarity_euclidean. */
export function similarityFunctionName(fn: SimilarityFunction): string {
  return `similarity_${fn.toLowerCase()}`;
}

/** `similarity_cosine("embedding", ?)`; the vector is bound in the selector's place. */
export function similaritySelector(fn: SimilarityFunction, column: string): string {
  return `${similarityFunctionName(fn)}(${quoteIdentifier(column)}, ?)`;
}

/** An ANN ordering: `ORDER BY "column" ANN OF ?` with the query vector bound. */
export interface AnnOrder {
  column: string;
  vector: Value;
}
