// `where` JSON → Expression, with Stargate's checks and messages (DA/service/query/ExpressionParser.java,
// condition/ConditionParser.java and the condition providers). Fields at one level are ANDed;
// `$or` / `$and` take arrays and, as in Stargate, every condition found in their elements becomes
// one operand; `$not` takes an object with exactly one condition.
import { ApiError } from '../../../common/src/errors/api-error.js';
import { type PathPattern, type PatternSegment, parseFieldPath } from '../path/field-path.js';
import {
  type Condition,
  type Expression,
  type ListOperator,
  negate,
  type Scalar,
  simplify,
  TRUE,
  type ValueOperator,
} from '../search/expression.js';

const VALUE_OPERATORS = new Set<string>(['$eq', '$ne', '$lt', '$lte', '$gt', '$gte']);
const LIST_OPERATORS = new Set<string>(['$in', '$nin']);
const SELECTIVITY = '$selectivity';

type JsonValue = unknown;

const filterInvalid = (detail: string) => new ApiError('DOCS_API_SEARCH_FILTER_INVALID', { detail });

export interface WhereOptions {
  maxArrayLength: number;
  /** Path segments the where paths are relative to (an in-document search under a URL path). */
  prefix?: PatternSegment[];
  prefixText?: string;
}

export function parseWhere(text: string | undefined, options: WhereOptions): Expression {
  if (text === undefined) return TRUE;
  let json: JsonValue;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('DOCS_API_SEARCH_WHERE_JSON_INVALID');
  }
  if (!isPlainObject(json)) throw new ApiError('DOCS_API_SEARCH_OBJECT_REQUIRED');
  const parser = new WhereParser(options);
  const expressions = parser.parseNodes([json]);
  return simplify({ kind: 'and', children: expressions });
}

function isPlainObject(value: JsonValue): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Jackson's node type names, used in Stargate's messages. */
function nodeType(value: JsonValue): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  if (typeof value === 'object') return 'OBJECT';
  if (typeof value === 'number') return 'NUMBER';
  if (typeof value === 'boolean') return 'BOOLEAN';
  return 'STRING';
}

class WhereParser {
  constructor(private readonly options: WhereOptions) {}

  /** Every expression found on the first level of each node (Stargate flattens them). */
  parseNodes(nodes: JsonValue[]): Expression[] {
    const out: Expression[] = [];
    for (const node of nodes) {
      if (!isPlainObject(node)) continue;
      for (const [key, value] of Object.entries(node)) {
        if (key === '$or') out.push({ kind: 'or', children: this.children(value, '$or') });
        else if (key === '$and') out.push({ kind: 'and', children: this.children(value, '$and') });
        else if (key === '$not') out.push(this.not(value));
        else out.push(...this.field(key, value));
      }
    }
    return out;
  }

  private children(value: JsonValue, op: '$or' | '$and'): Expression[] {
    if (!Array.isArray(value)) throw filterInvalid(`The ${op} requires an array json node as value.`);
    return this.parseNodes(value);
  }

  private not(value: JsonValue): Expression {
    if (!isPlainObject(value)) throw filterInvalid('The $not operator requires a json object as value.');
    const inner = this.parseNodes([value]);
    if (inner.length !== 1) throw filterInvalid('The $not operator requires exactly one child expression.');
    return negate(inner[0]!);
  }

  private field(fieldPath: string, conditionsNode: JsonValue): Expression[] {
    const path = this.path(fieldPath);
    if (!isPlainObject(conditionsNode))
      throw new ApiError('DOCS_API_SEARCH_FILTER_INVALID', {
        detail: 'A filter operation and value resolved as invalid.',
      });
    let selectivity: number | undefined;
    const conditions: Condition[] = [];
    for (const [op, value] of Object.entries(conditionsNode)) {
      if (op === SELECTIVITY) {
        if (typeof value !== 'number') {
          throw filterInvalid(
            `Selectivity hint does not support the provided value ${JSON.stringify(value)} (expecting a number)`,
          );
        }
        selectivity ??= value;
        continue;
      }
      conditions.push(this.condition(path, op, value));
    }
    this.validate(path, conditions, selectivity);
    return conditions.map((c) => ({
      kind: 'condition',
      condition: selectivity === undefined ? c : { ...c, selectivity },
    }));
  }

  private path(fieldPath: string): PathPattern {
    const parsed = parseFieldPath(fieldPath, this.options.maxArrayLength, filterInvalid);
    const prefix = this.options.prefix ?? [];
    if (prefix.length === 0) return parsed;
    return {
      segments: [...prefix, ...parsed.segments],
      text: `${this.options.prefixText ?? ''}.${parsed.text}`,
    };
  }

  private condition(path: PathPattern, op: string, value: JsonValue): Condition {
    const unsupported = () =>
      filterInvalid(`Operation '${op}' does not support the provided value ${JSON.stringify(value)}.`);
    if (VALUE_OPERATORS.has(op)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        throw unsupported();
      return { path, op: op as ValueOperator, value };
    }
    if (LIST_OPERATORS.has(op)) {
      if (!Array.isArray(value)) throw unsupported();
      for (const item of value) {
        if (item !== null && typeof item === 'object') {
          throw filterInvalid(
            `Operation ${op} was not expecting a list containing a ${nodeType(item)} node type.`,
          );
        }
      }
      if (value.length === 0) throw filterInvalid(`Operation ${op} was expecting a non-empty list`);
      return { path, op: op as ListOperator, value: value as Array<Scalar | null> };
    }
    if (op === '$exists') {
      if (typeof value !== 'boolean') throw unsupported();
      return { path, op, value };
    }
    throw filterInvalid(`Operation '${op}' is not supported.`);
  }

  private validate(path: PathPattern, conditions: Condition[], selectivity: number | undefined): void {
    const field = path.text.slice(path.text.lastIndexOf('.') + 1);
    const types: string[] = [];
    for (const c of conditions) {
      if (c.op === '$exists' || c.op === '$in' || c.op === '$nin') continue;
      const type =
        typeof c.value === 'number' ? 'Number' : typeof c.value === 'string' ? 'String' : 'Boolean';
      if (!types.includes(type)) types.push(type);
    }
    if (types.length > 1) {
      throw filterInvalid(
        `Filter conditions for field '${field}' imply incompatible types: ${types.join(', ')}`,
      );
    }
    if (selectivity !== undefined && conditions.length > 1) {
      throw filterInvalid(
        `Specifying multiple filter conditions in the same JSON block with a selectivity hint is not supported. Combine them using "$and" to disambiguate. Related field: '${field}')`,
      );
    }
    if (selectivity !== undefined && conditions.length === 0) {
      throw filterInvalid(`Field '${field}' has a selectivity hint but no condition`);
    }
  }
}
