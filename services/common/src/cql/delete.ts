// DELETE statements: whole rows (or listed columns) by primary key or prefix, with conditions.
import type { Value } from '../proto/generated/stargate/Value.js';
import { type Condition, renderConditions } from './condition.js';
import { qualifiedName, quoteIdentifier } from './identifier.js';

export interface DeleteSpec {
  keyspace: string;
  table: string;
  columns?: readonly string[];
  where: readonly Condition[];
  ifExists?: boolean;
  ifConditions?: readonly Condition[];
  timestampMicros?: string;
}

export function buildDelete(spec: DeleteSpec): { cql: string; values: Value[] } {
  const values: Value[] = [];
  const columns = spec.columns?.length ? ` ${spec.columns.map(quoteIdentifier).join(', ')}` : '';
  let cql = `DELETE${columns} FROM ${qualifiedName(spec.keyspace, spec.table)}`;
  if (spec.timestampMicros !== undefined) {
    cql += ' USING TIMESTAMP ?';
    values.push({ int: spec.timestampMicros });
  }
  cql += ` WHERE ${renderConditions(spec.where, values)}`;
  if (spec.ifExists) cql += ' IF EXISTS';
  else if (spec.ifConditions?.length) cql += ` IF ${renderConditions(spec.ifConditions, values)}`;
  return { cql, values };
}
