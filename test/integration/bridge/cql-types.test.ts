// Every CQL type through the bridge and back, with boundary values, on the multiplexed stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigintToBytes } from '../../../services/common/src/codecs/big-integer.js';
import type { Value } from '../../../services/common/src/proto/generated/stargate/Value.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { stripOneofNames } from '../../support/strip-oneof.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';

const ks = uniqueKeyspaceName('bridge_types');
let t: TestBridge;

const DATE_EPOCH = 2 ** 31;

const strip = stripOneofNames;

async function roundTrip(column: string, value: Value): Promise<unknown> {
  await t.client.executeQuery(
    {
      cql: `INSERT INTO ${ks}.all_types (k, ${column}) VALUES (?, ?)`,
      values: { values: [{ string: column }, value] },
    },
    { token: t.token },
  );
  const res = await t.client.executeQuery(
    { cql: `SELECT ${column} FROM ${ks}.all_types WHERE k = ?`, values: { values: [{ string: column }] } },
    { token: t.token },
  );
  return strip(res.resultSet?.rows?.[0]?.values?.[0]);
}

beforeAll(async () => {
  t = await startTestBridge();
  await t.createKeyspace(ks);
  await t.su(`CREATE TYPE ${ks}.address (street text, zip int, tags frozen<set<text>>)`);
  await t.su(`CREATE TYPE ${ks}.person (name text, home frozen<address>)`);
  await t.client.executeQuery(
    {
      cql: `CREATE TABLE ${ks}.all_types (k text PRIMARY KEY,
        c_ascii ascii, c_bigint bigint, c_blob blob, c_boolean boolean, c_date date, c_decimal decimal,
        c_double double, c_duration duration, c_float float, c_inet inet, c_int int, c_smallint smallint,
        c_text text, c_time time, c_timestamp timestamp, c_timeuuid timeuuid, c_tinyint tinyint, c_uuid uuid,
        c_varchar varchar, c_varint varint, c_list list<int>, c_set set<text>, c_map map<int, text>,
        c_nested map<text, frozen<list<frozen<map<int, text>>>>>, c_tuple tuple<int, text, boolean>,
        c_udt frozen<person>, c_vector vector<float, 3>)`,
    },
    { token: t.token },
  );
  await t.su(`CREATE TABLE ${ks}.counters (k text PRIMARY KEY, n counter)`);
});

afterAll(async () => {
  await t?.dropKeyspace(ks);
  await t?.close();
});

describe('bridge values', () => {
  it('round-trips integer types at their limits', async () => {
    expect(await roundTrip('c_tinyint', { int: -128 })).toEqual({ int: '-128' });
    expect(await roundTrip('c_tinyint', { int: 127 })).toEqual({ int: '127' });
    expect(await roundTrip('c_smallint', { int: -32768 })).toEqual({ int: '-32768' });
    expect(await roundTrip('c_int', { int: 2147483647 })).toEqual({ int: '2147483647' });
    expect(await roundTrip('c_bigint', { int: '-9223372036854775808' })).toEqual({
      int: '-9223372036854775808',
    });
    expect(await roundTrip('c_bigint', { int: '9223372036854775807' })).toEqual({
      int: '9223372036854775807',
    });
  });

  it('keeps huge varints and decimals exact', async () => {
    const huge = bigintToBytes(-(10n ** 40n) + 1n);
    expect(await roundTrip('c_varint', { varint: { value: huge } })).toEqual({ varint: { value: huge } });
    const unscaled = bigintToBytes(123456789012345678901234567890123456789n);
    expect(await roundTrip('c_decimal', { decimal: { scale: 20, value: unscaled } })).toEqual({
      decimal: { scale: 20, value: unscaled },
    });
  });

  it('carries NaN and infinities in float and double', async () => {
    expect(await roundTrip('c_double', { double: Number.NaN })).toEqual({ double: Number.NaN });
    expect(await roundTrip('c_double', { double: Number.NEGATIVE_INFINITY })).toEqual({
      double: Number.NEGATIVE_INFINITY,
    });
    expect(await roundTrip('c_float', { float: Number.POSITIVE_INFINITY })).toEqual({
      float: Number.POSITIVE_INFINITY,
    });
    expect(await roundTrip('c_float', { float: 1.5 })).toEqual({ float: 1.5 });
    expect(await roundTrip('c_double', { double: Number.MAX_VALUE })).toEqual({ double: Number.MAX_VALUE });
  });

  it('round-trips text, blob, boolean, uuid, timeuuid and inet', async () => {
    expect(await roundTrip('c_ascii', { string: 'plain ascii' })).toEqual({ string: 'plain ascii' });
    expect(await roundTrip('c_text', { string: 'héllo 🌍' })).toEqual({ string: 'héllo 🌍' });
    expect(await roundTrip('c_varchar', { string: '' })).toEqual({ string: '' });
    const blob = Buffer.from([0, 1, 2, 255]);
    expect(await roundTrip('c_blob', { bytes: blob })).toEqual({ bytes: blob });
    expect(await roundTrip('c_boolean', { boolean: false })).toEqual({ boolean: false });
    const uuid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    expect(await roundTrip('c_uuid', { uuid: { value: uuid } })).toEqual({ uuid: { value: uuid } });
    const timeuuid = Buffer.from('d2177dd0eaa211e5a8ee0800200c9a66', 'hex');
    expect(await roundTrip('c_timeuuid', { uuid: { value: timeuuid } })).toEqual({
      uuid: { value: timeuuid },
    });
    const v6 = Buffer.from('20010db8000000000000000000000001', 'hex');
    expect(await roundTrip('c_inet', { inet: { value: v6 } })).toEqual({ inet: { value: v6 } });
    expect(await roundTrip('c_inet', { inet: { value: Buffer.from([10, 0, 0, 1]) } })).toEqual({
      inet: { value: Buffer.from([10, 0, 0, 1]) },
    });
  });

  it('round-trips dates far before 1970 and far in the future, times, timestamps and durations', async () => {
    for (const date of [0, DATE_EPOCH - 1, DATE_EPOCH, DATE_EPOCH + 2_932_896, 2 ** 32 - 1]) {
      expect(await roundTrip('c_date', { date })).toEqual({ date });
    }
    expect(await roundTrip('c_time', { time: '86399999999999' })).toEqual({ time: '86399999999999' });
    expect(await roundTrip('c_timestamp', { int: '-62135596800000' })).toEqual({ int: '-62135596800000' });
    expect(await roundTrip('c_timestamp', { int: '253402300799999' })).toEqual({ int: '253402300799999' });
    const duration = { months: -14, days: -3, nanos: '-3600000000001' };
    expect(await roundTrip('c_duration', { duration })).toEqual({ duration });
  });

  it('round-trips collections, nested and empty, tuples, nested UDTs and vectors', async () => {
    const list = { collection: { elements: [{ int: 3 }, { int: 1 }, { int: 3 }] } };
    expect(await roundTrip('c_list', list)).toEqual({
      collection: { elements: [{ int: '3' }, { int: '1' }, { int: '3' }] },
    });
    expect(
      await roundTrip('c_set', { collection: { elements: [{ string: 'b' }, { string: 'a' }] } }),
    ).toEqual({
      collection: { elements: [{ string: 'a' }, { string: 'b' }] },
    });
    expect(
      await roundTrip('c_map', {
        collection: { elements: [{ int: 2 }, { string: 'two' }, { int: 1 }, { string: 'one' }] },
      }),
    ).toEqual({
      collection: { elements: [{ int: '1' }, { string: 'one' }, { int: '2' }, { string: 'two' }] },
    });
    const nested = {
      collection: {
        elements: [
          { string: 'k' },
          {
            collection: {
              elements: [
                { collection: { elements: [{ int: 1 }, { string: 'x' }] } },
                { collection: { elements: [] } },
              ],
            },
          },
        ],
      },
    };
    expect(await roundTrip('c_nested', nested)).toEqual({
      collection: {
        elements: [
          { string: 'k' },
          {
            collection: {
              elements: [{ collection: { elements: [{ int: '1' }, { string: 'x' }] } }, { collection: {} }],
            },
          },
        ],
      },
    });
    // An empty collection is stored as null by Cassandra.
    expect(await roundTrip('c_list', { collection: { elements: [] } })).toEqual({ null: {} });
    expect(
      await roundTrip('c_tuple', {
        collection: { elements: [{ int: 7 }, { string: 'seven' }, { boolean: true }] },
      }),
    ).toEqual({ collection: { elements: [{ int: '7' }, { string: 'seven' }, { boolean: true }] } });
    const person = {
      udt: {
        fields: {
          name: { string: 'Ada' },
          home: {
            udt: {
              fields: {
                street: { string: 'Main' },
                zip: { int: 12345 },
                tags: { collection: { elements: [{ string: 'x' }] } },
              },
            },
          },
        },
      },
    };
    expect(await roundTrip('c_udt', person)).toEqual({
      udt: {
        fields: {
          name: { string: 'Ada' },
          home: {
            udt: {
              fields: {
                street: { string: 'Main' },
                zip: { int: '12345' },
                tags: { collection: { elements: [{ string: 'x' }] } },
              },
            },
          },
        },
      },
    });
    const vector = { collection: { elements: [{ float: 0.5 }, { float: -1 }, { float: 3.25 }] } };
    expect(await roundTrip('c_vector', vector)).toEqual(vector);
  });

  it('distinguishes null from unset', async () => {
    await roundTrip('c_text', { string: 'kept' });
    await t.client.executeQuery(
      {
        cql: `INSERT INTO ${ks}.all_types (k, c_text, c_int) VALUES (?, ?, ?)`,
        values: { values: [{ string: 'c_text' }, { unset: {} }, { int: 5 }] },
      },
      { token: t.token },
    );
    const kept = await t.su(`SELECT c_text, c_int FROM ${ks}.all_types WHERE k = 'c_text'`);
    expect(strip(kept.resultSet?.rows?.[0]?.values)).toEqual([{ string: 'kept' }, { int: '5' }]);
    expect(await roundTrip('c_text', { null: {} })).toEqual({ null: {} });
  });

  it('binds named values and updates counters', async () => {
    await t.client.executeQuery(
      {
        cql: `UPDATE ${ks}.counters SET n = n + :delta WHERE k = :key`,
        values: { values: [{ string: 'c1' }, { int: '9000000000' }], valueNames: ['key', 'delta'] },
      },
      { token: t.token },
    );
    const res = await t.su(`SELECT n FROM ${ks}.counters WHERE k = 'c1'`);
    expect(strip(res.resultSet?.rows?.[0]?.values?.[0])).toEqual({ int: '9000000000' });
    expect(strip(res.resultSet?.columns?.[0])).toEqual({ name: 'n', type: { basic: 5 } });
  });

  it('reports column types in result metadata, text as varchar', async () => {
    const res = await t.su(`SELECT c_text, c_map, c_vector, c_udt FROM ${ks}.all_types LIMIT 1`);
    const columns = strip(res.resultSet?.columns) as Array<{ name: string; type: unknown }>;
    expect(columns[0]).toEqual({ name: 'c_text', type: { basic: 13 } });
    expect(columns[1]).toEqual({ name: 'c_map', type: { map: { key: { basic: 9 }, value: { basic: 13 } } } });
    expect(columns[2]).toEqual({ name: 'c_vector', type: { vector: { element: { basic: 8 }, size: 3 } } });
    expect((columns[3]!.type as { udt: { name: string } }).udt.name).toBe('person');
  });
});
