import { afterAll, describe, expect, test } from 'vitest';
import {
  GraphqlExecutor,
  OperationRejectedError,
} from '../../../../services/graphql/src/execution/graphql-executor.js';
import { KeptTextBudget } from '../../../../services/graphql/src/execution/kept-text-budget.js';
import {
  GraphQLInt,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from '../../../../services/graphql/src/graphql-js.js';

// A resolver that notes which engine called it: graphql-js's execute, or code compiled by graphql-jit.
const engines: string[] = [];
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: {
        type: GraphQLString,
        args: { n: { type: GraphQLInt } },
        resolve: (_s, args: { n?: number }) => {
          engines.push(/execution[/\\]execute\.js/.test(new Error().stack ?? '') ? 'graphql-js' : 'jit');
          return `hello ${args.n ?? 0}`;
        },
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: { touch: { type: GraphQLInt, resolve: () => 1 } },
  }),
});

const executor = await GraphqlExecutor.create(
  schema,
  {
    maxDepth: 3,
    maxCost: 10,
    jitAfter: 2,
    cacheSize: 10,
    maxTokens: 15000,
  },
  new KeptTextBudget(1_000_000),
);
afterAll(() => executor.close());

describe('GraphqlExecutor', () => {
  test('a non-null variable with a default may be left out, before and after graphql-jit compiles the operation', async () => {
    const query = 'query Defaults($n: Int! = 7) { hello(n: $n) }';
    const seen: string[] = [];
    const results = [];
    for (let i = 0; i < 40 && seen.at(-1) !== 'jit'; i++) {
      const before = engines.length;
      results.push(await executor.execute({ query, variables: {} }, { token: 't' }));
      seen.push(...engines.slice(before));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(seen.at(-1)).toBe('jit');
    expect(results.every((r) => r.errors === undefined && r.data?.hello === 'hello 7')).toBe(true);
    // What the client sends still wins, and an explicit null is refused as the spec says.
    const sent = await executor.execute({ query, variables: { n: 3 } }, { token: 't' });
    expect(sent.data).toEqual({ hello: 'hello 3' });
    await expect(executor.execute({ query, variables: { n: null } }, { token: 't' })).rejects.toThrow(
      /must not be null/,
    );
  });

  test('a query seen twice is compiled by graphql-jit between requests, with the same results', async () => {
    const results = [];
    // Compilation waits for an idle moment of the event loop (Mercurius's adaptive JIT).
    for (let i = 0; i < 40 && engines.at(-1) !== 'jit'; i++) {
      results.push(
        await executor.execute(
          { query: 'query($n: Int) { hello(n: $n) }', variables: { n: i } },
          { token: 't' },
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(results.map((r) => r.data)).toEqual(results.map((_, n) => ({ hello: `hello ${n}` })));
    expect(engines.slice(0, 2)).toEqual(['graphql-js', 'graphql-js']);
    expect(engines.at(-1)).toBe('jit');
  });

  test('variables are still checked by graphql-js once compiled, with its messages', async () => {
    const rejected = executor.execute(
      { query: 'query($n: Int) { hello(n: $n) }', variables: { n: 'x' } },
      { token: 't' },
    );
    await expect(rejected).rejects.toBeInstanceOf(OperationRejectedError);
    await expect(rejected).rejects.toThrow(
      'Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"',
    );
  });

  test('syntax, validation and limits are request errors', async () => {
    const reject = (query: string) => executor.execute({ query }, { token: 't' });
    await expect(reject('{ hello')).rejects.toThrow(/^Syntax Error/);
    await expect(reject('{}')).rejects.toThrow(/^Syntax Error/);
    await expect(reject('[1, 2]')).rejects.toThrow(/^Syntax Error/);
    await expect(reject('{ nope }')).rejects.toThrow('Cannot query field "nope" on type "Query".');
    await expect(
      reject(
        '{ a: hello b: hello c: hello d: hello e: hello f: hello g: hello h: hello i: hello j: hello k: hello }',
      ),
    ).rejects.toThrow(/^Query cost exceeds the maximum of 10/);
  });

  test('a document nested too deeply for the parser is refused with a message that says so', async () => {
    // 7,000 levels of list literal: ~14,000 tokens, under the limit; graphql-js parses by recursion.
    const query = `{ hello(n: ${'['.repeat(7_000)}1${']'.repeat(7_000)}) }`;
    const error = await executor.execute({ query }, { token: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationRejectedError);
    expect((error as OperationRejectedError).errors.map((e) => e.message)).toEqual([
      'The document is nested too deeply to be parsed (thousands of levels of lists, objects or selections): nest it less',
    ]);
  });

  test('mutations over GET are refused with 405', async () => {
    const reply = { request: { raw: { method: 'GET' } }, code: () => reply } as never;
    const error = await executor
      .execute({ query: 'mutation { touch }' }, { token: 't', reply })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationRejectedError);
    expect((error as OperationRejectedError).statusCode).toBe(405);
  });
});
