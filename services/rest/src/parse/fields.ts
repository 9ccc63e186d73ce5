// The `fields` parameter: a comma-separated list of the columns to return (all when absent).
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { ColumnView, TableView } from '../../../common/src/schema/table-view.js';

export function parseFields(text: string | undefined, table: TableView): ColumnView[] {
  const names = (text ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0) return table.ordered;
  return names.map((name) => {
    const column = table.column(name);
    if (!column) throw new ApiError('REST_FIELDS_INVALID', { detail: table.unknownColumnMessage(name) });
    return column;
  });
}
