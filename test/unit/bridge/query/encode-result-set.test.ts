import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { driverResultSet, pagesPage, widePage } from '../../../../bench/lib/driver-result-sets.js';
import { encodeResultSet } from '../../../../services/bridge/src/query/encode-result-set.js';
import { toResultSet } from '../../../../services/bridge/src/query/to-result-set.js';
import { messageCodec } from '../../../../services/common/src/proto/message-codec.js';
import { plainEncoder } from '../../../../services/common/src/proto/plain-encoder.js';
import { protoRoot } from '../../../../services/common/src/proto/proto-root.js';

const { types } = cassandra;
const T = types.dataTypes;
const encodeObjects = plainEncoder(protoRoot().lookupType('stargate.ResultSet'));
const encodeResponse = plainEncoder(protoRoot().lookupType('stargate.EncodedResponse'));
const response = messageCodec<object, object>('stargate.Response');
const sign = (raw: Buffer) => Buffer.concat([Buffer.from('signed:'), raw]);

type Type = { code: number; info?: unknown; customTypeName?: string };
const udt: Type = {
  code: T.udt,
  info: {
    keyspace: 'ks',
    name: 'address',
    fields: [
      { name: 'street', type: { code: T.text } },
      { name: 'zip', type: { code: T.int } },
    ],
  },
};
const vector: Type = { code: T.custom, customTypeName: 'vector', info: [{ code: T.float }, 3] };
const vectorByClass: Type = {
  code: T.custom,
  info: 'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 2)',
};
const durationByClass: Type = { code: T.custom, info: 'org.apache.cassandra.db.marshal.DurationType' };

// One column type each, with the values a row of it can hold (null included).
const fixtures: Array<[string, Type, unknown[]]> = [
  ['tinyint', { code: T.tinyint }, [0, -128, 127]],
  ['smallint', { code: T.smallint }, [-32768, 32767]],
  ['int', { code: T.int }, [0, 1, -1, 2 ** 31 - 1, -(2 ** 31)]],
  [
    'bigint',
    { code: T.bigint },
    [types.Long.ZERO, types.Long.MAX_VALUE, types.Long.MIN_VALUE, types.Long.fromNumber(-5)],
  ],
  ['counter', { code: T.counter }, [types.Long.fromString('12345678901234')]],
  ['float', { code: T.float }, [0, 1.5, -3.25, Number.NaN, Number.POSITIVE_INFINITY, 3.4e38]],
  ['double', { code: T.double }, [0, -0, Math.PI, Number.NaN, Number.NEGATIVE_INFINITY, 1e308]],
  ['boolean', { code: T.boolean }, [true, false]],
  ['ascii', { code: T.ascii }, ['', 'plain']],
  ['text', { code: T.text }, ['', 'héllo wörld ✓ 𝄞']],
  ['varchar', { code: T.varchar }, ['v']],
  ['blob', { code: T.blob }, [Buffer.alloc(0), Buffer.from([0, 1, 255])]],
  ['uuid', { code: T.uuid }, [types.Uuid.fromString('550e8400-e29b-41d4-a716-446655440000')]],
  ['timeuuid', { code: T.timeuuid }, [types.TimeUuid.fromDate(new Date(1_700_000_000_000))]],
  ['timestamp', { code: T.timestamp }, [new Date(0), new Date(-1000), new Date(1_700_000_000_123)]],
  ['varint', { code: T.varint }, [types.Integer.fromString('-123456789012345678901234567890')]],
  [
    'decimal',
    { code: T.decimal },
    [types.BigDecimal.fromString('-12.345'), types.BigDecimal.fromString('0')],
  ],
  ['inet', { code: T.inet }, [types.InetAddress.fromString('10.0.0.1'), types.InetAddress.fromString('::1')]],
  [
    'date',
    { code: T.date },
    [types.LocalDate.fromString('2024-02-29'), types.LocalDate.fromString('1900-01-01')],
  ],
  ['time', { code: T.time }, [types.LocalTime.fromString('13:45:07.123456789')]],
  ['duration', { code: T.duration }, [new types.Duration(1, 2, types.Long.fromNumber(3_000_000_000))]],
  ['duration (custom)', durationByClass, [new types.Duration(-1, 0, types.Long.ZERO)]],
  ['list<text>', { code: T.list, info: { code: T.text } }, [['a', 'b'], []]],
  ['set<int>', { code: T.set, info: { code: T.int } }, [[3, 1, 2]]],
  [
    'map<text,int>',
    { code: T.map, info: [{ code: T.text }, { code: T.int }] },
    [
      new Map([
        ['a', 1],
        ['b', -2],
      ]),
      { c: 3 },
    ],
  ],
  [
    'tuple<int,text>',
    { code: T.tuple, info: [{ code: T.int }, { code: T.text }] },
    [new types.Tuple(1, 'x'), new types.Tuple(null, 'y')],
  ],
  ['udt', udt, [{ street: 'Main', zip: 12345 }, { street: null }]],
  ['vector<float,3>', vector, [new Float32Array([1, 2.5, -3])]],
  ['vector (class name)', vectorByClass, [[0.5, 1]]],
  ['custom', { code: T.custom, info: 'org.example.Type' }, [Buffer.from([9, 9])]],
];

/** Today's path: toResultSet's objects, encoded by protobufjs. */
function viaObjects(rs: cassandra.types.ResultSet, skipMetadata: boolean): Buffer {
  return encodeObjects(toResultSet(rs, skipMetadata, sign));
}

function expectSame(rs: cassandra.types.ResultSet, skipMetadata: boolean) {
  const bytes = Buffer.from(encodeResultSet(rs, skipMetadata, sign));
  const expected = viaObjects(rs, skipMetadata);
  // What the API decodes is the same...
  expect(response.decode(encodeResponse({ resultSet: bytes }))).toEqual(
    response.decode(encodeResponse({ resultSet: expected })),
  );
  // ...because the bytes are.
  expect(bytes.equals(expected)).toBe(true);
}

describe('encodeResultSet', () => {
  for (const [name, type, values] of fixtures) {
    it(`writes ${name} values as protobufjs writes fromDriverValue's`, () => {
      const rows = [...values, null, undefined].map((v) => [v]);
      const rs = driverResultSet([{ name: 'c', type }], rows);
      expectSame(rs, false);
      expectSame(rs, true);
    });
  }

  it('writes a page of every type at once, with and without column metadata, with a paging state', () => {
    const columns = fixtures.map(([, type], i) => ({ name: `c${i}`, type }));
    const rows = [0, 1].map((r) => fixtures.map(([, , values]) => values[r % values.length]));
    rows.push(fixtures.map(() => null));
    const rs = driverResultSet(columns, rows, Buffer.from([1, 2, 3]));
    expectSame(rs, false);
    expectSame(rs, true);
    const decoded = response.decode(encodeResponse({ resultSet: encodeResultSet(rs, false, sign) })) as {
      resultSet: { pagingState: { value: Buffer }; columns: unknown[]; rows: unknown[] };
    };
    expect(decoded.resultSet.pagingState.value).toEqual(sign(Buffer.from([1, 2, 3])));
    expect(decoded.resultSet.columns).toHaveLength(fixtures.length);
    expect(decoded.resultSet.rows).toHaveLength(3);
  });

  it('writes the benchmark pages and an empty result set as today', () => {
    expectSame(pagesPage(), false);
    expectSame(widePage(), true);
    expectSame(driverResultSet([{ name: 'c', type: { code: T.int } }], []), false);
    expect(encodeResultSet(driverResultSet([], []), true, sign)).toHaveLength(0);
  });
});
