// Every CQL type through the CQL-first schema: written as GraphQL literals and as JSON variables,
// read back in Stargate's output forms, big numbers exact.
import { describe, expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_scalars', (ks) => [
  `CREATE TYPE ${ks}.address (street text, zip int)`,
  `CREATE TABLE ${ks}.scalars (id int PRIMARY KEY, a ascii, bi bigint, bl blob, bo boolean, de decimal, do double,
     fl float, i int, ts timestamp, u uuid, t text, vi varint, tu timeuuid, ine inet, da date, ti time, si smallint,
     tin tinyint, du duration, li list<int>, se set<text>, ma map<text, int>, tup tuple<int, text>,
     addr frozen<address>, addrs list<frozen<address>>, vec vector<float, 3>)`,
  `CREATE TABLE ${ks}.counters (id int PRIMARY KEY, c counter)`,
]);

const ALL_FIELDS = `id a bi bl bo de do fl i ts u t vi tu ine da ti si tin du li se ma { key value } tup { item0 item1 }
  addr { street zip } addrs { street zip } vec`;

const expected = {
  a: 'plain ascii',
  bi: '9223372036854775807',
  bl: 'yv4=',
  bo: true,
  de: '123456789012345678901234567890.123456789',
  do: Math.PI,
  fl: 3.14,
  i: 2147483647,
  ts: '2011-02-03T04:05:06.789Z',
  u: 'fe86cad0-1965-11eb-84e6-ab660d2e8c9e',
  t: 'héllo ✓',
  vi: '-123456789012345678901234567890',
  tu: 'fe86cad0-1965-11eb-84e6-ab660d2e8c9e',
  ine: '192.168.0.1',
  da: '2020-10-21',
  ti: '10:15:30.123456789',
  si: -32768,
  tin: 127,
  du: '1h4m48s20ms',
  li: [1, 2, 3],
  se: ['a', 'b'],
  ma: [
    { key: 'k1', value: 1 },
    { key: 'k2', value: 2 },
  ],
  tup: { item0: 7, item1: 'seven' },
  addr: { street: 'Main St', zip: 12345 },
  addrs: [
    { street: 'A', zip: 1 },
    { street: 'B', zip: null },
  ],
  vec: [1, 2.5, -3],
};

async function readRow(id: number) {
  const r = await fx.dml(`{ scalars(value: {id: ${id}}) { values { ${ALL_FIELDS} } } }`);
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.scalars.values[0];
}

describe('every CQL type round-trips', () => {
  test('written as GraphQL literals', async () => {
    const r = await fx.dml(`mutation {
      insertscalars(value: {
        id: 1, a: "plain ascii", bi: "9223372036854775807", bl: "yv4=", bo: true,
        de: "123456789012345678901234567890.123456789", do: ${Math.PI}, fl: 3.14, i: 2147483647,
        ts: "2011-02-03 04:05:06.789+0000", u: "fe86cad0-1965-11eb-84e6-ab660d2e8c9e", t: "héllo ✓",
        vi: -123456789012345678901234567890, tu: "fe86cad0-1965-11eb-84e6-ab660d2e8c9e", ine: "192.168.0.1",
        da: "2020-10-21", ti: "10:15:30.123456789", si: -32768, tin: 127, du: "1h4m48s20ms",
        li: [1, 2, 3], se: ["b", "a", "a"], ma: [{key: "k2", value: 2}, {key: "k1", value: 1}],
        tup: {item0: 7, item1: "seven"}, addr: {street: "Main St", zip: 12345},
        addrs: [{street: "A", zip: 1}, {street: "B"}], vec: [1, 2.5, -3]
      }) { applied value { id bi vi de } }
    }`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      data: {
        insertscalars: {
          applied: true,
          value: { id: 1, bi: '9223372036854775807', vi: '-123456789012345678901234567890', de: expected.de },
        },
      },
    });
    expect(await readRow(1)).toEqual({ id: 1, ...expected });
  });

  test('written as JSON variables (big numbers as strings)', async () => {
    const value = {
      ...expected,
      id: 2,
      ts: 1296705906789,
      ma: [...expected.ma].reverse(),
      da: 2147502204, // day number form: 2020-10-21
      ti: '10:15:30.123456789',
      ine: '::ffff:192.168.0.1',
    };
    const r = await fx.dml('mutation($v: scalarsInput!) { insertscalars(value: $v) { applied } }', {
      v: value,
    });
    expect(r.body).toEqual({ data: { insertscalars: { applied: true } } });
    expect(await readRow(2)).toEqual({ id: 2, ...expected, ine: '::ffff:c0a8:1' });
  });

  test('repeating a query gives the same answer (once seen twice it runs JIT-compiled)', async () => {
    const first = await readRow(1);
    const second = await readRow(1);
    const third = await readRow(1);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
  });

  test('nulls and server-generated ids: uuid(), now()', async () => {
    const r = await fx.dml(
      'mutation { insertscalars(value: {id: 3, u: "uuid()", tu: "now()", t: null}) { applied value { u tu } } }',
    );
    expect(r.body.errors).toBeUndefined();
    const row = await readRow(3);
    expect(row.u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(row.tu).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(row.t).toBeNull();
    expect(row.li).toBeNull();
    expect(row.addr).toBeNull();
  });

  test('extreme integers stay exact', async () => {
    const r = await fx.dml(`mutation {
      insertscalars(value: {id: 4, bi: -9223372036854775808, vi: "98765432109876543210987654321098765432109876543210",
        de: "-0.000000000000000000000000001", fl: 16777217}) { applied }
    }`);
    expect(r.body.errors).toBeUndefined();
    const row = await readRow(4);
    expect(row.bi).toBe('-9223372036854775808');
    expect(row.vi).toBe('98765432109876543210987654321098765432109876543210');
    expect(row.de).toBe('-0.000000000000000000000000001');
    expect(row.fl).toBe(16777216);
  });

  test('counter columns are incremented by update', async () => {
    for (const delta of ['9007199254740993', '-3']) {
      const r = await fx.dml(`mutation { updatecounters(value: {id: 1, c: "${delta}"}) { applied } }`);
      expect(r.body).toEqual({ data: { updatecounters: { applied: true } } });
    }
    const r = await fx.dml('{ counters(value: {id: 1}) { values { id c } } }');
    expect(r.body.data!.counters.values).toEqual([{ id: 1, c: '9007199254740990' }]);
  });
});

describe('a value that does not fit its scalar is refused, naming the scalar and the value', () => {
  const cases: Array<[string, string, string]> = [
    ['u', '"not-a-uuid"', 'Uuid'],
    ['tu', '"fe86cad0-1965-41eb-84e6-ab660d2e8c9e"', 'TimeUuid'],
    ['ine', '"300.1.1.1"', 'Inet'],
    ['da', '"2020-13-45"', 'Date'],
    ['ti', '"25:00"', 'Time'],
    ['ts', '"yesterday"', 'Timestamp'],
    ['du', '"1 hour"', 'Duration'],
    ['bi', '9223372036854775808', 'BigInt'],
    ['vi', '"12x"', 'Varint'],
    ['de', '"1.2.3"', 'Decimal'],
    ['si', '32768', 'SmallInt'],
    ['tin', '-129', 'TinyInt'],
    ['bl', '"not base64!"', 'Blob'],
    ['a', '"é"', 'Ascii'],
    ['fl', '"1.5"', 'Float32'],
  ];
  test.each(cases)('%s: %s is not a %s (literal)', async (field, literal, scalar) => {
    const r = await fx.dml(`mutation { insertscalars(value: {id: 9, ${field}: ${literal}}) { applied } }`);
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    const message = r.body.errors![0]!.message;
    expect(message).toContain(scalar);
    expect(message).toContain(literal.replace(/^"|"$/g, ''));
  });

  test('as a variable, the path to the bad value is named too', async () => {
    const r = await fx.dml('mutation($v: scalarsInput!) { insertscalars(value: $v) { applied } }', {
      v: { id: 9, li: [1, 2], ma: [{ key: 'k', value: 1 }], u: 'nope' },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.message).toMatch(/\$v.*"nope".*v\.u.*Uuid/s);
  });

  test('a JSON integer beyond 2^53 is refused rather than stored rounded', async () => {
    const r = await fx.dml('mutation($v: scalarsInput!) { insertscalars(value: $v) { applied } }', {
      // What JSON.parse makes of 9223372036854775807: a double that is no longer that number.
      v: { id: 9, bi: Number('9223372036854775807') },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.message).toContain('send the value as a string');
  });
});
