// The `where` parameter of a row read or count: {"col": {"$op": value, ...}, ...} → conditions
// with bound values, as Stargate's WhereParser reads it ($eq $lt $lte $gt $gte with a value or an
// array of values, $in, $exists (only true), $contains, $containsKey, $containsEntry).
import type { JsonInput } from '../../../common/src/codecs/json-codec.js';
import { valueFromLooseJson } from '../../../common/src/codecs/json-value.js';
import type { Condition, ConditionOperator } from '../../../common/src/cql/condition.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { ColumnView, TableView } from '../../../common/src/schema/table-view.js';
import { columnValue, partValue, RowInputError } from '../translate/column-values.js';
import { isJsonObject, JsonTextError, parseJsonText } from './json-text.js';

const simpleOperators: Record<string, ConditionOperator> = {
  $eq: '=',
  $lt: '<',
  $lte: '<=',
  $gt: '>',
  $gte: '>=',
};

const otherOperators = new Set(['$in', '$exists', '$contains', '$containskey', '$containsentry']);

class WhereProblem extends Error {}

export function parseWhere(text: string, table: TableView, compactMapData: boolean): Condition[] {
  try {
    return readWhere(text, table, compactMapData);
  } catch (err) {
    if (err instanceof WhereProblem || err instanceof RowInputError) {
      throw new ApiError('REST_WHERE_INVALID', { detail: err.message });
    }
    throw err;
  }
}

function readWhere(text: string, table: TableView, compact: boolean): Condition[] {
  let json: JsonInput;
  try {
    json = parseJsonText(text);
  } catch (err) {
    if (err instanceof JsonTextError)
      throw new WhereProblem(`Input provided is not valid json. ${err.message}`);
    throw err;
  }
  if (!isJsonObject(json))
    throw new WhereProblem('Was expecting a JSON object as input for where parameter.');
  const conditions: Condition[] = [];
  for (const [field, operations] of Object.entries(json)) {
    if (!isJsonObject(operations)) {
      throw new WhereProblem(`Entry for field ${field} was expecting a JSON object as input.`);
    }
    const column = table.column(field);
    if (!column) throw new WhereProblem(table.unknownColumnMessage(field));
    for (const [op, operand] of Object.entries(operations)) {
      const lower = op.toLowerCase();
      if (!simpleOperators[lower] && !otherOperators.has(lower)) {
        throw new WhereProblem(`Operation ${op} is not supported.`);
      }
      if (operand === null) {
        throw new WhereProblem(
          `Value entry for field ${field}, operation ${op} was expecting a value, but found null.`,
        );
      }
      conditions.push(...conditionsFor(column, lower, op, operand, compact));
    }
  }
  return conditions;
}

function conditionsFor(
  column: ColumnView,
  op: string,
  rawOp: string,
  operand: JsonInput,
  compact: boolean,
): Condition[] {
  const name = column.name;
  const simple = simpleOperators[op];
  if (simple) {
    // An array means one condition per element (e.g. {"$gt": [1], "$lt": [9]}).
    const operands = Array.isArray(operand) ? operand : [operand];
    return operands.map((v) => ({ column: name, operator: simple, value: columnValue(column, v, compact) }));
  }
  switch (op) {
    case '$in':
      if (!Array.isArray(operand) || operand.length === 0) {
        throw new WhereProblem(`Value entry for field '${name}', operation $in must be a non-empty array`);
      }
      return [{ column: name, operator: 'IN', value: operand.map((v) => columnValue(column, v, compact)) }];
    case '$exists':
      if (operand !== true) throw new WhereProblem('`$exists` only supports the value `true`.');
      return [{ column: name, operator: '=', value: columnValue(column, true, compact) }];
    case '$contains': {
      const element = column.codec(compact).element;
      if (!element) {
        throw new WhereProblem(
          `Field '${name}' not of container type (list, map, set); has to be for operation $contains`,
        );
      }
      return [
        {
          column: name,
          operator: 'CONTAINS',
          value: partValue(column, () => valueFromLooseJson(element, operand)),
        },
      ];
    }
    case '$containskey': {
      const key = column.codec(compact).key;
      if (!key)
        throw new WhereProblem(`Field '${name}' not of map type; has to be for operation $containsKey`);
      return [
        {
          column: name,
          operator: 'CONTAINS KEY',
          value: partValue(column, () => valueFromLooseJson(key, operand)),
        },
      ];
    }
    default: {
      // $containsEntry: {"key": k, "value": v} → col[k] = v
      const codec = column.codec(compact);
      if (!codec.key || !codec.element) {
        throw new WhereProblem(`Field '${name}' not of map type; has to be for operation ${rawOp}`);
      }
      if (!isJsonObject(operand) || !('key' in operand) || !('value' in operand)) {
        throw new WhereProblem(
          `Value entry for field ${name}, operation ${rawOp} must be an object with two fields 'key' and 'value'`,
        );
      }
      const { key, element } = codec;
      return [
        {
          column: name,
          operator: '=',
          mapKey: partValue(column, () => valueFromLooseJson(key, operand.key ?? null)),
          value: partValue(column, () => valueFromLooseJson(element, operand.value ?? null)),
        },
      ];
    }
  }
}
