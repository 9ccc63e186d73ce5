// Stargate's aggregations in the CQL-first schema: every aggregation field with every function,
// groupBy on partition and clustering columns, exact big numbers, and bad arguments refused with
// BAD_USER_INPUT.
import { beforeAll, describe, expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_aggregations', (ks) => [
  `CREATE TABLE ${ks}.readings (sensor text, day int, seq int, i int, d double, b bigint, dec decimal,
     v varint, f float, s smallint, t tinyint, PRIMARY KEY ((sensor), day, seq))`,
]);

const TWO_53 = 2n ** 53n;
const TWO_64 = 2n ** 64n;

// Sensor a: two days; b: one row. Big values sit beyond 2^53 (bigint) and 2^64 (varint).
const rows = [
  ['a', 1, 1, 1, 0.5, `${TWO_53 + 1n}`, '0.1', `${TWO_64 + 1n}`, 1.5, 100, 10],
  ['a', 1, 2, 2, 1.5, `${TWO_53 + 3n}`, '0.2', `${TWO_64 + 3n}`, 2.5, 200, 20],
  ['a', 1, 3, 3, 2, '1', '12345678901234567890.123456789', '1', 0.25, 300, 30],
  ['a', 2, 1, 10, 4, '2', '1', '2', 1, -5, -5],
  ['a', 2, 2, 20, 6, '3', '2', '3', 2, 5, 5],
  ['b', 1, 1, 7, 7, '7', '7', '7', 7, 7, 7],
] as const;

beforeAll(async () => {
  const values = rows.map(([sensor, day, seq, i, d, b, dec, v, f, s, t]) => ({
    sensor,
    day,
    seq,
    i,
    d,
    b,
    dec,
    v,
    f,
    s,
    t,
  }));
  const r = await fx.dml('mutation($v: [readingsInput!]) { bulkInsertreadings(values: $v) { applied } }', {
    v: values,
  });
  expect(r.body.errors).toBeUndefined();
});

interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

// biome-ignore lint/suspicious/noExplicitAny: tests walk the JSON they receive freely.
async function values(args: string, fields: string): Promise<any[]> {
  const r = await fx.dml(`{ readings${args ? `(${args})` : ''} { values { ${fields} } } }`);
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.readings.values;
}

async function errorsOf(args: string, fields: string): Promise<GraphqlError[]> {
  const r = await fx.dml(`{ readings${args ? `(${args})` : ''} { values { ${fields} } } }`);
  expect(r.status).toBe(200);
  return (r.body.errors ?? []) as GraphqlError[];
}

describe('each aggregation field with each function, over the column of its type', () => {
  // Sensor a's five rows; results as Cassandra computes them (integer avg truncates) and as each
  // scalar writes them (BigInt, Decimal and Varint as strings).
  const expected: Record<
    string,
    { column: string; count: unknown; avg: unknown; min: unknown; max: unknown; sum: unknown }
  > = {
    _int_function: { column: 'i', count: 5, avg: 7, min: 1, max: 20, sum: 36 },
    _double_function: { column: 'd', count: 5, avg: 2.8, min: 0.5, max: 6, sum: 14 },
    _bigint_function: {
      column: 'b',
      count: '5',
      avg: `${(2n * TWO_53 + 10n) / 5n}`,
      min: '1',
      max: `${TWO_53 + 3n}`,
      sum: `${2n * TWO_53 + 10n}`,
    },
    _decimal_function: {
      column: 'dec',
      count: '5',
      // Cassandra's own decimal average (it rounds as it goes, to the inputs' scale), passed
      // through digit for digit.
      avg: '2469135780246913578.664691358',
      min: '0.1',
      max: '12345678901234567890.123456789',
      sum: '12345678901234567893.423456789',
    },
    _varint_function: {
      column: 'v',
      count: '5',
      avg: `${(2n * TWO_64 + 10n) / 5n}`,
      min: '1',
      max: `${TWO_64 + 3n}`,
      sum: `${2n * TWO_64 + 10n}`,
    },
    _float_function: { column: 'f', count: 5, avg: 1.45, min: 0.25, max: 2.5, sum: 7.25 },
    _smallint_function: { column: 's', count: 5, avg: 120, min: -5, max: 300, sum: 600 },
    _tinyint_function: { column: 't', count: 5, avg: 12, min: -5, max: 30, sum: 60 },
  };
  const functions = ['count', 'avg', 'min', 'max', 'sum'] as const;

  for (const [field, want] of Object.entries(expected)) {
    test(`${field} on ${want.column}`, async () => {
      const selection = functions
        .map((fn) => `${fn}: ${field}(name: "${fn}", args: ["${want.column}"])`)
        .join(' ');
      const [row] = await values('value: {sensor: "a"}', selection);
      expect(row).toEqual(Object.fromEntries(functions.map((fn) => [fn, want[fn]])));
    });
  }

  test('without an alias the value is under the field name; the function name ignores case', async () => {
    expect(await values('value: {sensor: "a"}', '_int_function(name: "COUNT", args: ["i"])')).toEqual([
      { _int_function: 5 },
    ]);
  });

  test('columns and aggregates together, with variables for the arguments', async () => {
    const r = await fx.dml(
      'query($fn: String!, $col: String!) { readings(value: {sensor: "b"}) { values { sensor total: _int_function(name: $fn, args: [$col]) } } }',
      { fn: 'sum', col: 'i' },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.readings.values).toEqual([{ sensor: 'b', total: 7 }]);
  });
});

describe('an operation run often enough to be compiled (graphql-jit) answers the same', () => {
  test('values and errors alike, run after run', async () => {
    const query =
      '{ readings(value: {sensor: "a"}) { values { total: _varint_function(name: "sum", args: ["v"]) bad: _int_function(name: "avg", args: ["d"]) n: _int_function(name: "count", args: ["i"]) } } }';
    for (let run = 0; run < 5; run++) {
      const r = await fx.dml(query);
      expect(r.body.data!.readings.values, `run ${run}`).toEqual([
        { total: `${2n * TWO_64 + 10n}`, bad: null, n: 5 },
      ]);
      const errors = (r.body.errors ?? []) as GraphqlError[];
      expect(
        errors.map((e) => e.extensions?.code),
        `run ${run}`,
      ).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('groupBy', () => {
  test('on the partition key: one row per sensor', async () => {
    const found = await values(
      'groupBy: {sensor: true}',
      'sensor total: _int_function(name: "sum", args: ["i"]) n: _bigint_function(name: "count", args: ["i"])',
    );
    expect(found.sort((x, y) => x.sensor.localeCompare(y.sensor))).toEqual([
      { sensor: 'a', total: 36, n: '5' },
      { sensor: 'b', total: 7, n: '1' },
    ]);
  });

  test('on the partition key and a clustering column, whatever order the input lists them', async () => {
    expect(
      await values(
        'value: {sensor: "a"}, groupBy: {day: true, sensor: true}',
        'day big: _bigint_function(name: "sum", args: ["b"]) huge: _varint_function(name: "sum", args: ["v"])',
      ),
    ).toEqual([
      { day: 1, big: `${2n * TWO_53 + 5n}`, huge: `${2n * TWO_64 + 5n}` },
      { day: 2, big: '5', huge: '5' },
    ]);
  });

  test('grouping that skips the partition key is refused by Cassandra as bad input', async () => {
    const [error] = await errorsOf(
      'groupBy: {day: true}',
      'day n: _bigint_function(name: "count", args: ["i"])',
    );
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toMatch(/group/i);
  });
});

describe('exact big numbers', () => {
  test('bigint, varint and decimal sums beyond 2^53 keep every digit', async () => {
    const r = await fx.dml(
      '{ readings(value: {sensor: "a", day: 1}) { values { b: _bigint_function(name: "sum", args: ["b"]) v: _varint_function(name: "sum", args: ["v"]) d: _decimal_function(name: "sum", args: ["dec"]) } } }',
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.readings.values).toEqual([
      { b: '18014398509481989', v: '36893488147419103237', d: '12345678901234567890.423456789' },
    ]);
  });

  test('an integer count or sum can be read as Decimal or Varint; a Float reads any number', async () => {
    expect(
      await values(
        'value: {sensor: "a"}',
        'n: _decimal_function(name: "count", args: ["i"]) s: _varint_function(name: "sum", args: ["i"]) x: _double_function(name: "sum", args: ["dec"])',
      ),
    ).toEqual([{ n: '5', s: '36', x: 12345678901234567000 }]);
  });
});

describe('bad arguments are BAD_USER_INPUT with a clear message', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'an unknown function',
      '_int_function(name: "median", args: ["i"])',
      /unknown aggregate function "median"; expected one of count, avg, min, max, sum/,
    ],
    ['no argument', '_int_function(name: "sum", args: [])', /the sum function takes exactly one argument/],
    [
      'two arguments',
      '_int_function(name: "max", args: ["i", "d"])',
      /the max function takes exactly one argument/,
    ],
    [
      'an unknown column',
      '_int_function(name: "sum", args: ["nope"])',
      /the column "nope" given to sum does not exist in table readings/,
    ],
    [
      'a result the scalar cannot hold',
      '_int_function(name: "avg", args: ["d"])',
      /the result 2\.8 cannot be returned as Int/,
    ],
    ['a sum beyond BigInt', '_smallint_function(name: "sum", args: ["b"])', /cannot be returned as SmallInt/],
  ];
  for (const [what, field, message] of cases) {
    test(what, async () => {
      const errors = await errorsOf('value: {sensor: "a"}', `x: ${field}`);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors[0]!.message).toMatch(message);
    });
  }

  test('one alias for two different aggregations', async () => {
    const r = await fx.dml(
      '{ readings { values { x: _int_function(name: "sum", args: ["i"]) } other: values { x: _int_function(name: "max", args: ["i"]) } } }',
    );
    const errors = (r.body.errors ?? []) as GraphqlError[];
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.message).toMatch(/"x" names two different aggregations/);
  });

  test('a missing args argument fails validation, as GraphQL requires', async () => {
    const r = await fx.dml('{ readings { values { x: _int_function(name: "sum") } } }');
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toMatch(/argument "args" of type "\[String!\]!" is required/);
  });
});
