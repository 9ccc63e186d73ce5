// Compatibility check (issue 4): the published Stargate Node client, unchanged, against this service
// on a real bridge and Cassandra: schema, every CQL type it can express, paging, batches, tracing,
// both streaming calls, and the error statuses (with detail trailers) a Stargate user would see.
import type * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  AlreadyExists,
  Batch,
  BatchQuery,
  Collection,
  Decimal,
  Inet,
  SchemaChange,
  TypeSpec,
  toCQLTime,
  toUUIDString,
  UdtValue,
  Uuid,
  Value,
  Values,
  Varint,
} from '@stargate-oss/stargate-grpc-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigintToBytes } from '../../../services/common/src/codecs/big-integer.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { startTestGrpcApi, type TestGrpcApi } from './support/grpc-api-harness.js';
import {
  authMetadata,
  callError,
  connect,
  int,
  openStream,
  query,
  runStream,
  text,
} from './support/node-client.js';

const ks = uniqueKeyspaceName('grpc_client');
let t: TestBridge;
let api: TestGrpcApi;
let stargate: ReturnType<typeof connect>;
let auth: grpc.Metadata;

const exec = (cql: string, values: Value[] = [], options = {}) =>
  stargate.api.executeQuery(query(cql, values, options), auth);

function value(set: (v: Value) => void): Value {
  const v = new Value();
  set(v);
  return v;
}

const collection = (elements: Value[]) =>
  value((v) => {
    const c = new Collection();
    c.setElementsList(elements);
    v.setCollection(c);
  });

beforeAll(async () => {
  t = await startTestBridge();
  api = await startTestGrpcApi(t.address);
  stargate = connect(api.address);
  auth = await authMetadata(t.token);
  const created = await exec(
    `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  expect(created.getSchemaChange()?.getChangeType()).toBe(SchemaChange.Type.CREATED);
  expect(created.getSchemaChange()?.getTarget()).toBe(SchemaChange.Target.KEYSPACE);
  await exec(`CREATE TYPE ${ks}.address (street text, zip int)`);
  await exec(
    `CREATE TABLE ${ks}.all_types (k text PRIMARY KEY,
      c_ascii ascii, c_bigint bigint, c_blob blob, c_boolean boolean, c_date date, c_decimal decimal,
      c_double double, c_duration duration, c_float float, c_inet inet, c_int int, c_smallint smallint,
      c_text text, c_time time, c_timestamp timestamp, c_timeuuid timeuuid, c_tinyint tinyint, c_uuid uuid,
      c_varchar varchar, c_varint varint, c_list list<int>, c_set set<text>, c_map map<int, text>,
      c_tuple tuple<int, text, boolean>, c_udt frozen<address>, c_vector vector<float, 3>)`,
  );
  await exec(`CREATE TABLE ${ks}.counters (k text PRIMARY KEY, n counter)`);
  await exec(`CREATE TABLE ${ks}.rows (p int, c int, v text, PRIMARY KEY (p, c))`);
});

afterAll(async () => {
  if (stargate && auth) await exec(`DROP KEYSPACE IF EXISTS ${ks}`).catch(() => undefined);
  stargate?.client.close();
  await api?.close();
  await t?.close();
});

function batchQuery(cql: string, values: Value[]): BatchQuery {
  const q = new BatchQuery();
  q.setCql(cql);
  const v = new Values();
  v.setValuesList(values);
  q.setValues(v);
  return q;
}

async function roundTrip(column: string, v: Value): Promise<Value> {
  await exec(`INSERT INTO ${ks}.all_types (k, ${column}) VALUES (?, ?)`, [text(column), v]);
  const res = await exec(`SELECT ${column} FROM ${ks}.all_types WHERE k = ?`, [text(column)]);
  const rows = res.getResultSet()?.getRowsList() ?? [];
  expect(rows).toHaveLength(1);
  return rows[0]!.getValuesList()[0]!;
}

describe('every CQL type the client can express', () => {
  it('integers, timestamps and counters (sint64 as JS numbers in this client)', async () => {
    expect((await roundTrip('c_tinyint', int(-128))).getInt()).toBe(-128);
    expect((await roundTrip('c_smallint', int(32767))).getInt()).toBe(32767);
    expect((await roundTrip('c_int', int(-2147483648))).getInt()).toBe(-2147483648);
    expect((await roundTrip('c_bigint', int(-9007199254740991))).getInt()).toBe(-9007199254740991);
    expect((await roundTrip('c_timestamp', int(1700000000123))).getInt()).toBe(1700000000123);
    await exec(`UPDATE ${ks}.counters SET n = n + ? WHERE k = ?`, [int(41), text('c')]);
    await exec(`UPDATE ${ks}.counters SET n = n + 1 WHERE k = 'c'`);
    const res = await exec(`SELECT n FROM ${ks}.counters WHERE k = 'c'`);
    expect(res.getResultSet()?.getRowsList()[0]?.getValuesList()[0]?.getInt()).toBe(42);
  });

  it('text, blob, boolean, float and double', async () => {
    expect((await roundTrip('c_ascii', text('plain ascii'))).getString()).toBe('plain ascii');
    expect((await roundTrip('c_text', text('héllo 🌍'))).getString()).toBe('héllo 🌍');
    expect((await roundTrip('c_varchar', text(''))).hasString()).toBe(true);
    const blob = await roundTrip(
      'c_blob',
      value((v) => v.setBytes(new Uint8Array([0, 1, 2, 255]))),
    );
    expect([...blob.getBytes_asU8()]).toEqual([0, 1, 2, 255]);
    expect(
      (
        await roundTrip(
          'c_boolean',
          value((v) => v.setBoolean(true)),
        )
      ).getBoolean(),
    ).toBe(true);
    expect(
      (
        await roundTrip(
          'c_float',
          value((v) => v.setFloat(1.5)),
        )
      ).getFloat(),
    ).toBe(1.5);
    expect(
      (
        await roundTrip(
          'c_double',
          value((v) => v.setDouble(Math.PI)),
        )
      ).getDouble(),
    ).toBe(Math.PI);
  });

  it('uuid, timeuuid and inet, read with the client helpers', async () => {
    const uuid = (hex: string) =>
      value((v) => {
        const u = new Uuid();
        u.setValue(Buffer.from(hex.replaceAll('-', ''), 'hex'));
        v.setUuid(u);
      });
    expect(toUUIDString(await roundTrip('c_uuid', uuid('00112233-4455-6677-8899-aabbccddeeff')))).toBe(
      '00112233-4455-6677-8899-aabbccddeeff',
    );
    expect(toUUIDString(await roundTrip('c_timeuuid', uuid('d2177dd0-eaa2-11e5-a8ee-0800200c9a66')))).toBe(
      'd2177dd0-eaa2-11e5-a8ee-0800200c9a66',
    );
    const inet = await roundTrip(
      'c_inet',
      value((v) => {
        const i = new Inet();
        i.setValue(new Uint8Array([10, 0, 0, 1]));
        v.setInet(i);
      }),
    );
    expect([...(inet.getInet()?.getValue_asU8() ?? [])]).toEqual([10, 0, 0, 1]);
  });

  it('date, time, varint and decimal', async () => {
    const date = 2 ** 31 + 19_723; // 2024-01-01
    expect(
      (
        await roundTrip(
          'c_date',
          value((v) => v.setDate(date)),
        )
      ).getDate(),
    ).toBe(date);
    expect(
      toCQLTime(
        await roundTrip(
          'c_time',
          value((v) => v.setTime(86_399_999_999_999)),
        ),
      ),
    ).toBe(86_399_999_999_999);
    const huge = bigintToBytes(-(10n ** 30n) + 7n);
    const varint = await roundTrip(
      'c_varint',
      value((v) => {
        const x = new Varint();
        x.setValue(huge);
        v.setVarint(x);
      }),
    );
    expect(Buffer.from(varint.getVarint()!.getValue_asU8())).toEqual(huge);
    const unscaled = bigintToBytes(123456789012345678901234567890n);
    const decimal = await roundTrip(
      'c_decimal',
      value((v) => {
        const d = new Decimal();
        d.setScale(10);
        d.setValue(unscaled);
        v.setDecimal(d);
      }),
    );
    expect(decimal.getDecimal()?.getScale()).toBe(10);
    expect(Buffer.from(decimal.getDecimal()!.getValue_asU8())).toEqual(unscaled);
  });

  it('list, set, map, tuple, UDT and vector', async () => {
    const ints = (await roundTrip('c_list', collection([int(3), int(1), int(3)]))).getCollection();
    expect(ints?.getElementsList().map((e) => e.getInt())).toEqual([3, 1, 3]);
    const set = (await roundTrip('c_set', collection([text('b'), text('a')]))).getCollection();
    expect(set?.getElementsList().map((e) => e.getString())).toEqual(['a', 'b']);
    const map = (
      await roundTrip('c_map', collection([int(2), text('two'), int(1), text('one')]))
    ).getCollection();
    expect(map?.getElementsList().map((e) => e.getInt() || e.getString())).toEqual([1, 'one', 2, 'two']);
    const tuple = (
      await roundTrip('c_tuple', collection([int(7), text('x'), value((v) => v.setBoolean(false))]))
    ).getCollection();
    expect(tuple?.getElementsList().map((e) => e.getInnerCase())).toEqual([
      Value.InnerCase.INT,
      Value.InnerCase.STRING,
      Value.InnerCase.BOOLEAN,
    ]);
    const udt = new UdtValue();
    udt.getFieldsMap().set('street', text('Main St'));
    udt.getFieldsMap().set('zip', int(12345));
    const fields = (
      await roundTrip(
        'c_udt',
        value((v) => v.setUdt(udt)),
      )
    )
      .getUdt()
      ?.getFieldsMap();
    expect(fields?.get('street')?.getString()).toBe('Main St');
    expect(fields?.get('zip')?.getInt()).toBe(12345);
    const floats = [0.5, -1, 2.25].map((f) => value((v) => v.setFloat(f)));
    const vector = (await roundTrip('c_vector', collection(floats))).getCollection();
    expect(vector?.getElementsList().map((e) => e.getFloat())).toEqual([0.5, -1, 2.25]);
  });

  it('null, and a duration written as a CQL literal (this client has no Duration value)', async () => {
    expect(
      (
        await roundTrip(
          'c_int',
          value((v) => v.setNull(new Value.Null())),
        )
      ).hasNull(),
    ).toBe(true);
    await exec(`INSERT INTO ${ks}.all_types (k, c_duration) VALUES ('d', 1mo2d3ns)`);
    const res = await exec(`SELECT c_duration FROM ${ks}.all_types WHERE k = 'd'`);
    // Value.duration (field 17) is newer than client 0.2.3: it reads the value as not set.
    expect(res.getResultSet()?.getRowsList()[0]?.getValuesList()[0]?.getInnerCase()).toBe(
      Value.InnerCase.INNER_NOT_SET,
    );
    // Nor TypeSpec.Basic.DURATION: the number (21) comes through.
    expect(res.getResultSet()?.getColumnsList()[0]?.getType()?.getBasic()).toBe(21);
  });

  it('describes result columns with their types', async () => {
    const res = await exec(`SELECT k, c_text, c_bigint, c_list, c_map, c_udt FROM ${ks}.all_types LIMIT 1`);
    const columns = res.getResultSet()?.getColumnsList() ?? [];
    expect(columns.map((c) => c.getName())).toEqual(['k', 'c_text', 'c_bigint', 'c_list', 'c_map', 'c_udt']);
    expect(columns[1]?.getType()?.getBasic()).toBe(TypeSpec.Basic.VARCHAR);
    expect(columns[2]?.getType()?.getBasic()).toBe(TypeSpec.Basic.BIGINT);
    expect(columns[3]?.getType()?.getList()?.getElement()?.getBasic()).toBe(TypeSpec.Basic.INT);
    expect(columns[4]?.getType()?.getMap()?.getValue()?.getBasic()).toBe(TypeSpec.Basic.VARCHAR);
    // This client's TypeSpec.Udt predates the name field; the fields come through.
    expect(columns[5]?.getType()?.getUdt()?.getFieldsMap().get('zip')?.getBasic()).toBe(TypeSpec.Basic.INT);
  });
});

describe('paging, batches and tracing', () => {
  it('runs a logged batch with bind values', async () => {
    const batch = new Batch();
    batch.setType(Batch.Type.LOGGED);
    batch.setQueriesList([
      batchQuery(`INSERT INTO ${ks}.rows (p, c, v) VALUES (?, ?, ?)`, [int(1), int(1), text('one')]),
      batchQuery(`INSERT INTO ${ks}.rows (p, c, v) VALUES (?, ?, ?)`, [int(1), int(2), text('two')]),
      batchQuery(`UPDATE ${ks}.rows SET v = ? WHERE p = ? AND c = ?`, [text('three'), int(1), int(3)]),
    ]);
    const response = await stargate.api.executeBatch(batch, auth);
    expect(response.getResultSet()).toBeUndefined();
    const res = await exec(`SELECT v FROM ${ks}.rows WHERE p = 1`);
    expect(
      res
        .getResultSet()
        ?.getRowsList()
        .map((r) => r.getValuesList()[0]?.getString()),
    ).toEqual(['one', 'two', 'three']);
  });

  it('pages with the page size asked for, and 100 rows by default', async () => {
    const batch = new Batch();
    batch.setType(Batch.Type.UNLOGGED);
    batch.setQueriesList(
      Array.from({ length: 150 }, (_, i) =>
        batchQuery(`INSERT INTO ${ks}.rows (p, c, v) VALUES (2, ?, 'x')`, [int(i)]),
      ),
    );
    await stargate.api.executeBatch(batch, auth);

    const seen: number[] = [];
    let pagingState: Uint8Array | undefined;
    let pages = 0;
    do {
      const res = await exec(`SELECT c FROM ${ks}.rows WHERE p = 2`, [], { pageSize: 60, pagingState });
      const rs = res.getResultSet()!;
      seen.push(...rs.getRowsList().map((r) => r.getValuesList()[0]!.getInt()));
      pagingState = rs.getPagingState()?.getValue_asU8();
      pages++;
    } while (pagingState && pagingState.length > 0);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => i));

    const first = (await exec(`SELECT c FROM ${ks}.rows WHERE p = 2`)).getResultSet()!;
    expect(first.getRowsList()).toHaveLength(100);
    expect(first.getPagingState()?.getValue_asU8().length).toBeGreaterThan(0);
  });

  it('returns traces when the query asks for tracing', async () => {
    const res = await exec(`SELECT v FROM ${ks}.rows WHERE p = 1`, [], { tracing: true });
    expect(res.getTraces()?.getId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.getTraces()?.getEventsList().length).toBeGreaterThan(0);
    const untraced = await exec(`SELECT v FROM ${ks}.rows WHERE p = 1`);
    expect(untraced.getTraces()).toBeUndefined();
  });
});

describe('streaming calls with the client’s messages', () => {
  it('ExecuteQueryStream answers each query in order; a failed one gets a status and the stream goes on', async () => {
    const stream = openStream(stargate.client, 'ExecuteQueryStream', auth);
    const { replies, error } = await runStream(stream, [
      query(`INSERT INTO ${ks}.rows (p, c, v) VALUES (3, 1, 'streamed')`),
      query(`SELEC v FROM ${ks}.rows`),
      query(`SELECT v FROM rows WHERE p = ?`, [int(1)], { keyspace: ks }),
      query(`SELECT v FROM ${ks}.rows WHERE p = ?`, [text('not an int')]),
      query(`CREATE TABLE ${ks}.rows (p int PRIMARY KEY)`),
    ]);
    expect(error).toBeUndefined();
    expect(replies).toHaveLength(5);
    expect(replies[0]?.response?.getResultSet()).toBeUndefined();
    expect(replies[1]?.status?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(replies[1]?.status?.message).toMatch(/^INVALID_ARGUMENT: line 1:0/);
    expect(replies[2]?.response?.getResultSet()?.getRowsList()).toHaveLength(3);
    expect(replies[3]?.status?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(replies[3]?.status?.message).toContain('expected int, got a string value');
    // Details as Any: Stargate's google.rpc.ErrorInfo first, then the error's detail message.
    const exists = replies[4]?.status;
    expect(exists?.code).toBe(GrpcStatus.ALREADY_EXISTS);
    expect(exists?.details?.map((d) => d.type_url)).toEqual([
      'type.googleapis.com/google.rpc.ErrorInfo',
      'type.googleapis.com/stargate.AlreadyExists',
    ]);
    const detail = AlreadyExists.deserializeBinary(new Uint8Array(exists!.details![1]!.value!));
    expect([detail.getKeyspace(), detail.getTable()]).toEqual([ks, 'rows']);
  });

  it('ExecuteBatchStream answers each batch; a failed one gets a status and the stream goes on', async () => {
    const batchOf = (...queries: BatchQuery[]) => {
      const b = new Batch();
      b.setQueriesList(queries);
      return b;
    };
    const insert = (c: number) => batchQuery(`INSERT INTO ${ks}.rows (p, c, v) VALUES (4, ?, 'b')`, [int(c)]);
    const stream = openStream(stargate.client, 'ExecuteBatchStream', auth);
    const { replies, error } = await runStream(stream, [
      batchOf(insert(1), insert(2)),
      batchOf(insert(3), batchQuery(`INSERT INTO ${ks}.nope (p) VALUES (1)`, [])),
      batchOf(insert(4)),
    ]);
    expect(error).toBeUndefined();
    expect(replies.map((r) => (r.response ? 'response' : r.status?.code))).toEqual([
      'response',
      GrpcStatus.INVALID_ARGUMENT,
      'response',
    ]);
    const res = await exec(`SELECT c FROM ${ks}.rows WHERE p = 4`);
    expect(
      res
        .getResultSet()
        ?.getRowsList()
        .map((r) => r.getValuesList()[0]?.getInt()),
    ).toEqual([1, 2, 4]);
  });
});

describe('the errors a Stargate user sees', () => {
  it('INVALID_ARGUMENT with Cassandra’s message for invalid CQL and an unknown keyspace', async () => {
    const syntax = await callError(exec('SELEC * FROM system.local'));
    expect(syntax.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(syntax.details).toMatch(/^line 1:0 no viable alternative at input 'SELEC'/);
    const keyspace = await callError(exec('SELECT * FROM no_such_keyspace.t'));
    expect(keyspace.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(keyspace.details).toMatch(/keyspace no_such_keyspace does not exist/i);
  });

  it('ALREADY_EXISTS with the stargate.AlreadyExists trailer the client decodes', async () => {
    const err = await callError(exec(`CREATE TABLE ${ks}.rows (p int PRIMARY KEY)`));
    expect(err.code).toBe(GrpcStatus.ALREADY_EXISTS);
    expect(err.details).toContain(`Cannot add already existing table "rows" to keyspace "${ks}"`);
    const trailer = err.metadata.get('stargate.alreadyexists-bin')[0] as Buffer;
    const detail = AlreadyExists.deserializeBinary(new Uint8Array(trailer));
    expect([detail.getKeyspace(), detail.getTable()]).toEqual([ks, 'rows']);
  });

  it('UNAUTHENTICATED without a token, and with a token the bridge does not know', async () => {
    const missing = await callError(stargate.api.executeQuery(query('SELECT * FROM system.local')));
    expect(missing.code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect(missing.details).toBe('No token provided');
    const unknown = await authMetadata('9b1a6d0e-2f1c-4a57-9a0c-7b8c2f2d3e4f');
    const bad = await callError(stargate.api.executeQuery(query('SELECT * FROM system.local'), unknown));
    expect(bad.code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect(bad.details).toBe('Invalid token');
  });
});
