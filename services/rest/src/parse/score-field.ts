// A score field of an ANN read: `similarity_cosine(col)`, `similarity_dot_product(col)` or
// `similarity_euclidean(col)` selects Cassandra's score of the vector column col against the read's
// query vector (bound in the selector, as in ANN OF), under that name.
import {
  SIMILARITY_FUNCTIONS,
  type SimilarityFunction,
  similarityFunctionName,
  similaritySelector,
} from '../../../common/src/cql/vector-search.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import { ColumnView, type TableView } from '../../../common/src/schema/table-view.js';
import type { Field } from './fields.js';
import { floatVectorDimension, type VectorQuery } from './vector-sort.js';

/** Score function calls as `fields` names them: checked against the three by scoreField. */
export const SCORE_CALL = /^(similarity_[a-z_]+)\s*\(\s*(.+?)\s*\)$/i;

const scoreValue = new ColumnView('score', { basic: BasicType.FLOAT } as TypeSpec__Output, 'regular', false);

/**
 * similarity_cosine(col) etc.: the score of a vector<float, n> column against the query vector of
 * the ANN read (bound in the selector), whatever similarity function the column's index uses.
 */
export function scoreField(
  functionName: string,
  columnName: string,
  table: TableView,
  vector: VectorQuery | undefined,
): Field {
  const fn = SIMILARITY_FUNCTIONS.find((f) => similarityFunctionName(f) === functionName.toLowerCase());
  const invalid = (detail: string) => new ApiError('REST_FIELDS_INVALID', { detail });
  if (!fn) {
    throw invalid(
      `${functionName}(${columnName}): unknown score function; use ${SIMILARITY_FUNCTIONS.map(similarityFunctionName).join(', ')}`,
    );
  }
  const name = `${similarityFunctionName(fn)}(${columnName})`;
  const column = table.column(columnName);
  if (!column) throw invalid(`${name}: ${table.unknownColumnMessage(columnName)}`);
  if (!vector) {
    throw invalid(
      `${name} scores rows against the query vector of an ANN read: add sort={"${columnName}":{"$vector":[…]}}`,
    );
  }
  const dimension = floatVectorDimension(column);
  if (dimension !== vector.dimension) {
    throw invalid(
      `${name}: '${columnName}' is not a vector<float, ${vector.dimension}> column like the query vector's '${vector.column}'`,
    );
  }
  if (vector.isZero && fn === 'COSINE') {
    throw invalid(`${name}: the query vector is all zeros, which has no cosine similarity`);
  }
  return scoreOf(fn, column.name, name, vector.vector);
}

function scoreOf(fn: SimilarityFunction, column: string, name: string, vector: Value): Field {
  return {
    name,
    selector: similaritySelector(fn, column),
    codec: (c) => scoreValue.codec(c),
    selectorValues: [vector],
  };
}
