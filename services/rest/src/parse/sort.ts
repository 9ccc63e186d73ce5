// The `sort` parameter: {"col": "asc"|"desc", ...} in order; anything but "desc" sorts
// ascending, as in Stargate. Columns must exist; Cassandra decides whether it can order by them.
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { TableView } from '../../../common/src/schema/table-view.js';
import { isJsonObject, JsonTextError, parseJsonText } from './json-text.js';

export type SortOrder = Array<{ column: string; order: 'ASC' | 'DESC' }>;

export function parseSort(text: string | undefined, table: TableView): SortOrder {
  if (!text) return [];
  let json: ReturnType<typeof parseJsonText>;
  try {
    json = parseJsonText(text);
  } catch (err) {
    if (!(err instanceof JsonTextError)) throw err;
    throw invalid(`Invalid 'sort' argument, not valid JSON (${text}): ${err.message}`);
  }
  if (!isJsonObject(json)) throw invalid(`Invalid 'sort' argument, not JSON Object (${text})`);
  return Object.entries(json).map(([column, order]) => {
    if (!table.column(column)) throw invalid(table.unknownColumnMessage(column));
    return { column, order: order === 'desc' ? 'DESC' : 'ASC' };
  });
}

function invalid(detail: string): ApiError {
  return new ApiError('REST_SORT_INVALID', { detail });
}
