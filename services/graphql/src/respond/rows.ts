// Result sets → GraphQL objects keyed by GraphQL field names, and the [applied] verdict of
// conditional statements.
import type { ResultSet__Output } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import type { Row__Output } from '../../../common/src/proto/generated/stargate/Row.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { fromProtoValue } from '../translate/graphql-values.js';
import type { TableRef } from '../translate/table-ref.js';

const APPLIED = '[applied]';

export function rowsToObjects(
  resultSet: ResultSet__Output | undefined,
  ref: TableRef,
): Array<Record<string, unknown>> {
  if (!resultSet) return [];
  return (resultSet.rows ?? []).map((row) => rowToObject(resultSet, row, ref));
}

export function rowToObject(
  resultSet: ResultSet__Output,
  row: Row__Output,
  ref: TableRef,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const columns = resultSet.columns ?? [];
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    const graphqlName = column.name === APPLIED ? undefined : ref.columns.graphql(column.name ?? '');
    if (graphqlName !== undefined) out[graphqlName] = fromProtoValue(column.type, row.values?.[i], ref.names);
  }
  return out;
}

/** True unless the result carries an [applied] column that is false (LWT not applied). */
export function isApplied(resultSet: ResultSet__Output | undefined): boolean {
  const index = (resultSet?.columns ?? []).findIndex((c) => c.name === APPLIED);
  if (index < 0) return true;
  const first = resultSet?.rows?.[0];
  return first?.values?.[index]?.boolean !== false;
}

/** A comparable text form of a proto Value, equal for input and output forms of one value. */
export function valueKey(value: Value | undefined): string {
  return JSON.stringify(value ?? null, (key, v) => {
    if (key === 'inner') return undefined;
    if (v && typeof v === 'object' && (v.type === 'Buffer' || v instanceof Uint8Array)) {
      return Buffer.from(v.type === 'Buffer' ? v.data : v).toString('hex');
    }
    if (typeof v === 'number') return String(v);
    return v;
  });
}
