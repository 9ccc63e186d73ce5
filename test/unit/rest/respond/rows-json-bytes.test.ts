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
  encodeValue,
  float,
  type Gen,
  int,
  intValue,
  randomBytes,
  randomResponse,
  SCALAR_COLUMNS,
  textValue,
} from '../../../support/random-proto-values.js';
import { seededUniform } from '../../../support/seeded-random.js';

const root = protoRoot();
const _ValueType = root.lookupType('stargate.Value');
const _ColumnSpecType = root.lookupType('stargate.ColumnSpec');
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
      const bytes = randomResponse(rnd, COLUMNS, 'sometimes');
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
