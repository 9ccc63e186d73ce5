// An aggregate's result as the asking field returns it. Cassandra types the result by function and
// column (count → bigint, sum of an int → int, avg of a decimal → decimal …); the field name says
// which GraphQL scalar the client wants. Values convert when that is exact (an integral double to
// an Int, an int to a Decimal) and are refused otherwise, so big numbers never round silently.
import {
  bigintFromBytes,
  bigintToBytes,
  formatDecimal,
  parseDecimal,
} from '../../../common/src/codecs/big-integer.js';
import { toFloat32 } from '../../../common/src/codecs/float32.js';
import type { Value, Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { AGGREGATE_FIELDS, type AggregateField } from '../translate/aggregates.js';
import { ValueError } from '../translate/graphql-values.js';

/** Where a row object keeps its aggregate results, by response key (never a GraphQL field). */
export const AGGREGATES = Symbol('aggregates');

export type RowWithAggregates = Record<string, unknown> & { [AGGREGATES]?: Map<string, Value__Output> };

type Numeric =
  | { kind: 'integer'; value: bigint }
  | { kind: 'decimal'; unscaled: bigint; scale: number }
  | { kind: 'binary'; value: number };

function numeric(value: Value__Output): Numeric | undefined {
  switch (value.inner) {
    case 'int':
      return { kind: 'integer', value: BigInt(String(value.int)) };
    case 'varint':
      return { kind: 'integer', value: bigintFromBytes(value.varint!.value as Uint8Array) };
    case 'decimal':
      return {
        kind: 'decimal',
        unscaled: bigintFromBytes(value.decimal!.value as Uint8Array),
        scale: Number(value.decimal!.scale ?? 0),
      };
    case 'double':
      return { kind: 'binary', value: Number(value.double) };
    case 'float':
      return { kind: 'binary', value: Number(value.float) };
    default:
      return undefined;
  }
}

function integerOf(n: Numeric): bigint | undefined {
  if (n.kind === 'integer') return n.value;
  if (n.kind === 'binary') return Number.isInteger(n.value) ? BigInt(n.value) : undefined;
  if (n.scale <= 0) return n.unscaled * 10n ** BigInt(-n.scale);
  const divisor = 10n ** BigInt(n.scale);
  return n.unscaled % divisor === 0n ? n.unscaled / divisor : undefined;
}

function text(n: Numeric): string {
  if (n.kind === 'decimal') return formatDecimal(n.unscaled, n.scale);
  return String(n.value);
}

function inRange(n: Numeric, bits: number): bigint | undefined {
  const i = integerOf(n);
  const limit = 2n ** BigInt(bits - 1);
  return i !== undefined && i >= -limit && i < limit ? i : undefined;
}

/** What the field's scalar serializes: a number for Int/Float, a proto Value for the CQL scalars. */
export function aggregateOutput(field: AggregateField, value: Value__Output | undefined): unknown {
  if (!value || value.inner === undefined || value.inner === 'null' || value.inner === 'unset') return null;
  const n = numeric(value);
  if (!n) throw new ValueError(`${field}: the aggregate did not return a number`);
  const refuse = (): never => {
    throw new ValueError(
      `${field}: the result ${text(n)} cannot be returned as ${AGGREGATE_FIELDS[field]} without changing it; choose the aggregation field of the column's type`,
    );
  };
  switch (field) {
    case '_int_function': {
      const i = inRange(n, 32) ?? refuse();
      return Number(i);
    }
    case '_smallint_function':
      return { int: Number(inRange(n, 16) ?? refuse()) } satisfies Value;
    case '_tinyint_function':
      return { int: Number(inRange(n, 8) ?? refuse()) } satisfies Value;
    case '_bigint_function':
      return { int: (inRange(n, 64) ?? refuse()).toString() } satisfies Value;
    case '_varint_function':
      return { varint: { value: bigintToBytes(integerOf(n) ?? refuse()) } } satisfies Value;
    case '_double_function':
      return Number(text(n));
    case '_float_function':
      return { float: toFloat32(Number(text(n))) } satisfies Value;
    case '_decimal_function': {
      if (n.kind === 'decimal') return { decimal: { scale: n.scale, value: bigintToBytes(n.unscaled) } };
      const parsed = Number.isFinite(Number(text(n))) ? parseDecimal(text(n)) : undefined;
      if (!parsed) return refuse();
      return { decimal: { scale: parsed.scale, value: bigintToBytes(parsed.unscaled) } } satisfies Value;
    }
  }
}
