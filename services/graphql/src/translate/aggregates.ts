// Stargate's aggregation fields on a table's output type: `_int_function(name: "sum", args: ["col"])`
// and its seven siblings, one per result scalar. A selected field becomes one CQL selector such as
// sum("col"), listed after the plain columns; the field name only says how the result is typed.
import { quoteIdentifier } from '../../../common/src/cql/identifier.js';
import { ValueError } from './graphql-values.js';
import { type CurrentTable, columnOf } from './table-ref.js';

/** The aggregation fields and the GraphQL scalar each one returns. */
export const AGGREGATE_FIELDS = {
  _int_function: 'Int',
  _double_function: 'Float',
  _bigint_function: 'BigInt',
  _decimal_function: 'Decimal',
  _varint_function: 'Varint',
  _float_function: 'Float32',
  _smallint_function: 'SmallInt',
  _tinyint_function: 'TinyInt',
} as const;

export type AggregateField = keyof typeof AGGREGATE_FIELDS;

export const AGGREGATE_FUNCTIONS = ['count', 'avg', 'min', 'max', 'sum'] as const;

export function isAggregateField(name: string): name is AggregateField {
  return Object.hasOwn(AGGREGATE_FIELDS, name);
}

/** One aggregation field as a query selects it. */
export interface AggregateRequest {
  /** The response key (alias or field name) its value is stored under. */
  key: string;
  field: AggregateField;
  /** The `name` argument as sent (matched case-insensitively, as Stargate does). */
  name: string;
  args: readonly string[];
}

/** The CQL selector for one request, e.g. max("reading"); bad names and arguments are user errors. */
export function aggregateSelector(current: CurrentTable, request: AggregateRequest): string {
  const fn = request.name.toLowerCase();
  if (!(AGGREGATE_FUNCTIONS as readonly string[]).includes(fn)) {
    throw new ValueError(
      `${request.field}: unknown aggregate function "${request.name}"; expected one of ${AGGREGATE_FUNCTIONS.join(', ')}`,
    );
  }
  if (request.args.length !== 1) {
    throw new ValueError(
      `${request.field}: the ${fn} function takes exactly one argument (a column name), got ${JSON.stringify(request.args)}`,
    );
  }
  const graphqlColumn = request.args[0]!;
  if (current.ref.columns.cql(graphqlColumn) === undefined) {
    throw new ValueError(
      `${request.field}: the column "${graphqlColumn}" given to ${fn} does not exist in table ${current.ref.graphqlTable}`,
    );
  }
  return `${fn}(${quoteIdentifier(columnOf(current, graphqlColumn).name)})`;
}
