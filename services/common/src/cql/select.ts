// SELECT statements with bind markers only.
import type { Query } from '../proto/generated/stargate/Query.js';
import type { Value } from '../proto/generated/stargate/Value.js';
import { type Condition, renderConditions } from './condition.js';
import { qualifiedName, quoteIdentifier } from './identifier.js';

export interface SelectSpec {
  keyspace: string;
  table: string;
  /** Empty or undefined: all columns. */
  columns?: readonly string[];
  /** Raw selectors we build ourselves (e.g. COUNT(*)), never user text; listed after `columns`. */
  selectors?: readonly string[];
  where?: readonly Condition[];
  /** Primary-key columns, in key order (Cassandra accepts only a key prefix). */
  groupBy?: readonly string[];
  orderBy?: ReadonlyArray<{ column: string; order: 'ASC' | 'DESC' }>;
  limit?: number;
  allowFiltering?: boolean;
}

export function buildSelect(spec: SelectSpec): { cql: string; values: Value[] } {
  const values: Value[] = [];
  const selected = [...(spec.columns ?? []).map(quoteIdentifier), ...(spec.selectors ?? [])];
  const selection = selected.length > 0 ? selected.join(', ') : '*';
  let cql = `SELECT ${selection} FROM ${qualifiedName(spec.keyspace, spec.table)}`;
  if (spec.where?.length) cql += ` WHERE ${renderConditions(spec.where, values)}`;
  if (spec.groupBy?.length) cql += ` GROUP BY ${spec.groupBy.map(quoteIdentifier).join(', ')}`;
  if (spec.orderBy?.length) {
    cql += ` ORDER BY ${spec.orderBy.map((o) => `${quoteIdentifier(o.column)} ${o.order}`).join(', ')}`;
  }
  if (spec.limit !== undefined) {
    values.push({ int: spec.limit });
    cql += ' LIMIT ?';
  }
  if (spec.allowFiltering) cql += ' ALLOW FILTERING';
  return { cql, values };
}

export function toQuery(built: { cql: string; values: Value[] }, parameters?: Query['parameters']): Query {
  return { cql: built.cql, values: { values: built.values }, parameters };
}
