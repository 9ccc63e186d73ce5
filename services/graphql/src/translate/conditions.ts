// Filter inputs ({column: {eq: …, in: […], contains: …}}) and key values ({column: value}) →
// WHERE / IF conditions with bound values.

import type { Condition, ConditionOperator } from '../../../common/src/cql/condition.js';
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import { toProtoValue, ValueError } from './graphql-values.js';
import { type CurrentTable, columnOf } from './table-ref.js';

const OPERATORS: Record<string, ConditionOperator> = {
  eq: '=',
  notEq: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  in: 'IN',
  contains: 'CONTAINS',
  containsKey: 'CONTAINS KEY',
  containsEntry: '=',
};

export type FilterInput = Record<string, Record<string, unknown> | null | undefined>;

export function filterConditions(filter: FilterInput | null | undefined, current: CurrentTable): Condition[] {
  const conditions: Condition[] = [];
  const names = current.ref.names;
  for (const [field, ops] of Object.entries(filter ?? {})) {
    if (!ops) continue;
    const column = columnOf(current, field);
    const type = column.type;
    for (const [op, raw] of Object.entries(ops)) {
      const operator = OPERATORS[op];
      if (!operator) continue;
      const name = column.name ?? '';
      if (op === 'in') {
        const items = (raw as unknown[] | null) ?? [];
        conditions.push({ column: name, operator, value: items.map((v) => toProtoValue(type, v, names)) });
      } else if (op === 'contains') {
        if (type?.vector) {
          throw new ValueError(
            `${field}: a vector cannot be searched with contains; order by similarity with ann`,
          );
        }
        conditions.push({ column: name, operator, value: toProtoValue(elementType(type), raw, names) });
      } else if (op === 'containsKey') {
        conditions.push({ column: name, operator, value: toProtoValue(type?.map?.key, raw, names) });
      } else if (op === 'containsEntry') {
        const entry = raw as { key: unknown; value: unknown } | null;
        if (entry === null)
          throw new ValueError(`containsEntry of ${name} cannot be null: give {key, value}`);
        conditions.push({
          column: name,
          operator,
          mapKey: toProtoValue(type?.map?.key, entry.key, names),
          value: toProtoValue(type?.map?.value, entry.value, names),
        });
      } else {
        conditions.push({ column: name, operator, value: toProtoValue(type, raw, names) });
      }
    }
  }
  return conditions;
}

/** {id: 1, name: "x"} → id = ? AND name = ? */
export function equalityConditions(
  value: Record<string, unknown> | null | undefined,
  current: CurrentTable,
  only?: (cqlColumn: string) => boolean,
): Condition[] {
  const conditions: Condition[] = [];
  for (const [field, raw] of Object.entries(value ?? {})) {
    const column = columnOf(current, field);
    const name = column.name ?? '';
    if (only && !only(name)) continue;
    conditions.push({
      column: name,
      operator: '=',
      value: toProtoValue(column.type, raw, current.ref.names),
    });
  }
  return conditions;
}

function elementType(type: TypeSpec__Output | undefined): TypeSpec__Output | undefined {
  return type?.list?.element ?? type?.set?.element ?? type?.map?.value;
}
