// /v2/keyspaces/{ks}/{table}/{pk1}/{pk2}/... : the key values of a row (or a prefix of the
// primary key), each in its text form ("stringified"), in primary-key order.
import type { Condition } from '../../../common/src/cql/condition.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { TableView } from '../../../common/src/schema/table-view.js';
import { columnValueFromText, RowInputError } from '../translate/column-values.js';

const KEY_SEGMENTS_FROM = 5; // '', 'v2', 'keyspaces', ks, table

/** The raw path's key segments, each percent-decoded on its own (a value may contain "%2F"). */
export function primaryKeySegments(url: string): string[] {
  const path = url.split('?', 1)[0]!;
  const segments = path.split('/').slice(KEY_SEGMENTS_FROM);
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  return segments.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new ApiError('REQUEST_INVALID', { detail: `Invalid percent-encoding in path segment '${s}'` });
    }
  });
}

export type KeyAction = 'find' | 'update' | 'delete';

/**
 * Conditions `pk = ?` for the given values. Reads and deletes take a prefix of the primary key
 * that covers the partition key; updates need the whole primary key.
 */
export function keyConditions(
  table: TableView,
  segments: readonly string[],
  action: KeyAction,
  compactMapData: boolean,
): Condition[] {
  const partition = table.partitionKey.length;
  const primary = table.primaryKey;
  const fail = (detail: string) => new ApiError('REST_PATH_INVALID', { action, detail });
  if (segments.length < partition) {
    throw fail(
      `Number of key values provided (${segments.length}) less than number of partition keys (${partition})`,
    );
  }
  if (segments.length > primary.length) {
    throw fail(
      `Number of key values provided (${segments.length}) exceeds number of partition keys (${partition}) and clustering keys (${primary.length - partition})`,
    );
  }
  if (action === 'update' && segments.length < primary.length) {
    throw fail(
      `Number of key values provided (${segments.length}) less than number of primary key columns (${primary.length}): an update names one whole row`,
    );
  }
  return segments.map((segment, i) => {
    const column = primary[i]!;
    try {
      return {
        column: column.name,
        operator: '=',
        value: columnValueFromText(column, segment, compactMapData),
      };
    } catch (err) {
      if (err instanceof RowInputError) throw fail(err.message);
      throw err;
    }
  });
}
