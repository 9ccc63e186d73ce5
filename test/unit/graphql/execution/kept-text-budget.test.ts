import { afterAll, describe, expect, test } from 'vitest';
import { GraphqlExecutor } from '../../../../services/graphql/src/execution/graphql-executor.js';
import { KeptTextBudget } from '../../../../services/graphql/src/execution/kept-text-budget.js';
import { GraphQLInt, GraphQLObjectType, GraphQLSchema } from '../../../../services/graphql/src/graphql-js.js';

describe('KeptTextBudget', () => {
  test('past the budget, the account that charged the most forgets, and its charge is given back', () => {
    const budget = new KeptTextBudget(100);
    const forgotten: string[] = [];
    const a = budget.open(() => forgotten.push('a'));
    const b = budget.open(() => forgotten.push('b'));
    a.charge(60);
    b.charge(30);
    expect(budget.charged).toBe(90);
    b.charge(20); // 110: a holds the most
    expect(forgotten).toEqual(['a']);
    expect(budget.charged).toBe(50);
  });

  test('an account that forgets while charging still counts the text it is about to keep', () => {
    const budget = new KeptTextBudget(100);
    const forgotten: string[] = [];
    const a = budget.open(() => forgotten.push('a'));
    a.charge(90);
    a.charge(20);
    expect(forgotten).toEqual(['a']);
    expect(budget.charged).toBe(20);
  });

  test('a refund gives back what a cache dropped, never more than the account holds', () => {
    const budget = new KeptTextBudget(100);
    const a = budget.open(() => undefined);
    a.charge(40);
    a.refund(15);
    expect(budget.charged).toBe(25);
    a.refund(1_000);
    expect(budget.charged).toBe(0);
  });

  test('a closed account no longer counts and is never asked to forget', () => {
    const budget = new KeptTextBudget(100);
    const forgotten: string[] = [];
    const a = budget.open(() => forgotten.push('a'));
    const b = budget.open(() => forgotten.push('b'));
    a.charge(80);
    a.close();
    expect(budget.charged).toBe(0);
    b.charge(90);
    expect(forgotten).toEqual([]);
    a.close();
    expect(budget.charged).toBe(90);
  });
});

describe('GraphqlExecutors sharing one budget', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { n: { type: GraphQLInt, args: { v: { type: GraphQLInt } }, resolve: (_s, a) => a.v } },
    }),
  });
  const limits = { maxDepth: 5, maxCost: 1000, jitAfter: 2, cacheSize: 256, maxTokens: 15000 };
  const budget = new KeptTextBudget(5_000);
  const executors: GraphqlExecutor[] = [];
  afterAll(() => Promise.all(executors.map((e) => e.close())));

  test('distinct texts never keep more than the budget, and every answer stays right', async () => {
    for (let i = 0; i < 3; i++) executors.push(await GraphqlExecutor.create(schema, limits, budget));
    let highest = 0;
    for (let i = 0; i < 600; i++) {
      const executor = executors[i % 3] as GraphqlExecutor;
      // Distinct texts (an alias per request), each run twice: kept, then served from the cache.
      const query = `{ a${i}: n(v: ${i}) b${i}: n(v: ${i + 1}) }`;
      for (let again = 0; again < 2; again++) {
        const result = await executor.execute({ query }, { token: 't' });
        expect(result).toEqual({ data: { [`a${i}`]: i, [`b${i}`]: i + 1 } });
        highest = Math.max(highest, budget.charged);
      }
    }
    // ~30 characters per text, three texts kept per query (the client's, its lifted form, the
    // text seen): 600 queries would be ~54,000 characters without the budget.
    expect(highest).toBeLessThanOrEqual(5_000);
    expect(highest).toBeGreaterThan(4_000);
  });

  test('a closed executor gives its share back', async () => {
    const before = budget.charged;
    const executor = await GraphqlExecutor.create(schema, limits, budget);
    await executor.execute({ query: '{ only: n(v: 1) }' }, { token: 't' });
    expect(budget.charged).toBeGreaterThan(before);
    await executor.close();
    expect(budget.charged).toBe(before);
  });
});
