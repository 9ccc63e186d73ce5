// A collection's vector declaration: the dimension of its documents' `$vector` and the metric its
// similarity search ranks by. It is not stored apart: the `vec vector<float, n>` column gives the
// dimension and the SAI index on it the similarity function, so the table is the one truth.
import { type SimilarityFunction, similarityFunctionName } from '../../../common/src/cql/vector-search.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import { vectorIndexSimilarity } from '../../../common/src/schema/vector-index.js';

export const VECTOR_METRICS = ['cosine', 'dot_product', 'euclidean'] as const;
export type VectorMetric = (typeof VECTOR_METRICS)[number];

/** The largest dimension a collection may declare: it bounds the size of one document's vector. */
export const MAX_VECTOR_DIMENSION = 8192;
export const DEFAULT_VECTOR_METRIC: VectorMetric = 'cosine';

export interface VectorSettings {
  dimension: number;
  metric: VectorMetric;
}

/** The column holding a document's vector, in the row of its partition with p = '$vector'. */
export const VECTOR_COLUMN = 'vec';

export function similarityFunctionOf(metric: VectorMetric): SimilarityFunction {
  return metric.toUpperCase() as SimilarityFunction;
}

export function metricOf(fn: SimilarityFunction): VectorMetric {
  return fn.toLowerCase() as VectorMetric;
}

/** `similarity_cosine` etc.: Cassandra's score function of the metric. */
export function scoreFunctionName(metric: VectorMetric): string {
  return similarityFunctionName(similarityFunctionOf(metric));
}

/** The CQL type of the vector column. */
export function vectorColumnType(settings: VectorSettings): string {
  return `vector<float, ${settings.dimension}>`;
}

function isFloat(element: { basic?: unknown } | null | undefined): boolean {
  const basic = element?.basic;
  return basic === BasicType.FLOAT || basic === 'FLOAT';
}

/** The vector column's dimension when `column` is a `vector<float, n>`, else undefined. */
export function vectorDimensionOf(column: { type?: { vector?: unknown } | null }): number | undefined {
  const vector = column.type?.vector as { element?: { basic?: unknown } | null; size?: number } | undefined;
  if (!vector || !isFloat(vector.element) || !vector.size) return undefined;
  return Number(vector.size);
}

/** The collection table's vector settings; undefined when it declares no vector. */
export function vectorSettingsOf(table: CqlTable__Output): VectorSettings | undefined {
  const column = (table.columns ?? []).find((c) => c.name === VECTOR_COLUMN);
  const dimension = column ? vectorDimensionOf(column) : undefined;
  if (dimension === undefined) return undefined;
  const fn = vectorIndexSimilarity(table, VECTOR_COLUMN);
  // A vector column without its index (dropped by hand) cannot be searched: no declaration.
  return fn === undefined ? undefined : { dimension, metric: metricOf(fn) };
}

/**
 * The `vector` of a collection to create, checked with messages that name the problem (the route's
 * JSON schema, schemas/docs/collection-create.json, says the same shape).
 */
export function parseVectorDeclaration(value: unknown): VectorSettings {
  const invalid = (detail: string) => new ApiError('DOCS_VECTOR_DECLARATION_INVALID', { detail });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(
      `it must be a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  const { dimension, metric = DEFAULT_VECTOR_METRIC, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw invalid(`unknown field ${JSON.stringify(unknown[0])}`);
  if (dimension === undefined) throw invalid('`dimension` is missing');
  if (typeof dimension !== 'number' || !Number.isInteger(dimension)) {
    throw invalid(`\`dimension\` must be a whole number, got ${JSON.stringify(dimension)}`);
  }
  if (dimension < 1 || dimension > MAX_VECTOR_DIMENSION) {
    throw invalid(`\`dimension\` must be 1 to ${MAX_VECTOR_DIMENSION}, got ${dimension}`);
  }
  if (typeof metric !== 'string' || !(VECTOR_METRICS as readonly string[]).includes(metric)) {
    throw invalid(`\`metric\` must be one of ${VECTOR_METRICS.join(', ')}, got ${JSON.stringify(metric)}`);
  }
  return { dimension, metric: metric as VectorMetric };
}
