// One relation of a WHERE or IF clause: column, operator, bound value(s). Values never enter the
// CQL text; only bind markers do.
import type { Value } from '../proto/generated/stargate/Value.js';
import { quoteIdentifier } from './identifier.js';

export type ConditionOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'CONTAINS' | 'CONTAINS KEY';

export interface Condition {
  column: string;
  operator: ConditionOperator;
  /** For IN: one Value per element. */
  value: Value | Value[];
  /** col[key] = value (map entry condition). */
  mapKey?: Value;
}

/** Renders conditions joined by AND, appending their values to `values` in marker order. */
export function renderConditions(conditions: readonly Condition[], values: Value[]): string {
  return conditions
    .map((c) => {
      let target = quoteIdentifier(c.column);
      if (c.mapKey !== undefined) {
        values.push(c.mapKey);
        target += '[?]';
      }
      if (c.operator === 'IN') {
        const list = Array.isArray(c.value) ? c.value : [c.value];
        values.push(...list);
        return `${target} IN (${list.map(() => '?').join(', ')})`;
      }
      values.push(c.value as Value);
      return `${target} ${c.operator} ?`;
    })
    .join(' AND ');
}
