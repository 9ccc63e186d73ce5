// Every CQL type through the REST API's JSON and back, against real Cassandra: boundary values
// (bigint min/max, huge varint/decimal, dates before 1970, NaN/Infinity), both map shapes, and
// Stargate's stringified (CQL literal) input forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

let api: RestApi;
const ks = uniqueKeyspaceName('rest_types');
const table = `/v2/keyspaces/${ks}/all_types`;

const columns: Record<string, string> = {
  id: 'int',
  a_ascii: 'ascii',
  a_bigint: 'bigint',
  a_blob: 'blob',
  a_boolean: 'boolean',
  a_date: 'date',
  a_decimal: 'decimal',
  a_double: 'double',
  a_duration: 'duration',
  a_float: 'float',
  a_inet: 'inet',
  a_int: 'int',
  a_smallint: 'smallint',
  a_text: 'text',
  a_time: 'time',
  a_timestamp: 'timestamp',
  a_timeuuid: 'timeuuid',
  a_tinyint: 'tinyint',
  a_uuid: 'uuid',
  a_varint: 'varint',
  a_list: 'list<int>',
  a_set: 'set<text>',
  a_map: 'map<text, int>',
  a_intmap: 'map<int, text>',
  a_tuple: 'tuple<int, text, boolean>',
  a_udt: 'frozen<address>',
  a_vector: 'vector<float, 3>',
  a_frozen: 'frozen<list<bigint>>',
  a_nested: 'map<text, frozen<list<timestamp>>>',
};

beforeAll(async () => {
  api = await startRestApi();
  expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  const udt = await api.post(`/v2/schemas/keyspaces/${ks}/types`, {
    name: 'address',
    fields: [
      { name: 'street', typeDefinition: 'text' },
      { name: 'zip', typeDefinition: 'int' },
    ],
  });
  expect(udt.status, udt.text).toBe(201);
  const created = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'all_types',
    columnDefinitions: Object.entries(columns).map(([name, typeDefinition]) => ({ name, typeDefinition })),
    primaryKey: { partitionKey: ['id'] },
  });
  expect(created.status, created.text).toBe(201);
});

afterAll(async () => {
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.close();
});

/** Writes the row as JSON text and reads it back as JSON text (exact digits on both sides). */
async function roundTrip(id: number, rowJson: string, query = ''): Promise<string> {
  const created = await api.request('POST', `${table}${query}`, rowJson);
  expect(created.status, created.text).toBe(201);
  const fields = Object.keys(JSON.parse(rowJson)).join(',');
  const read = await api.get(`${table}/${id}?raw=true&fields=${fields}${query ? `&${query.slice(1)}` : ''}`);
  expect(read.status, read.text).toBe(200);
  return read.text;
}

describe('every CQL type through JSON', () => {
  it('round-trips scalar values exactly, including boundary values', async () => {
    const row =
      '{"id":1,"a_ascii":"plain","a_bigint":-9223372036854775808,"a_blob":"AAEC/w==","a_boolean":true,' +
      '"a_date":"1901-12-13","a_decimal":-12345678901234567890123456789012345678.90123456789,' +
      '"a_double":1.7976931348623157e+308,"a_duration":"1y2mo3d4h5m6s7ms8us9ns","a_float":0.1,' +
      '"a_inet":"2001:db8::8a2e:370:7334","a_int":-2147483648,"a_smallint":32767,"a_text":"héllo \\"w\\" ✓",' +
      '"a_time":"23:59:59.999999999","a_timestamp":"1969-07-20T20:17:40.123Z",' +
      '"a_timeuuid":"d2177dd0-eaa2-11de-a572-001b779c76e3","a_tinyint":-128,' +
      '"a_uuid":"123e4567-e89b-12d3-a456-426614174000","a_varint":123456789012345678901234567890123456789012345678901234567890}';
    expect(await roundTrip(1, row)).toBe(`[${row}]`);
  });

  it('keeps bigint max and reads timestamps from epoch millis and offsets', async () => {
    const out = await roundTrip(
      2,
      '{"id":2,"a_bigint":9223372036854775807,"a_timestamp":-86400000,"a_date":"0001-01-01"}',
    );
    expect(out).toBe(
      '[{"id":2,"a_bigint":9223372036854775807,"a_timestamp":"1969-12-31T00:00:00Z","a_date":"0001-01-01"}]',
    );
    const offset = await roundTrip(3, '{"id":3,"a_timestamp":"2024-05-01T10:00:00+02:00","a_time":"10:00"}');
    expect(offset).toBe('[{"id":3,"a_timestamp":"2024-05-01T08:00:00Z","a_time":"10:00"}]');
  });

  it('stores NaN and ±Infinity given as strings, and writes them back as strings', async () => {
    expect(await roundTrip(4, '{"id":4,"a_float":"NaN","a_double":"-Infinity"}')).toBe(
      '[{"id":4,"a_float":"NaN","a_double":"-Infinity"}]',
    );
    expect(await roundTrip(5, '{"id":5,"a_float":"Infinity","a_double":"NaN"}')).toBe(
      '[{"id":5,"a_float":"Infinity","a_double":"NaN"}]',
    );
  });

  it('round-trips collections, tuples, UDTs and vectors', async () => {
    const row =
      '{"id":6,"a_list":[3,1,2],"a_set":["b","a"],"a_map":{"x":1,"y":-2},"a_intmap":{"1":"one","20":"twenty"},' +
      '"a_tuple":[7,"seven",false],"a_udt":{"street":"Main St","zip":12345},"a_vector":[0.5,-1.25,3],' +
      '"a_frozen":[9223372036854775807,-1],"a_nested":{"k":["2024-01-01T00:00:00Z"]}}';
    const out = await roundTrip(6, row);
    // Sets come back sorted, as Cassandra stores them.
    expect(out).toBe(`[${row.replace('"a_set":["b","a"]', '"a_set":["a","b"]')}]`);
  });

  it('reads and writes maps as key/value entries when compactMapData=false', async () => {
    const row = '{"id":7,"a_map":[{"key":"x","value":1}],"a_intmap":[{"key":5,"value":"five"}]}';
    expect(await roundTrip(7, row, '?compactMapData=false')).toBe(`[${row}]`);
    const compact = await api.get(`${table}/7?raw=true&fields=a_map,a_intmap`);
    expect(compact.text).toBe('[{"a_map":{"x":1},"a_intmap":{"5":"five"}}]');
  });

  it("accepts Stargate's stringified values (CQL literal syntax, optional single quotes)", async () => {
    const row = {
      id: 8,
      a_int: '42',
      a_text: "'it''s'",
      a_bigint: '-7',
      a_list: '[1, 2]',
      a_set: "{'p', 'q'}",
      a_map: "{'a': 1}",
      a_tuple: "(1, 'one', true)",
      a_udt: "{street: 'Elm', zip: 10}",
      a_boolean: 'FALSE',
    };
    expect(JSON.parse(await roundTrip(8, JSON.stringify(row)))).toEqual([
      {
        id: 8,
        a_int: 42,
        a_text: "it's",
        a_bigint: -7,
        a_list: [1, 2],
        a_set: ['p', 'q'],
        a_map: { a: 1 },
        a_tuple: [1, 'one', true],
        a_udt: { street: 'Elm', zip: 10 },
        a_boolean: false,
      },
    ]);
  });

  it('writes null for unset columns and stores null when asked', async () => {
    await api.post(table, { id: 9, a_text: 'x', a_int: 5 });
    expect((await api.request('PATCH', `${table}/9`, { a_int: null })).status).toBe(200);
    expect((await api.get(`${table}/9?raw=true&fields=a_text,a_int,a_udt`)).text).toBe(
      '[{"a_text":"x","a_int":null,"a_udt":null}]',
    );
  });
});

describe('values of the wrong type name the column and the CQL type', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a_int', 2147483648, 'int (a whole number from -2147483648 to 2147483647), got Number 2147483648'],
    [
      'a_bigint',
      1.5,
      'bigint (a whole number from -9223372036854775808 to 9223372036854775807), got Number 1.5',
    ],
    ['a_uuid', 'nope', 'uuid (a string such as "123e4567-e89b-12d3-a456-426614174000"), got String "nope"'],
    ['a_date', '2024-13-01', 'date (a string "yyyy-mm-dd"), got String "2024-13-01"'],
    ['a_list', { a: 1 }, 'list<int> (a JSON array), got an object'],
    ['a_vector', [1, 2], 'vector<float, 3> (an array of 3 numbers), got an array of 2'],
    ['a_boolean', 'yes', 'boolean (true or false), got String "yes"'],
    ['a_blob', 42, 'blob (a base64 string), got Number 42'],
  ];
  for (const [column, value, expected] of cases) {
    it(`${column} = ${JSON.stringify(value)}`, async () => {
      const res = await api.post(table, { id: 100, [column]: value });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        description: `Invalid value for column '${column}': expected ${expected}`,
        code: 400,
      });
    });
  }

  it('locates a bad element inside a collection or UDT', async () => {
    const list = await api.post(table, { id: 100, a_list: [1, 'two'] });
    expect(list.body.description).toBe(
      'Invalid value for column \'a_list\' (at [1]): expected int (a whole number from -2147483648 to 2147483647), got String "two"',
    );
    const udt = await api.post(table, { id: 100, a_udt: { street: 'x', city: 'y' } });
    expect(udt.body.description).toBe(
      "Invalid value for column 'a_udt' (at .city): expected frozen<address> (an object with fields street, zip), got unknown field 'city'",
    );
  });
});
