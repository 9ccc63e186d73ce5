// rowsResponseFromBytes against the path it replaces (decode the whole Response, then rowsResponse):
// seeded random Responses encoded with protobufjs, a column of every type the REST API writes,
// well-formed values and odd ones (wrong kind, two fields, non-minimal varints, invalid UTF-8),
// both map modes, raw or not, with and without a page state — the same text every time.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec__Output } from '../../../../services/common/src/proto/generated/stargate/ColumnSpec.js';
import type { Response__Output } from '../../../../services/common/src/proto/generated/stargate/Response.js';
import type { TypeSpec } from '../../../../services/common/src/proto/generated/stargate/TypeSpec.js';
import { messageCodec } from '../../../../services/common/src/proto/message-codec.js';
import { BasicType } from '../../../../services/common/src/proto/proto-enums.js';
import { protoRoot } from '../../../../services/common/src/proto/proto-root.js';
import { rowsResponseFromBytes } from '../../../../services/rest/src/respond/rows-json-bytes.js';
import { layoutOfResultSet, rowsResponse } from '../../../../services/rest/src/respond/rows-response.js';
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

/** Every column type the REST API writes, and a generator of its well-formed values. */
const COLUMNS: [string, TypeSpec, Gen][] = [
  ['i', basic(BasicType.INT), (rnd) => ({ int: String(int(rnd, 2 ** 32) - 2 ** 31) })],
  ...SCALAR_COLUMNS,
  ['cu', basic(BasicType.CUSTOM), (rnd) => ({ bytes: randomBytes(rnd, 5) })],
  [
    'l',
    { list: { element: basic(BasicType.INT) } },
    (rnd) => ({
      collection: { elements: Array.from({ length: int(rnd, 4) }, () => ({ int: String(int(rnd, 100)) })) },
    }),
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
        elements: Array.from({ length: 2 * int(rnd, 3) }, (_, k) => (k % 2 ? intValue(rnd) : textValue(rnd))),
      },
    }),
  ],
  [
    'mi',
    { map: { key: basic(BasicType.INT), value: basic(BasicType.BOOLEAN) } },
    (rnd) => ({
      collection: {
        elements: Array.from({ length: 2 * int(rnd, 3) }, (_, k) =>
          k % 2 ? { boolean: rnd() < 0.5 } : { int: String(int(rnd, 9)) },
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
    { udt: { name: 'addr', fields: { street: basic(BasicType.VARCHAR), n: basic(BasicType.INT) } } },
    (rnd) => ({ udt: { fields: { street: textValue(rnd), n: intValue(rnd) } } }),
  ],
];

const encodeValue = (value: Record<string, unknown>) =>
  Buffer.from(ValueType.encode(ValueType.fromObject(value)).finish());

/** Values' bytes that are odd but decodable: what each codec writes for them must not change either. */
function oddValue(rnd: Rnd): Buffer {
  switch (int(rnd, 13)) {
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
            pick(rnd, [0x41, 0x22, 0x80, 0xbf, 0xc3, 0xa9, 0xed, 0xa0, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x0a]),
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
    case 12: {
      // The same field twice: the last one counts.
      const kind = pick(rnd, COLUMNS)[2];
      return Buffer.concat([encodeValue(kind(rnd)), encodeValue(kind(rnd))]);
    }
    case 9:
      return encodeValue({ uuid: { value: Buffer.alloc(15, 1) } });
    case 10:
      return encodeValue({ string: 'x"é\n'.repeat(int(rnd, 30000)) }); // beyond the scratch area's first size
    default:
      return encodeValue(pick(rnd, COLUMNS)[2](rnd)); // another column's kind of value
  }
}

/** A whole Response, assembled with protobufjs's Writer around protobufjs-encoded Values. */
function randomResponse(rnd: Rnd, columns: ColumnSpec__Output[]): Buffer {
  const w = protobuf.Writer.create();
  if (rnd() < 0.2) w.uint32((2 << 3) | 2).string('a warning');
  if (rnd() < 0.05) return Buffer.from(w.finish()); // no result set
  const resultSet = protobuf.Writer.create();
  if (rnd() < 0.5)
    for (const column of columns)
      resultSet.uint32((1 << 3) | 2).bytes(ColumnSpecType.encode(ColumnSpecType.fromObject(column)).finish());
  const rows = int(rnd, 13);
  for (let r = 0; r < rows; r++) {
    const row = protobuf.Writer.create();
    const values = rnd() < 0.1 ? int(rnd, COLUMNS.length + 3) : COLUMNS.length;
    for (let c = 0; c < values; c++) {
      const value =
        c < COLUMNS.length && rnd() < 0.85
          ? encodeValue(rnd() < 0.1 ? { null: {} } : COLUMNS[c]![2](rnd))
          : oddValue(rnd);
      row.uint32((1 << 3) | 2).bytes(value);
      if (rnd() < 0.01) row.uint32((3 << 3) | 2).bytes(Buffer.from([0x0a, 2, 1, 2])); // Row.comparable_bytes
    }
    resultSet.uint32((2 << 3) | 2).bytes(row.finish());
  }
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

/** The bytes sent, or the error thrown. */
function outcome(run: () => string | Buffer): string {
  try {
    return Buffer.from(run()).toString('hex');
  } catch (err) {
    return `throws ${(err as Error).name}`;
  }
}

describe('rowsResponseFromBytes', () => {
  const columns = COLUMNS.map(([name, type]) => ({ name, type }) as ColumnSpec__Output);

  it('writes what rowsResponse writes for the decoded Response, for random pages of every column type', () => {
    const rnd = seededUniform(19);
    let rows = 0;
    for (let i = 0; i < 600; i++) {
      const bytes = randomResponse(rnd, columns);
      const decoded = decodeResponse(bytes);
      rows += decoded.resultSet?.rows?.length ?? 0;
      for (const compact of [true, false]) {
        const layout = layoutOfResultSet({ columns }, compact);
        for (const raw of [false, true]) {
          const expected = outcome(() => rowsResponse(decoded.resultSet, layout, raw));
          const actual = outcome(() => rowsResponseFromBytes(bytes, layout, raw));
          if (actual !== expected) {
            const text = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');
            expect({ i, compact, raw, actual: text(actual) }).toEqual({
              i,
              compact,
              raw,
              actual: text(expected),
            });
          }
        }
      }
    }
    expect(rows).toBeGreaterThan(3000);
  });

  it('keeps every digit of 64-bit integers and counters, and writes the page state', () => {
    const bigints = ['9007199254740993', '-9223372036854775808', '9223372036854775807', '-1', '0'];
    const w = protobuf.Writer.create();
    const row = protobuf.Writer.create();
    for (const int of bigints) row.uint32((1 << 3) | 2).bytes(encodeValue({ int }));
    const resultSet = protobuf.Writer.create()
      .uint32((2 << 3) | 2)
      .bytes(row.finish());
    resultSet
      .uint32((3 << 3) | 2)
      .fork()
      .uint32((1 << 3) | 2)
      .bytes(Buffer.from([1, 2, 3]))
      .ldelim();
    w.uint32((1 << 3) | 2).bytes(resultSet.finish());
    const layout = layoutOfResultSet(
      {
        columns: bigints.map(
          (_, i) =>
            ({
              name: `c${i}`,
              type: basic(i === 4 ? BasicType.COUNTER : BasicType.BIGINT),
            }) as ColumnSpec__Output,
        ),
      },
      true,
    );
    expect(rowsResponseFromBytes(Buffer.from(w.finish()), layout, false)).toBe(
      '{"count":1,"pageState":"AQID","data":[{"c0":9007199254740993,"c1":-9223372036854775808,"c2":9223372036854775807,"c3":-1,"c4":"0"}]}',
    );
  });
});
