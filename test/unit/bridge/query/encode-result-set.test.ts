// The bridge's hand-written result-set encoding against protobufjs's, byte for byte: seeded random
// rows of every CQL type, as cassandra-driver hands them to the bridge, encoded by
// encodeResultSet and by protobufjs from the objects fromDriverValue builds (what the bridge sent
// before). Then the same through the response serializers (unary Response, QueryWithSchemaResponse,
// multiplexed replies), and through protobufjs's own encoder (code that does not know the bytes).
import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { DataType, type DriverType } from '../../../../services/bridge/src/codecs/driver-types.js';
import { fromDriverValue } from '../../../../services/bridge/src/codecs/from-driver-value.js';
import { typeSpecFromDriver } from '../../../../services/bridge/src/codecs/type-spec-from-driver.js';
import { encodeResultSet } from '../../../../services/bridge/src/query/encode-result-set.js';
import { EncodedResultSet } from '../../../../services/bridge/src/query/encoded-result-set.js';
import { responseSerializers } from '../../../../services/bridge/src/rpc/response-serializers.js';
import type { Response } from '../../../../services/common/src/proto/generated/stargate/Response.js';
import type { ResultSet } from '../../../../services/common/src/proto/generated/stargate/ResultSet.js';
import { plainEncoder } from '../../../../services/common/src/proto/plain-encoder.js';
import { protoRoot } from '../../../../services/common/src/proto/proto-root.js';
import { seededUniform } from '../../../support/seeded-random.js';

const { types } = cassandra;
type Random = () => number;

interface Column {
  name: string;
  type: DriverType;
  draw(random: Random): unknown;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int32 = (random: Random) =>
  pick(random, [0, 1, -1, 127, 128, -129, 2 ** 31 - 1, -(2 ** 31), Math.floor((random() - 0.5) * 2 ** 32)]);

function text(random: Random): string {
  const alphabet = ['a', 'Z', ' ', '"', '\\', '\n', '\u0001', 'é', '€', '😀', '中', '\u2028'];
  // Lengths around the one-byte length limit (42 units · 3 bytes < 128) and the two-byte one.
  const length = pick(random, [0, 1, 10, 42, 43, 60, 128, 700, 6000]);
  let s = '';
  for (let i = 0; i < length; i++) s += pick(random, alphabet);
  return s;
}

function bytes(random: Random): Buffer {
  const length = pick(random, [0, 1, 16, 127, 128, 300, 20_000]);
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

function long(random: Random): cassandra.types.Long {
  return pick(random, [
    types.Long.ZERO,
    types.Long.fromNumber(-1),
    types.Long.MAX_VALUE,
    types.Long.MIN_VALUE,
    types.Long.fromNumber(2 ** 53 + 1),
    types.Long.fromBits(Math.floor(random() * 2 ** 32) | 0, Math.floor(random() * 2 ** 32) | 0),
  ]);
}

const udtInfo = {
  keyspace: 'ks',
  name: 'address',
  fields: [
    { name: 'street', type: { code: DataType.text } },
    { name: 'zip', type: { code: DataType.int } },
  ],
};

const COLUMNS: Column[] = [
  { name: 'i', type: { code: DataType.int }, draw: int32 },
  { name: 'ti', type: { code: DataType.tinyint }, draw: (r) => pick(r, [0, -128, 127]) },
  { name: 'si', type: { code: DataType.smallint }, draw: (r) => pick(r, [0, -32768, 32767, 300]) },
  { name: 'bi', type: { code: DataType.bigint }, draw: long },
  { name: 'co', type: { code: DataType.counter }, draw: long },
  {
    name: 'ts',
    type: { code: DataType.timestamp },
    draw: (r) =>
      new Date(pick(r, [0, -1, 1_700_000_000_123, -8.64e15, 8.64e15, Math.floor((r() - 0.5) * 2 ** 45)])),
  },
  {
    name: 'f',
    type: { code: DataType.float },
    draw: (r) => pick(r, [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Math.fround(r() * 1e6)]),
  },
  {
    name: 'd',
    type: { code: DataType.double },
    draw: (r) => pick(r, [0, -0, Number.NaN, Number.NEGATIVE_INFINITY, r() * 1e300, 1.1]),
  },
  { name: 'b', type: { code: DataType.boolean }, draw: (r) => r() < 0.5 },
  { name: 't', type: { code: DataType.varchar }, draw: text },
  { name: 'a', type: { code: DataType.ascii }, draw: (r) => pick(r, ['', 'plain ascii', 'x'.repeat(200)]) },
  { name: 'bl', type: { code: DataType.blob }, draw: bytes },
  { name: 'cu', type: { code: DataType.custom, info: 'com.example.MyType' }, draw: bytes },
  { name: 'u', type: { code: DataType.uuid }, draw: () => types.Uuid.random() },
  { name: 'tu', type: { code: DataType.timeuuid }, draw: () => types.TimeUuid.now() },
  {
    name: 'in',
    type: { code: DataType.inet },
    draw: (r) => types.InetAddress.fromString(pick(r, ['127.0.0.1', '::1', '10.1.2.3'])),
  },
  {
    name: 'dt',
    type: { code: DataType.date },
    draw: (r) => types.LocalDate.fromString(pick(r, ['2026-12-03', '1970-01-01', '-0044-03-15'])),
  },
  {
    name: 'tm',
    type: { code: DataType.time },
    draw: (r) => types.LocalTime.fromString(pick(r, ['00:00:00', '23:59:59.999999999', '12:34:56.5'])),
  },
  {
    name: 'vi',
    type: { code: DataType.varint },
    draw: (r) => types.Integer.fromString(pick(r, ['0', '-1', '123456789012345678901234567890'])),
  },
  {
    name: 'de',
    type: { code: DataType.decimal },
    draw: (r) => types.BigDecimal.fromString(pick(r, ['0', '1.10', '-12345678901234567890.000001'])),
  },
  {
    name: 'du',
    type: { code: DataType.duration },
    draw: (r) => types.Duration.fromString(pick(r, ['1mo2d3h', '-5s', 'P1Y'])),
  },
  {
    name: 'l',
    type: { code: DataType.list, info: { code: DataType.int } },
    draw: (r) => Array.from({ length: Math.floor(r() * 4) }, () => int32(r)),
  },
  { name: 's', type: { code: DataType.set, info: { code: DataType.text } }, draw: (r) => [text(r), 'x'] },
  {
    name: 'm',
    type: { code: DataType.map, info: [{ code: DataType.text }, { code: DataType.bigint }] },
    draw: (r) => new Map([[text(r), long(r)]]),
  },
  {
    name: 'tp',
    type: { code: DataType.tuple, info: [{ code: DataType.int }, { code: DataType.text }] },
    draw: (r) => new types.Tuple(int32(r), text(r)),
  },
  {
    name: 'ud',
    type: { code: DataType.udt, info: udtInfo },
    draw: (r) => ({ street: text(r), zip: int32(r) }),
  },
  {
    name: 've',
    type: {
      code: DataType.custom,
      info: 'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 3)',
    },
    draw: (r) => new Float32Array([r(), -r(), 0.5]),
  },
];

function randomResultSet(random: Random, rowCount: number, pageState: Buffer | undefined) {
  const columns = COLUMNS.filter(() => random() < 0.6);
  const rows = Array.from({ length: rowCount }, () => {
    const row: Record<string, unknown> = {};
    for (const c of columns) row[c.name] = random() < 0.15 ? null : c.draw(random);
    return row;
  });
  return {
    columns: columns.map(({ name, type }) => ({ name, type })),
    rows,
    rawPageState: pageState,
    info: {},
  } as unknown as cassandra.types.ResultSet;
}

const sign = (raw: Buffer) => Buffer.concat([Buffer.from('signed:'), raw]);

/** What the bridge sent before: the ResultSet object, built value by value, for protobufjs. */
function asObject(rs: cassandra.types.ResultSet, skipMetadata: boolean): ResultSet {
  const columns = rs.columns as unknown as Array<{ name: string; type: DriverType }>;
  const out: ResultSet = {
    rows: (rs.rows as unknown as Array<Record<string, unknown>>).map((row) => ({
      values: columns.map((c) => fromDriverValue(row[c.name], c.type)),
    })),
  };
  if (!skipMetadata) out.columns = columns.map((c) => ({ name: c.name, type: typeSpecFromDriver(c.type) }));
  const raw = (rs as unknown as { rawPageState?: Buffer }).rawPageState;
  if (raw && raw.length > 0) out.pagingState = { value: sign(raw) };
  return out;
}

const root = protoRoot();
const protobufResultSet = plainEncoder(root.lookupType('stargate.ResultSet'));
const protobufResponse = plainEncoder(root.lookupType('stargate.Response'));
const protobufQueryWithSchema = plainEncoder(root.lookupType('stargate.QueryWithSchemaResponse'));
const protobufReplies = plainEncoder(root.lookupType('stargate.MultiplexedReplies'));

describe('encodeResultSet', () => {
  it('writes the bytes protobufjs writes, for 600 seeded random result sets of every CQL type', () => {
    const random = seededUniform(20261203);
    let rows = 0;
    for (let i = 0; i < 600; i++) {
      const rowCount = pick(random, [0, 1, 3, 20]);
      const state = random() < 0.5 ? bytes(random) : undefined;
      const rs = randomResultSet(random, rowCount, state);
      const skipMetadata = random() < 0.3;
      const encoded = encodeResultSet(rs, skipMetadata, sign);
      expect(encoded.bytes.equals(protobufResultSet(asObject(rs, skipMetadata))), `result set ${i}`).toBe(
        true,
      );
      rows += rowCount;
    }
    expect(rows).toBeGreaterThan(3000);
  });

  it('reads back as the object it stands for (code that reads fields, e.g. a tenant listing)', () => {
    const random = seededUniform(7);
    const rs = randomResultSet(random, 5, Buffer.from([1, 2, 3]));
    const encoded = encodeResultSet(rs, false, sign);
    const again = protobufResultSet({
      columns: encoded.columns,
      rows: encoded.rows,
      pagingState: encoded.pagingState,
    });
    expect(again.equals(encoded.bytes)).toBe(true);
    expect(encoded.pagingState?.value).toEqual(sign(Buffer.from([1, 2, 3])));
  });
});

describe('response serializers', () => {
  const serializers = responseSerializers();

  it('write the bytes protobufjs writes for the same Response, QueryWithSchemaResponse and replies', () => {
    const random = seededUniform(42);
    for (let i = 0; i < 200; i++) {
      const rs = randomResultSet(
        random,
        pick(random, [0, 2, 30]),
        random() < 0.5 ? bytes(random) : undefined,
      );
      const encoded = encodeResultSet(rs, false, sign);
      const object = asObject(rs, false);
      const warnings = random() < 0.5 ? ['a warning', text(random)] : undefined;
      const response: Response = { resultSet: encoded, ...(warnings && { warnings }) };
      const expected: Response = { resultSet: object, ...(warnings && { warnings }) };

      expect(serializers.response(response).equals(protobufResponse(expected))).toBe(true);
      // protobufjs itself, given the encoded result set, writes it right too (reads its fields).
      expect(protobufResponse(response).equals(protobufResponse(expected))).toBe(true);
      expect(
        serializers
          .queryWithSchemaResponse({ response })
          .equals(protobufQueryWithSchema({ response: expected })),
      ).toBe(true);

      const replies = {
        replies: [
          { id: String(i * 3), response },
          { id: '7', status: { code: 5, message: 'no such table' } },
          { id: '2', queryWithSchema: { response } },
          { id: '9', response: { warnings: ['only a warning'] } },
          { id: '18446744073709551615', response },
        ],
      };
      const expectedReplies = {
        replies: [
          { id: String(i * 3), response: expected },
          { id: '7', status: { code: 5, message: 'no such table' } },
          { id: '2', queryWithSchema: { response: expected } },
          { id: '9', response: { warnings: ['only a warning'] } },
          { id: '18446744073709551615', response: expected },
        ],
      };
      expect(serializers.multiplexedReplies(replies).equals(protobufReplies(expectedReplies))).toBe(true);
    }
  });

  it('leave responses without an encoded result set to protobufjs', () => {
    const response: Response = { schemaChange: { changeType: 1, target: 2, keyspace: 'ks' } as never };
    expect(serializers.response(response).equals(protobufResponse(response))).toBe(true);
    expect(serializers.multiplexedReplies({ replies: [] }).length).toBe(0);
    expect(new EncodedResultSet(Buffer.alloc(0), undefined).rows).toBeUndefined();
  });
});
