import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, test } from 'vitest';
import {
  GraphqlExecutor,
  OperationRejectedError,
} from '../../../../services/graphql/src/execution/graphql-executor.js';
import { liftInlineValues } from '../../../../services/graphql/src/execution/inline-values.js';
import { KeptTextBudget } from '../../../../services/graphql/src/execution/kept-text-budget.js';
import {
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
  graphql,
  buildSchema as sdlSchema,
} from '../../../../services/graphql/src/graphql-js.js';
import type { ResolverDeps } from '../../../../services/graphql/src/resolvers/graphql-context.js';
import { cqlScalars } from '../../../../services/graphql/src/schema/cql-scalars.js';
import { buildDmlSchema } from '../../../../services/graphql/src/schema/dml-schema.js';
import { seededUniform } from '../../../support/seeded-random.js';
import { sampleKeyspace } from '../support/sample-keyspace.js';

const library = buildDmlSchema(sampleKeyspace(), 'library', {} as ResolverDeps);

describe('inline argument values become variables', () => {
  test('a Stargate-style query: each inline argument is one variable, declared by its operation', () => {
    const lifted = liftInlineValues(
      library,
      '{ books(value: {title: "Moby Dick", edition: 2}, options: {pageSize: 10}) { values { title } } }',
    );
    expect(lifted?.query).toBe(
      'query($_inline0: booksInput, $_inline1: QueryOptions) { books(value: $_inline0, options: $_inline1) { values { title } } }',
    );
    expect(lifted?.variables).toEqual({
      _inline0: { title: 'Moby Dick', edition: 2 },
      _inline1: { pageSize: 10 },
    });
  });

  test('two queries that differ only in their values share one text', () => {
    const a = liftInlineValues(library, 'query Q { books(value: {title: "A"}) { values { title } } }');
    const b = liftInlineValues(library, 'query Q { books(value: {title: "Bee"}) { values { title } } }');
    expect(a?.query).toBe('query Q($_inline0: booksInput) { books(value: $_inline0) { values { title } } }');
    expect(b?.query).toBe(a?.query);
    expect(b?.variables).toEqual({ _inline0: { title: 'Bee' } });
  });

  test("a mutation's declarations follow the client's own; a value holding a variable stays as written", () => {
    const lifted = liftInlineValues(
      library,
      'mutation M($t: String) { insertbooks(value: {title: $t, edition: 1}, ifNotExists: true) { applied } }',
    );
    expect(lifted?.query).toBe(
      'mutation M($t: String, $_inline0: Boolean) { insertbooks(value: {title: $t, edition: 1}, ifNotExists: $_inline0) { applied } }',
    );
  });

  test('64-bit integers and exact decimals keep every digit: sent as text where a number would round', () => {
    const schema = echoSchema();
    const lifted = liftInlineValues(schema, '{ echo(big: 9223372036854775807, dec: 1.10, i: 7) }');
    expect(lifted?.variables).toEqual({ _inline0: '9223372036854775807', _inline1: '1.10', _inline2: 7 });
  });

  test.each([
    ['an invalid value', '{ books(value: {title: 5}) { values { title } } }'],
    ['an unknown argument', '{ books(nope: 1) { values { title } } }'],
    ['an unknown field', '{ books(value: {title: "x"}) { nope } }'],
    ['an unknown input field', '{ books(value: {nope: "x"}) { values { title } } }'],
    ['a repeated input field', '{ books(value: {title: "x", title: "y"}) { values { title } } }'],
    [
      'text that already uses our names',
      'query($_inline0: String) { books(value: {title: "x"}) { values { title } } }',
    ],
    ['no inline value', '{ books { values { title } } }'],
    ['text that is not GraphQL', '{ books('],
  ])('nothing is lifted from a document with %s', (_why, query) => {
    expect(liftInlineValues(library, query)).toBeUndefined();
  });

  test('values in fragments and directives stay as written', () => {
    const lifted = liftInlineValues(
      library,
      'query { books(value: {title: "x"}) @include(if: true) { ...V } } fragment V on booksResult { values(x: 1) { title } }',
    );
    expect(lifted?.query).toBe(
      'query($_inline0: booksInput) { books(value: $_inline0) @include(if: true) { ...V } } fragment V on booksResult { values(x: 1) { title } }',
    );
  });
});

// Every argument kind an inline value can have, CQL scalars included; `echo` answers with what its
// resolver received, so two ways of running a query can be compared value by value.
function echoSchema(): GraphQLSchema {
  const scalars = [
    'BigInt',
    'Decimal',
    'Varint',
    'Float32',
    'Uuid',
    'Timestamp',
    'Blob',
    'Date',
    'Duration',
    'Inet',
  ];
  const schema = sdlSchema(`
    ${scalars.map((name) => `scalar ${name}`).join('\n')}
    enum Color { RED GREEN }
    input Inner { s: String, n: Int = 3, big: BigInt, dec: Decimal, c: Color, req: Int! }
    input Outer { inner: Inner, list: [Inner!], ids: [ID], f: Float, uuid: Uuid, ts: Timestamp, blob: Blob, b: Boolean }
    type Query {
      echo(s: String, i: Int, f: Float, b: Boolean, id: ID, c: Color, o: Outer, l: [Int], nn: Int,
           big: BigInt, dec: Decimal, v: Varint, f32: Float32, uuid: Uuid, d: Date, du: Duration, ip: Inet): String
      fail(i: Int): String
      nested(s: String): Query
    }
    type Mutation { echo(o: Outer!, l: [[Int!]]): String }
  `);
  for (const name of scalars) Object.assign(schema.getType(name)!, withoutName(cqlScalars.get(name)!));
  const query = schema.getQueryType()!.getFields();
  query.echo!.resolve = (_source, args) => record(args);
  query.fail!.resolve = () => {
    throw new Error('this field always fails');
  };
  query.nested!.resolve = () => ({});
  schema.getMutationType()!.getFields().echo!.resolve = (_source, args) => record(args);
  return schema;
}

function withoutName(scalar: object): object {
  const { name: _name, astNode: _astNode, ...rest } = scalar as Record<string, unknown>;
  return rest;
}

/** The engine of each resolver call: graphql-js's execute, or code compiled by graphql-jit. */
const engines: string[] = [];

function record(args: unknown): string {
  engines.push(/execution[/\\]execute\.js/.test(new Error().stack ?? '') ? 'graphql-js' : 'jit');
  return JSON.stringify(args, (_key, value: unknown) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`;
    return value;
  });
}

// Literals of each type, valid and not, written in the ways clients write them.
const rand = seededUniform(20261203);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const space = () => pick([' ', '', '\n  ', ' # a comment\n', '\t', ',']);

/** A valid literal mostly, now and then one that graphql-js refuses. */
const either = (valid: string[], invalid: string[]) => () =>
  rand() < 0.06 && invalid.length ? pick(invalid) : pick(valid);

const literals: Record<string, () => string> = {
  s: either(
    ['"x"', '"Moby Dick"', '"a\\"b"', '"\\u00e9t\\u00e9"', '"""block\n  text"""', '""', 'null'],
    ['5'],
  ),
  i: either(['0', '-7', '2147483647', '-0', 'null'], ['2147483648', '1.5', '"3"']),
  f: either(['1.5', '1e3', '-0.0', '3', '1.10', 'null'], ['"x"']),
  b: either(['true', 'false', 'null'], ['"true"']),
  id: either(['"abc"', '123', '12345678901234567890', 'null'], ['1.5']),
  c: either(['RED', 'GREEN', 'null'], ['BLUE', '"RED"']),
  l: either(['[1, 2]', '1', '[]', '[1, null]', 'null'], ['["a"]', '[[1]]']),
  nn: either(['1'], ['null', '"1"']),
  big: either(
    ['9223372036854775807', '"9223372036854775807"', '12', '"-5"'],
    ['1.5', '"x"', '-9223372036854775809'],
  ),
  dec: either(['1.10', '"1.10"', '5', '1e-3', '"1e-3"', '0.1'], ['"abc"']),
  v: either(['123456789012345678901234567890', '"-1"', '7'], ['1.5']),
  f32: either(['1.5', '3', '16777217', '1e40'], ['"1.5"']),
  uuid: either(
    ['"a8098c1a-f86e-11da-bd1a-00112444be1e"', '"A8098C1A-F86E-11DA-BD1A-00112444BE1E"'],
    ['"nope"', '5'],
  ),
  d: either(['"2024-02-29"', '19000'], ['"2023-02-29"', '"x"']),
  du: either(['"1h30m"', '"P1D"', '"-2d"'], ['"x"']),
  ip: either(['"127.0.0.1"', '"::1"'], ['"1.2.3"']),
  o: () => outer(),
};

function inner(): string {
  const fields = [`req: ${either(['1', '-2'], ['"1"', 'null'])()}`];
  if (rand() < 0.5) fields.push(`s: ${literals.s!()}`);
  if (rand() < 0.3) fields.push(`n: ${pick(['4', 'null'])}`);
  if (rand() < 0.3) fields.push(`big: ${literals.big!()}`);
  if (rand() < 0.3) fields.push(`dec: ${literals.dec!()}`);
  if (rand() < 0.3) fields.push(`c: ${literals.c!()}`);
  if (rand() < 0.02) fields.push('unknown: 1');
  if (rand() < 0.02) fields.push('s: "again"');
  if (rand() < 0.03) fields.shift(); // req left out
  return `{${fields.sort(() => rand() - 0.5).join(`,${space()}`)}}`;
}

function outer(): string {
  const fields: string[] = [];
  if (rand() < 0.6) fields.push(`inner: ${rand() < 0.1 ? 'null' : inner()}`);
  if (rand() < 0.4) fields.push(`list: ${pick([`[${inner()}, ${inner()}]`, inner(), '[]', '[null]'])}`);
  if (rand() < 0.3) fields.push(`ids: ${pick(['["a", 1]', '"a"', '[]'])}`);
  if (rand() < 0.3) fields.push(`f: ${literals.f!()}`);
  if (rand() < 0.3) fields.push(`uuid: ${literals.uuid!()}`);
  if (rand() < 0.3) fields.push(`ts: ${either(['"2024-01-01T00:00:00Z"', '1700000000000'], ['"x"'])()}`);
  if (rand() < 0.3) fields.push(`blob: ${either(['"0xcafe"'], ['"cafe"', '"0xZZ"'])()}`);
  if (rand() < 0.2) fields.push(`b: ${literals.b!()}`);
  return `{${space()}${fields.join(`,${space()}`)}${space()}}`;
}

function echoCall(alias: string): string {
  const names = Object.keys(literals);
  const chosen = names.filter(() => rand() < 0.2);
  const args = chosen.map((name) => `${name}:${space()}${literals[name]!()}`);
  if (rand() < 0.1) args.push('i: $v'); // a client's own variable beside inline values
  return `${alias}: echo${args.length ? `(${args.join(`,${space()}`)})` : ''}`;
}

function randomQuery(): string {
  const selections = [echoCall('a')];
  if (rand() < 0.5) selections.push(echoCall('b'));
  // Errors after lifted values: their locations must be those of the client's text.
  if (rand() < 0.4) selections.push(`f: fail(i: ${literals.i!()})`);
  if (rand() < 0.3)
    selections.push(`n: nested(s: ${literals.s!()}) {${space()}${echoCall('inner')} e: fail }`);
  if (rand() < 0.1) selections.push('...F');
  const body = `{${space()}${selections.join(space() || ' ')}${space()}}`;
  const fragment = selections.includes('...F') ? ' fragment F on Query { fr: echo(s: "in a fragment") }' : '';
  const usesVariable = body.includes('$v');
  const head = usesVariable
    ? pick(['query Q($v: Int)', 'query($v: Int = 2)'])
    : pick(['', 'query', 'query Named']);
  return `${head}${head ? ' ' : ''}${body}${fragment}`;
}

function randomMutation(): string {
  return `mutation${pick(['', ' M'])} { echo(o: ${outer()}${rand() < 0.5 ? `, l: ${pick(['[[1], [2, 3]]', '[1]', '[[null]]', '1'])}` : ''}) }`;
}

interface Comparable {
  data?: unknown;
  errors?: Array<{ message: string; locations?: unknown; path?: unknown }>;
}

function comparable(result: ExecutionResult): Comparable {
  const out: Comparable = {};
  if (result.data !== undefined) out.data = result.data;
  if (result.errors) out.errors = result.errors.map(errorShape);
  return out;
}

function errorShape(error: Error): { message: string; locations?: unknown; path?: unknown } {
  const e = error as GraphQLError;
  return { message: e.message, locations: e.locations, path: e.path };
}

describe('a lifted operation answers exactly as graphql-js answers the text the client wrote', async () => {
  const schema = echoSchema();
  const executor = await GraphqlExecutor.create(
    schema,
    {
      maxDepth: 10,
      maxCost: 1e9,
      jitAfter: 2,
      cacheSize: 64,
      maxTokens: 15000,
    },
    new KeptTextBudget(20_000),
  );
  afterAll(() => executor.close());

  async function viaExecutor(query: string, variables: Record<string, unknown>): Promise<Comparable> {
    try {
      return comparable(await executor.execute({ query, variables }, { token: 't' }));
    } catch (err) {
      if (err instanceof OperationRejectedError) return { errors: err.errors.map(errorShape) };
      throw err;
    }
  }

  test('queries that differ only in their inline values share one compiled operation', async () => {
    const answers: Comparable[] = [];
    const used: string[] = [];
    // Mercurius compiles an operation seen twice when the event loop is idle: a few requests apart.
    for (let i = 0; i < 40 && used.at(-1) !== 'jit'; i++) {
      const before = engines.length;
      answers.push(await viaExecutor(`{ echo(s: "value ${i}", i: ${i}) }`, {}));
      used.push(...engines.slice(before));
      await sleep(20);
    }
    expect(used.slice(0, 2)).toEqual(['graphql-js', 'graphql-js']);
    expect(used.at(-1)).toBe('jit');
    expect(answers).toEqual(answers.map((_, i) => ({ data: { echo: `{"s":"value ${i}","i":${i}}` } })));
  });

  test('for 400 random queries and mutations with inline values (valid and not), several times each', async () => {
    let lifted = 0;
    let refused = 0;
    for (let n = 0; n < 400; n++) {
      const query = n % 5 === 4 ? randomMutation() : randomQuery();
      const variables = query.includes('$v') ? { v: 9 } : {};
      if (liftInlineValues(schema, query)) lifted++;
      const expected = comparable(await graphql({ schema, source: query, variableValues: variables }));
      if (expected.data === undefined) refused++;
      // Three runs: the lifted text is compiled by graphql-jit once seen twice (between requests).
      for (let run = 0; run < 3; run++) {
        const got = await viaExecutor(query, variables);
        expect({ query, got }).toEqual({ query, got: expected });
        if (n % 40 === 0) await sleep(5);
      }
    }
    // The comparison covered lifted operations, refused ones and both engines.
    expect(lifted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(40);
    expect([...new Set(engines)].sort()).toEqual(['graphql-js', 'jit']);
  }, 120_000);
});
