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
  float,
  type Gen,
  int,
  intValue,
  long64,
  pick,
  type Rnd,
  randomBytes,
  SCALAR_COLUMNS,
  text,
  textValue,
} from '../../../support/random-proto-values.js';
import { seededUniform } from '../../../support/seeded-random.js';

const root = protoRoot();
const ValueType = root.lookupType('stargate.Value');
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

const encodeValue = (value: Record<string, unknown>) =>
  Buffer.from(ValueType.encode(ValueType.fromObject(value)).finish());

/** Values' bytes that are odd but decodable: the row objects must not change for them either. */
function oddValue(rnd: Rnd): Buffer {
  switch (int(rnd, 14)) {
    case 0:
      return Buffer.alloc(0); // no field at all
    case 1:
      return encodeValue({ null: {} });
    case 2:
      return encodeValue({ unset: {} });
    case 3:
      return Buffer.from([0x0a, 0x02, 0x08, 0x01]); // a Null with an unknown field in it
    case 4:
      return Buffer.from([0x18, 0x82, 0x80, 0x00]); // int 1 as a non-minimal varint
    case 5:
      return Buffer.from([0x30, int(rnd, 3) + 1]); // boolean 1..3
    case 6: {
      // Invalid (or valid) UTF-8 as a string: a bytes Value with the string field's tag.
      const bytes = encodeValue({
        bytes: Buffer.from(
          Array.from({ length: int(rnd, 6) }, () =>
            pick(rnd, [0x41, 0x22, 0x80, 0xbf, 0xc3, 0xa9, 0xed, 0xa0, 0xf0, 0x9f, 0x98, 0x80, 0xff]),
          ),
        ),
      });
      bytes[0] = 0x3a;
      return bytes;
    }
    case 7:
      return Buffer.concat([encodeValue({ int: long64(rnd) }), encodeValue({ string: text(rnd) })]); // two fields
    case 8:
      return Buffer.concat([Buffer.from([0xa0, 0x01, 0x05]), encodeValue({ int: '3' })]); // unknown field 20 first
    case 9:
      return Buffer.concat([encodeValue({ double: double(rnd) }), Buffer.from([0xa0, 0x01, 0x05])]); // unknown field after
    case 10: {
      // The same field twice: the last one counts.
      const kind = pick(rnd, COLUMNS)[2];
      return Buffer.concat([encodeValue(kind(rnd)), encodeValue(kind(rnd))]);
    }
    case 11:
      return Buffer.concat([encodeValue({ null: {} }), encodeValue({ int: '7' })]); // null, then an int
    case 12:
      return Buffer.from([0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]); // 10-byte varint, high bits beyond 64
    default:
      return encodeValue(pick(rnd, COLUMNS)[2](rnd)); // another column's kind of value
  }
}

/** A whole Response, assembled with protobufjs's Writer around protobufjs-encoded Values. */
function randomResponse(rnd: Rnd, columns: ColumnSpec__Output[]): Buffer {
  const w = protobuf.Writer.create();
  if (rnd() < 0.2) w.uint32((2 << 3) | 2).string('a warning');
  if (rnd() < 0.03) return Buffer.from(w.finish()); // no result set
  const resultSet = protobuf.Writer.create();
  const columnsFirst = rnd() < 0.9;
  const writeColumns = () => {
    for (const column of columns)
      resultSet.uint32((1 << 3) | 2).bytes(ColumnSpecType.encode(ColumnSpecType.fromObject(column)).finish());
  };
  if (columnsFirst) writeColumns();
  const rows = int(rnd, 13);
  for (let r = 0; r < rows; r++) {
    const row = protobuf.Writer.create();
    const values = rnd() < 0.1 ? int(rnd, columns.length + 3) : columns.length;
    for (let c = 0; c < values; c++) {
      const gen = COLUMNS[c]?.[2];
      const value = gen && rnd() < 0.85 ? encodeValue(rnd() < 0.1 ? { null: {} } : gen(rnd)) : oddValue(rnd);
      row.uint32((1 << 3) | 2).bytes(value);
      if (rnd() < 0.01) row.uint32((3 << 3) | 2).bytes(Buffer.from([0x0a, 2, 1, 2])); // Row.comparable_bytes
    }
    resultSet.uint32((2 << 3) | 2).bytes(row.finish());
  }
  if (!columnsFirst) writeColumns(); // columns after the rows: decoded all the same
  const state = rnd();
  if (state < 0.4)
    resultSet
      .uint32((3 << 3) | 2)
      .fork()
      .uint32((1 << 3) | 2)
      .bytes(randomBytes(rnd, 30))
      .ldelim();
  else if (state < 0.45) resultSet.uint32((3 << 3) | 2).bytes(Buffer.alloc(0)); // BytesValue without a value
  w.uint32((1 << 3) | 2).bytes(resultSet.finish());
  return Buffer.from(w.finish());
}

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
  const columns = COLUMNS.map(
    ([name, type]) => ({ name, type: type as TypeSpec__Output }) as ColumnSpec__Output,
  );

  it('builds what rowsToObjects builds from the decoded Response, for random pages of every column type', () => {
    const rnd = seededUniform(23);
    let rows = 0;
    for (let i = 0; i < 700; i++) {
      const bytes = randomResponse(rnd, columns);
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
