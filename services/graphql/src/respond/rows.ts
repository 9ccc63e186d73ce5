// Result sets → GraphQL objects keyed by GraphQL field names, and the [applied] verdict of
// conditional statements.
import type { ResultSet__Output } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import type { Row__Output } from '../../../common/src/proto/generated/stargate/Row.js';
import type { Value, Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { fromProtoValue } from '../translate/graphql-values.js';
import type { TableRef } from '../translate/table-ref.js';
import { AGGREGATES, type RowWithAggregates } from './aggregate-values.js';

/** The verdict column of conditional statements, which is no GraphQL field. */
export const APPLIED = '[applied]';

/**
 * `aggregateKeys`: the response keys of the computed selectors the SELECT lists after its columns
 * (aggregates, then similarity scores), in order; their raw values are kept aside for the fields
 * that return them (respond/aggregate-values.ts, respond/similarity-value.ts).
 */
export function rowsToObjects(
  resultSet: ResultSet__Output | undefined,
  ref: TableRef,
  aggregateKeys: readonly string[] = [],
): RowWithAggregates[] {
  if (!resultSet) return [];
  return (resultSet.rows ?? []).map((row) => rowToObject(resultSet, row, ref, aggregateKeys));
}

export function rowToObject(
  resultSet: ResultSet__Output,
  row: Row__Output,
  ref: TableRef,
  aggregateKeys: readonly string[] = [],
): RowWithAggregates {
  const out: RowWithAggregates = {};
  const columns = resultSet.columns ?? [];
  const plain = columns.length - aggregateKeys.length;
  if (aggregateKeys.length > 0) {
    const aggregates = new Map<string, Value__Output>();
    aggregateKeys.forEach((key, i) => {
      const value = row.values?.[plain + i];
      if (value) aggregates.set(key, value);
    });
    out[AGGREGATES] = aggregates;
  }
  for (let i = 0; i < plain; i++) {
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
