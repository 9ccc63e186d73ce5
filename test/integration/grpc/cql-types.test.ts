// Every CQL type through the public gRPC API with this repository's proto (the published Node client
// lacks Duration and exact 64-bit integers; node-client.test.ts covers the rest with it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigintToBytes } from '../../../services/common/src/codecs/big-integer.js';
import type { Value } from '../../../services/common/src/proto/generated/stargate/Value.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { stripOneofNames } from '../../support/strip-oneof.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { startTestGrpcApi, type TestGrpcApi } from './support/grpc-api-harness.js';
import { connectProto, executeQuery, ok, tokenMetadata } from './support/proto-client.js';

const ks = uniqueKeyspaceName('grpc_types');
let t: TestBridge;
let api: TestGrpcApi;
let client: ReturnType<typeof connectProto>;

const run = (cql: string, values: Value[] = []) =>
  ok(executeQuery(client, { cql, values: { values } }, tokenMetadata(t.token)));

const strip = stripOneofNames;

beforeAll(async () => {
  t = await startTestBridge();
  api = await startTestGrpcApi(t.address);
  client = connectProto(api.address);
  await run(`CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await run(`CREATE TYPE ${ks}.point (x int, label text)`);
  await run(
    `CREATE TABLE ${ks}.t (k text PRIMARY KEY,
      c_ascii ascii, c_bigint bigint, c_blob blob, c_boolean boolean, c_date date, c_decimal decimal,
      c_double double, c_duration duration, c_float float, c_inet inet, c_int int, c_smallint smallint,
      c_text text, c_time time, c_timestamp timestamp, c_timeuuid timeuuid, c_tinyint tinyint, c_uuid uuid,
      c_varchar varchar, c_varint varint, c_list list<bigint>, c_set set<inet>, c_map map<text, double>,
      c_nested map<text, frozen<list<frozen<set<int>>>>>, c_tuple tuple<int, text, uuid>,
      c_udt frozen<point>, c_vector vector<float, 2>)`,
  );
});

afterAll(async () => {
  if (client && t) await run(`DROP KEYSPACE IF EXISTS ${ks}`).catch(() => undefined);
  client?.close();
  await api?.close();
  await t?.close();
});

const uuid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const cases: [column: string, sent: Value, read: Value][] = [
  ['c_ascii', { string: 'ascii' }, { string: 'ascii' }],
  ['c_bigint', { int: '-9223372036854775808' }, { int: '-9223372036854775808' }],
  ['c_blob', { bytes: Buffer.from([0, 255]) }, { bytes: Buffer.from([0, 255]) }],
  ['c_boolean', { boolean: true }, { boolean: true }],
  ['c_date', { date: 0 }, { date: 0 }],
  [
    'c_decimal',
    { decimal: { scale: 30, value: bigintToBytes(-(10n ** 40n)) } },
    { decimal: { scale: 30, value: bigintToBytes(-(10n ** 40n)) } },
  ],
  ['c_double', { double: -0.1 }, { double: -0.1 }],
  [
    'c_duration',
    { duration: { months: -14, days: -3, nanos: '-9223372036854775807' } },
    { duration: { months: -14, days: -3, nanos: '-9223372036854775807' } },
  ],
  ['c_float', { float: Number.NEGATIVE_INFINITY }, { float: Number.NEGATIVE_INFINITY }],
  [
    'c_inet',
    { inet: { value: Buffer.from('fe800000000000000000000000000001', 'hex') } },
    { inet: { value: Buffer.from('fe800000000000000000000000000001', 'hex') } },
  ],
  ['c_int', { int: 2147483647 }, { int: '2147483647' }],
  ['c_smallint', { int: -32768 }, { int: '-32768' }],
  ['c_text', { string: 'ünïcødé ✓' }, { string: 'ünïcødé ✓' }],
  ['c_time', { time: '0' }, { time: '0' }],
  ['c_timestamp', { int: '-62135596800000' }, { int: '-62135596800000' }],
  [
    'c_timeuuid',
    { uuid: { value: Buffer.from('d2177dd0eaa211e5a8ee0800200c9a66', 'hex') } },
    { uuid: { value: Buffer.from('d2177dd0eaa211e5a8ee0800200c9a66', 'hex') } },
  ],
  ['c_tinyint', { int: 127 }, { int: '127' }],
  ['c_uuid', { uuid: { value: uuid } }, { uuid: { value: uuid } }],
  ['c_varchar', { string: 'varchar' }, { string: 'varchar' }],
  ['c_varint', { int: '12345678901234' }, { varint: { value: bigintToBytes(12345678901234n) } }],
  [
    'c_list',
    { collection: { elements: [{ int: '9223372036854775807' }, { int: '0' }] } },
    { collection: { elements: [{ int: '9223372036854775807' }, { int: '0' }] } },
  ],
  [
    'c_set',
    { collection: { elements: [{ inet: { value: Buffer.from([192, 168, 0, 1]) } }] } },
    { collection: { elements: [{ inet: { value: Buffer.from([192, 168, 0, 1]) } }] } },
  ],
  [
    'c_map',
    { collection: { elements: [{ string: 'b' }, { double: 2 }, { string: 'a' }, { double: 1 }] } },
    { collection: { elements: [{ string: 'a' }, { double: 1 }, { string: 'b' }, { double: 2 }] } },
  ],
  [
    'c_nested',
    {
      collection: {
        elements: [
          { string: 'k' },
          { collection: { elements: [{ collection: { elements: [{ int: 2 }, { int: 1 }] } }] } },
        ],
      },
    },
    {
      collection: {
        elements: [
          { string: 'k' },
          { collection: { elements: [{ collection: { elements: [{ int: '1' }, { int: '2' }] } }] } },
        ],
      },
    },
  ],
  [
    'c_tuple',
    { collection: { elements: [{ int: 1 }, { null: {} }, { uuid: { value: uuid } }] } },
    { collection: { elements: [{ int: '1' }, { null: {} }, { uuid: { value: uuid } }] } },
  ],
  [
    'c_udt',
    { udt: { fields: { x: { int: -1 }, label: { string: 'origin' } } } },
    { udt: { fields: { x: { int: '-1' }, label: { string: 'origin' } } } },
  ],
  [
    'c_vector',
    { collection: { elements: [{ float: 0.25 }, { float: -8 }] } },
    { collection: { elements: [{ float: 0.25 }, { float: -8 }] } },
  ],
  ['c_int', { null: {} }, { null: {} }],
];

describe('every CQL type via stargate.Stargate', () => {
  it.each(cases)('%s round-trips', async (column, sent, read) => {
    const key = { string: `${column}:${JSON.stringify(strip(sent)).length}` };
    await run(`INSERT INTO ${ks}.t (k, ${column}) VALUES (?, ?)`, [key, sent]);
    const res = await run(`SELECT ${column} FROM ${ks}.t WHERE k = ?`, [key]);
    expect(strip(res.resultSet?.rows?.[0]?.values?.[0])).toEqual(read);
  });
});
