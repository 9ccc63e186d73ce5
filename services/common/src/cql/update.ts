// UPDATE statements: assignments (set, counter increment, collection append/remove, map entry),
// WHERE on the primary key, optional IF EXISTS / IF conditions, TTL and timestamp.
import type { Value } from '../proto/generated/stargate/Value.js';
import { type Condition, renderConditions } from './condition.js';
import { qualifiedName, quoteIdentifier } from './identifier.js';

export type Assignment =
  | { column: string; kind: 'set'; value: Value }
  /** counter = counter + ? (negative values decrement) */
  | { column: string; kind: 'increment'; value: Value }
  /** list/set/map: col = col + ? */
  | { column: string; kind: 'append'; value: Value }
  /** list: col = ? + col */
  | { column: string; kind: 'prepend'; value: Value }
  /** list/set/map keys: col = col - ? */
  | { column: string; kind: 'remove'; value: Value }
  /** map: col[?] = ? */
  | { column: string; kind: 'set-entry'; key: Value; value: Value };

export interface UpdateSpec {
  keyspace: string;
  table: string;
  assignments: readonly Assignment[];
  where: readonly Condition[];
  ifExists?: boolean;
  ifConditions?: readonly Condition[];
  ttlSeconds?: number;
  timestampMicros?: string;
}

export function buildUpdate(spec: UpdateSpec): { cql: string; values: Value[] } {
  const values: Value[] = [];
  const using: string[] = [];
  if (spec.ttlSeconds !== undefined) {
    using.push('TTL ?');
    values.push({ int: spec.ttlSeconds });
  }
  if (spec.timestampMicros !== undefined) {
    using.push('TIMESTAMP ?');
    values.push({ int: spec.timestampMicros });
  }
  const sets = spec.assignments.map((a): string => {
    const col = quoteIdentifier(a.column);
    switch (a.kind) {
      case 'set':
        values.push(a.value);
        return `${col} = ?`;
      case 'increment':
      case 'append':
        values.push(a.value);
        return `${col} = ${col} + ?`;
      case 'prepend':
        values.push(a.value);
        return `${col} = ? + ${col}`;
      case 'remove':
        values.push(a.value);
        return `${col} = ${col} - ?`;
      default:
        values.push(a.key, a.value);
        return `${col}[?] = ?`;
    }
  });
  let cql = `UPDATE ${qualifiedName(spec.keyspace, spec.table)}`;
  if (using.length) cql += ` USING ${using.join(' AND ')}`;
  cql += ` SET ${sets.join(', ')} WHERE ${renderConditions(spec.where, values)}`;
  if (spec.ifExists) cql += ' IF EXISTS';
  else if (spec.ifConditions?.length) cql += ` IF ${renderConditions(spec.ifConditions, values)}`;
  return { cql, values };
}
