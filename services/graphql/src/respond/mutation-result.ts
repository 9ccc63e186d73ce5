// What a mutation field returns: {applied, value} (value echoes the input when applied, or shows
// the current row a condition failed on), or {accepted, value} for @async.
import type { Response__Output } from '../../../common/src/proto/generated/stargate/Response.js';
import type { MutationKind, Statement } from '../translate/mutation-statements.js';
import type { TableRef } from '../translate/table-ref.js';
import { isApplied, rowToObject } from './rows.js';

/** Attached to each mutation field (its `extensions.cqlMutation`): what it writes, and where. */
export interface MutationSpec {
  kind: MutationKind;
  ref: TableRef;
}

export interface MutationResult {
  applied?: boolean;
  accepted?: boolean;
  value?: unknown;
}

export function mutationResult(
  response: Response__Output,
  statement: Statement,
  ref: TableRef,
): MutationResult {
  const resultSet = response.resultSet;
  if (!resultSet?.rows?.length) return { applied: true, value: statement.input };
  const applied = isApplied(resultSet);
  return { applied, value: applied ? statement.input : rowToObject(resultSet, resultSet.rows[0]!, ref) };
}
