// Reads the bridge answers from the bytes Cassandra sent (rawCellsOptions: a kept cell is where its
// bytes are in the frame) must make the same reply
// bytes as reads through the driver's own Rows, for every type a table can hold: here with the real
// driver against real Cassandra, over several pages, with nulls, empty values and the edges of
// each type.
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../services/bridge/src/cassandra/create-client.js';
import { rawCellsOptions, rawPageState } from '../../../services/bridge/src/cassandra/driver-internals.js';
import { encodeResultSet } from '../../../services/bridge/src/query/encode-result-set.js';
import { cassandraContactPoints } from '../../support/cassandra-client.js';
import { createTestKeyspace, type TestKeyspace } from '../../support/keyspace.js';

const COLUMNS = [
  'i int',
  'ti tinyint',
  'si smallint',
  'bi bigint',
  'ts timestamp',
  'f float',
  'd double',
  'b boolean',
  't text',
  'a ascii',
  'bl blob',
  'u uuid',
  'tu timeuuid',
  'vi varint',
  'de decimal',
  'dt date',
  'tm time',
  'ip inet',
  'du duration',
  'l list<int>',
  's set<text>',
  'm map<text, bigint>',
  'tp tuple<int, text>',
  'v vector<float, 3>',
];

// Each row: a CQL literal per column (null: not written), covering edges and empty values (an
// empty int is a value Cassandra keeps: the driver reads it as null).
const ROWS: string[][] = [
  [
    '-2147483648',
    '-128',
    '-32768',
    '-9223372036854775808',
    "'1970-01-01T00:00:00.000Z'",
    '-3.4e38',
    '-1.7e308',
    'false',
    "''",
    "''",
    '0x',
    'uuid()',
    'now()',
    '-123456789012345678901234567890',
    '-0.000001',
    "'1970-01-01'",
    "'00:00:00'",
    "'::1'",
    '1y2mo3d',
    '[]',
    '{}',
    '{}',
    "(0, '')",
    '[0, 0, 0]',
  ],
  [
    '2147483647',
    '127',
    '32767',
    '9223372036854775807',
    "'9999-12-31T23:59:59.999Z'",
    '3.4e38',
    '1.7e308',
    'true',
    "'héllo ☃ 𝄞'",
    "'plain'",
    '0xdeadbeef',
    '00000000-0000-0000-0000-000000000000',
    'now()',
    '1',
    '3.14',
    "'2262-04-11'",
    "'23:59:59.999999999'",
    "'10.0.0.1'",
    '-5ns',
    '[1, 2, 3]',
    "{'a', 'b'}",
    "{'x': -1, 'y': 1}",
    "(1, 'one')",
    '[1.5, -2.5, 3]',
  ],
  [
    'blobAsInt(0x)',
    // tinyint and smallint have no empty value.
    'null',
    'null',
    'blobAsBigint(0x)',
    'blobAsTimestamp(0x)',
    'blobAsFloat(0x)',
    'blobAsDouble(0x)',
    'blobAsBoolean(0x)',
    "''",
    "''",
    '0x',
    'blobAsUuid(0x)',
    'blobAsTimeuuid(0x)',
    'blobAsVarint(0x)',
    'blobAsDecimal(0x)',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
  ],
  [
    '7',
    'null',
    'null',
    'null',
    '-9223372036854775807',
    'NaN',
    'Infinity',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
    'null',
  ],
];

describe('bridge reads with raw cells', () => {
  const client = createClient({
    contactPoints: cassandraContactPoints(),
    localDatacenter: 'datacenter1',
    username: 'cassandra',
    password: 'cassandra',
    requestTimeoutMs: 30_000,
    speculativeDelayMs: 500,
    maxPreparedStatements: 100,
  });
  let keyspace: TestKeyspace;
  let table: string;

  beforeAll(async () => {
    await client.connect();
    keyspace = await createTestKeyspace(client, 'raw cells');
    table = `${keyspace.name}.everything`;
    await client.execute(
      `CREATE TABLE ${table} (pk int, ck int, ${COLUMNS.join(', ')}, PRIMARY KEY (pk, ck))`,
    );
    const names = COLUMNS.map((c) => c.split(' ')[0]);
    // 60 rows: the four above again and again, clustered in one partition.
    for (let ck = 0; ck < 60; ck++) {
      const literals = ROWS[ck % ROWS.length]!;
      const written = names.filter((_, i) => literals[i] !== 'null');
      const values = literals.filter((l) => l !== 'null');
      await client.execute(
        `INSERT INTO ${table} (pk, ck, ${written.join(', ')}) VALUES (1, ${ck}, ${values.join(', ')})`,
      );
    }
  }, 120_000);
  afterAll(async () => {
    await keyspace?.drop();
    await client.shutdown();
  });

  const sign = (state: Buffer) => Buffer.concat([Buffer.from('signed:'), state]);

  it.each([
    ['unprepared', false],
    ['prepared', true],
  ])('%s, page by page: rows of cells, and the same reply bytes as Rows give', async (_case, prepare) => {
    const cql = prepare ? `SELECT * FROM ${table} WHERE pk = ?` : `SELECT * FROM ${table} WHERE pk = 1`;
    const params = prepare ? [1] : [];
    let pageState: string | undefined;
    let pages = 0;
    let rawCellsSeen = 0;
    do {
      const options: cassandra.QueryOptions = { prepare, fetchSize: 17, ...(pageState ? { pageState } : {}) };
      const viaRows = await client.execute(cql, params, { ...options });
      const viaCells = await client.execute(cql, params, rawCellsOptions({ ...options }));
      expect(viaCells.rows.length).toBe(viaRows.rows.length);
      for (const row of viaCells.rows as unknown as unknown[][]) {
        expect(Array.isArray(row)).toBe(true);
        rawCellsSeen += row.filter((cell) => typeof cell === 'number').length;
      }
      for (const skipMetadata of [false, true]) {
        const expected = encodeResultSet(viaRows, skipMetadata, sign).bytes;
        const actual = encodeResultSet(viaCells, skipMetadata, sign).bytes;
        expect(actual.equals(expected)).toBe(true);
      }
      pageState = rawPageState(viaRows)?.toString('hex');
      expect(rawPageState(viaCells)?.toString('hex')).toBe(pageState);
      pages++;
    } while (pageState);
    expect(pages).toBe(4);
    expect(rawCellsSeen).toBeGreaterThan(60 * 5);
  });

  it('leaves every other read with the driver’s Rows', async () => {
    const rs = await client.execute(`SELECT i, t FROM ${table} WHERE pk = 1 LIMIT 2`);
    expect(rs.rows[0]?.get('i')).toBe(-2147483648);
    expect(rs.first()?.keys()).toStrictEqual(['i', 't']);
  });
});
