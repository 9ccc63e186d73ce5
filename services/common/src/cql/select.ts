// SELECT statements with bind markers only.
import type { Query } from '../proto/generated/stargate/Query.js';
import type { Value } from '../proto/generated/stargate/Value.js';
import { type Condition, renderConditions } from './condition.js';
import { qualifiedName, quoteIdentifier } from './identifier.js';
import type { AnnOrder } from './vector-search.js';

export interface SelectSpec {
  keyspace: string;
  table: string;
  /** Empty or undefined: all columns. */
  columns?: readonly string[];
  /** Raw selectors we build ourselves (e.g. COUNT(*)), never user text; listed after `columns`. */
  selectors?: readonly string[];
  /** Values of the bind markers in `selectors`, in order (e.g. the vector of a similarity score). */
  selectorValues?: readonly Value[];
  where?: readonly Condition[];
  /** Primary-key columns, in key order (Cassandra accepts only a key prefix). */
  groupBy?: readonly string[];
  orderBy?: ReadonlyArray<{ column: string; order: 'ASC' | 'DESC' }>;
  /** Vector search: `ORDER BY "col" ANN OF ?` (Cassandra allows no other ordering with it). */
  annOf?: AnnOrder;
  limit?: number;
  allowFiltering?: boolean;
}

export function buildSelect(spec: SelectSpec): { cql: string; values: Value[] } {
  const values: Value[] = [...(spec.selectorValues ?? [])];
  const selected = [...(spec.columns ?? []).map(quoteIdentifier), ...(spec.selectors ?? [])];
  const selection = selected.length > 0 ? selected.join(', ') : '*';
  let cql = `SELECT ${selection} FROM ${qualifiedName(spec.keyspace, spec.table)}`;
  if (spec.where?.length) cql += ` WHERE ${renderConditions(spec.where, values)}`;
  if (spec.groupBy?.length) cql += ` GROUP BY ${spec.groupBy.map(quoteIdentifier).join(', ')}`;
  if (spec.annOf) {
    if (spec.orderBy?.length) throw new Error('an ANN ordering cannot be combined with another ordering');
    values.push(spec.annOf.vector);
    cql += ` ORDER BY ${quoteIdentifier(spec.annOf.column)} ANN OF ?`;
  } else if (spec.orderBy?.length) {
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
