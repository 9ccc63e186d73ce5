// The `sort` parameter: {"col": "asc"|"desc", ...} in order; anything but "desc" sorts
// ascending, as in Stargate (an object, array or null is refused). Columns must exist; Cassandra decides whether it can order by them.
// Beyond Stargate: {"embedding": {"$vector": [...]}} alone makes the read an ANN read
// (parse/vector-sort.ts).
import { isLosslessNumber } from 'lossless-json';
import { describeJson } from '../../../common/src/codecs/json-codec.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { TableView } from '../../../common/src/schema/table-view.js';
import { isJsonObject, JsonTextError, parseJsonText } from './json-text.js';
import { isVectorSortValue, parseVectorSort, VECTOR_OPERATOR, type VectorQuery } from './vector-sort.js';

export type SortOrder = Array<{ column: string; order: 'ASC' | 'DESC' }>;

/** Either an ordering by columns or, for an ANN read, the query vector (Cassandra allows no mix). */
export interface Sort {
  orderBy: SortOrder;
  vector?: VectorQuery;
}

export function parseSort(text: string | undefined, table: TableView): Sort {
  if (!text) return { orderBy: [] };
  let json: ReturnType<typeof parseJsonText>;
  try {
    json = parseJsonText(text);
  } catch (err) {
    if (!(err instanceof JsonTextError)) throw err;
    throw invalid(`Invalid 'sort' argument, not valid JSON (${text}): ${err.message}`);
  }
  if (!isJsonObject(json)) throw invalid(`Invalid 'sort' argument, not JSON Object (${text})`);
  const entries = Object.entries(json);
  for (const [column] of entries) {
    if (!table.column(column)) throw invalid(table.unknownColumnMessage(column));
  }
  for (const [column, order] of entries) {
    if (!isVectorSortValue(order)) continue;
    if (entries.length > 1) {
      throw invalid(
        `${VECTOR_OPERATOR} (an ANN read on '${column}') cannot be combined with other sort columns: Cassandra orders an ANN read by similarity only`,
      );
    }
    return { orderBy: [], vector: parseVectorSort(table.column(column)!, order, table) };
  }
  return {
    orderBy: entries.map(([column, order]) => {
      if (order === null || (typeof order === 'object' && !isLosslessNumber(order))) {
        throw invalid(
          `the order of '${column}' must be "asc", "desc" or {"${VECTOR_OPERATOR}": […]} (an ANN read), got ${describeJson(order)}`,
        );
      }
      return { column, order: order === 'desc' ? 'DESC' : 'ASC' };
    }),
  };
}

function invalid(detail: string): ApiError {
  return new ApiError('REST_SORT_INVALID', { detail });
}
