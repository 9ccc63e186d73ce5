// rowsToObjectsFromBytes against the path it replaces (decode the whole Response, then
// rowsToObjects): seeded random Responses encoded with protobufjs, a column of every type the
// GraphQL API reads, well-formed values and odd ones (wrong field, two fields, non-minimal varints,
// invalid UTF-8, unknown fields), columns with no GraphQL field ([applied], unknown names),
// aggregates after the columns, short and long rows — the same row objects every time.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec__Output } from '../../../../services/common/src/proto/generated/stargate/ColumnSpec.js';
import type { CqlTable__Output } from '../../../../services/common/src/proto/generated/stargate/CqlTable.js';
import type { Response__Output } from '../../../../services/common/src/proto/generated/stargate/Response.js';
import type {
  TypeSpec,
  TypeSpec__Output,
  _stargate_TypeSpec_Udt__Output as UdtSpec,
} from '../../../../services/common/src/proto/generated/stargate/TypeSpec.js';
import { messageCodec } from '../../../../services/common/src/proto/message-codec.js';
import { BasicType } from '../../../../services/common/src/proto/proto-enums.js';
import { protoRoot } from '../../../../services/common/src/proto/proto-root.js';
import { resultSetRowSpans } from '../../../../services/common/src/proto/result-set-row-spans.js';
import {
  AGGREGATES,
  type RowWithAggregates,
} from '../../../../services/graphql/src/respond/aggregate-values.js';
import { rowsToObjects } from '../../../../services/graphql/src/respond/rows.js';
import { rowsToObjectsFromBytes } from '../../../../services/graphql/src/respond/rows-from-bytes.js';
import { NameMapping } from '../../../../services/graphql/src/schema/name-mapping.js';
import type { TableRef } from '../../../../services/graphql/src/translate/table-ref.js';
import {
  basic,
  double,
  encodeValue,
  float,
  type Gen,
  int,
  intValue,
  pick,
  randomResponse,
  SCALAR_COLUMNS,
  textValue,
} from '../../../support/random-proto-values.js';
import { seededUniform } from '../../../support/seeded-random.js';

const root = protoRoot();
const _ValueType = root.lookupType('stargate.Value');
const ColumnSpecType = root.lookupType('stargate.ColumnSpec');
const decodeResponse = messageCodec<unknown, Response__Output>('stargate.Response').decode;

const ADDRESS: TypeSpec = {
  udt: { name: 'addr', fields: { street: basic(BasicType.VARCHAR), n: basic(BasicType.INT) } },
};

/** A column of every type the GraphQL API reads, and a generator of its well-formed values. */
const COLUMNS: [string, TypeSpec, Gen][] = [
  ['i', basic(BasicType.INT), intValue],
  ['i2', basic(BasicType.INT), (rnd) => ({ int: String(int(rnd, 2 ** 32) - 2 ** 31) })],
  ...SCALAR_COLUMNS,
  [
    'l',
    { list: { element: basic(BasicType.INT) } },
    (rnd) => ({ collection: { elements: Array.from({ length: int(rnd, 4) }, () => intValue(rnd)) } }),
  ],
  [
    's',
    { set: { element: basic(BasicType.VARCHAR), frozen: true } },
    (rnd) => ({ collection: { elements: Array.from({ length: int(rnd, 4) }, () => textValue(rnd)) } }),
  ],
  [
    'm',
    { map: { key: basic(BasicType.VARCHAR), value: basic(BasicType.BIGINT) } },
    (rnd) => ({
      collection: {
        elements: Array.from({ length: 2 * int(rnd, 3) + (rnd() < 0.1 ? 1 : 0) }, (_, k) =>
          k % 2 ? intValue(rnd) : textValue(rnd),
        ),
      },
    }),
  ],
  [
    'tp',
    { tuple: { elements: [basic(BasicType.INT), basic(BasicType.VARCHAR), basic(BasicType.DOUBLE)] } },
    (rnd) => ({ collection: { elements: [intValue(rnd), textValue(rnd), { double: double(rnd) }] } }),
  ],
  [
    'v',
    { vector: { element: basic(BasicType.FLOAT), size: 3 } },
    (rnd) => ({ collection: { elements: [0, 1, 2].map(() => ({ float: float(rnd) })) } }),
  ],
  [
    'ud',
    ADDRESS,
    (rnd) => ({
      udt: {
        fields: { street: textValue(rnd), n: intValue(rnd), ...(rnd() < 0.1 ? { gone: intValue(rnd) } : {}) },
      },
    }),
  ],
  // No GraphQL field: the verdict of a conditional statement, a column the schema does not know.
  ['[applied]', basic(BasicType.BOOLEAN), (rnd) => ({ boolean: rnd() < 0.5 })],
  ['unknown', basic(BasicType.INT), intValue],
];

const table = {
  name: 'everything',
  partitionKeyColumns: COLUMNS.filter(([name]) => name !== '[applied]' && name !== 'unknown').map(
    ([name, type]) => ({ name, type }),
  ),
} as CqlTable__Output;
const names = new NameMapping([table], [{ ...(ADDRESS.udt as UdtSpec), fields: { street: {}, n: {} } }]);
const ref: TableRef = {
  keyspace: 'ks',
  cqlTable: 'everything',
  graphqlTable: 'everything',
  columns: names.columnNames('everything')!,
  names,
};

/** The rows (aggregates spelled out), or the error thrown. */
function outcome(run: () => RowWithAggregates[]): unknown {
  try {
    return run().map((row) => ({ ...row, aggregates: row[AGGREGATES] && [...row[AGGREGATES]] }));
  } catch (err) {
    return `throws ${(err as Error).name}`;
  }
}

describe('rowsToObjectsFromBytes', () => {
  const _columns = COLUMNS.map(
    ([name, type]) => ({ name, type: type as TypeSpec__Output }) as ColumnSpec__Output,
  );

  it('builds what rowsToObjects builds from the decoded Response, for random pages of every column type', () => {
    const rnd = seededUniform(23);
    let rows = 0;
    for (let i = 0; i < 700; i++) {
      const bytes = randomResponse(rnd, COLUMNS, 'always');
      const decoded = decodeResponse(bytes);
      rows += decoded.resultSet?.rows?.length ?? 0;
      // Without aggregates, or with the last columns read as aggregates (and more keys than columns left).
      const aggregateKeys = pick(rnd, [[], ['count'], ['count', 'score', 'max'], ['a', 'b', 'c', 'd', 'e']]);
      const expected = outcome(() => rowsToObjects(decoded.resultSet, ref, aggregateKeys));
      const actual = outcome(() => rowsToObjectsFromBytes(resultSetRowSpans(bytes), ref, aggregateKeys));
      expect(actual, `response ${i}`).toStrictEqual(expected);
      const pagingState = (response: Response__Output | undefined) => response?.resultSet?.pagingState;
      expect(resultSetRowSpans(bytes)?.resultSet.pagingState).toStrictEqual(pagingState(decoded));
      expect(resultSetRowSpans(bytes)?.resultSet.columns).toStrictEqual(decoded.resultSet?.columns);
    }
    expect(rows).toBeGreaterThan(3000);
  });

  it('reads Int columns as Number() of their 64-bit value, rounded beyond 2^53 as the decimal is', () => {
    const ints = [
      '9007199254740993',
      '-9223372036854775808',
      '9223372036854775807',
      '18014398509481987',
      '-1',
    ];
    const row = protobuf.Writer.create();
    for (const value of ints) row.uint32((1 << 3) | 2).bytes(encodeValue({ int: value }));
    const resultSet = protobuf.Writer.create();
    for (const name of ['i', 'bi', 'c', 'ts', 'i2'])
      resultSet
        .uint32((1 << 3) | 2)
        .bytes(
          ColumnSpecType.encode(ColumnSpecType.fromObject({ name, type: basic(BasicType.INT) })).finish(),
        );
    resultSet.uint32((2 << 3) | 2).bytes(row.finish());
    const response = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(resultSet.finish())
      .finish();
    expect(rowsToObjectsFromBytes(resultSetRowSpans(Buffer.from(response)), ref)).toStrictEqual([
      {
        i: 2 ** 53,
        bi: -(2 ** 63),
        c: 2 ** 63,
        ts: 2 ** 54 + 4,
        i2: -1,
      },
    ]);
  });
});
