// Paging over 1,000+ rows, forged paging states, and logged / unlogged / counter batches.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';

const ks = uniqueKeyspaceName('bridge_paging');
const ROWS = 1050;
let t: TestBridge;

beforeAll(async () => {
  t = await startTestBridge();
  await t.createKeyspace(ks);
  await t.su(`CREATE TABLE ${ks}.rows (p int, c int, v text, PRIMARY KEY (p, c))`);
  await t.su(`CREATE TABLE ${ks}.counts (k text PRIMARY KEY, n counter)`);
  // Batches of 50 rows, 4 at a time, to load quickly.
  const batches = [];
  for (let start = 0; start < ROWS; start += 50) {
    const queries = [];
    for (let c = start; c < Math.min(start + 50, ROWS); c++) {
      queries.push({
        cql: `INSERT INTO ${ks}.rows (p, c, v) VALUES (?, ?, ?)`,
        values: { values: [{ int: 1 }, { int: c }, { string: `v${c}` }] },
      });
    }
    batches.push({ type: 1 as const, queries });
  }
  for (let i = 0; i < batches.length; i += 4) {
    await Promise.all(batches.slice(i, i + 4).map((b) => t.client.executeBatch(b, { token: t.token })));
  }
});

afterAll(async () => {
  await t?.dropKeyspace(ks);
  await t?.close();
});

describe('paging', () => {
  it('pages through all rows 100 at a time, in order, without duplicates', async () => {
    const seen: number[] = [];
    let pagingState: Buffer | undefined;
    let pages = 0;
    do {
      const res = await t.client.executeQuery(
        {
          cql: `SELECT c FROM ${ks}.rows WHERE p = ?`,
          values: { values: [{ int: 1 }] },
          parameters: {
            pageSize: { value: 100 },
            pagingState: pagingState ? { value: pagingState } : undefined,
          },
        },
        { token: t.token },
      );
      for (const row of res.resultSet?.rows ?? []) seen.push(Number(row.values?.[0]?.int));
      pagingState = res.resultSet?.pagingState?.value;
      pages++;
      expect(pages).toBeLessThan(20);
    } while (pagingState);
    expect(pages).toBe(11);
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i));
  });

  it('uses the default page size of 100 when none is given', async () => {
    const res = await t.su(`SELECT c FROM ${ks}.rows WHERE p = 1`);
    expect(res.resultSet?.rows).toHaveLength(100);
    expect(res.resultSet?.pagingState?.value).toBeDefined();
  });

  it('rejects a forged paging state and one replayed against another query', async () => {
    const first = await t.client.executeQuery(
      { cql: `SELECT c FROM ${ks}.rows WHERE p = 1`, parameters: { pageSize: { value: 10 } } },
      { token: t.token },
    );
    const state = first.resultSet!.pagingState!.value!;
    const forged = Buffer.from(state);
    forged[2] = forged[2]! ^ 0xff;
    const attempts = [
      { cql: `SELECT c FROM ${ks}.rows WHERE p = 1`, state: forged },
      { cql: `SELECT c, v FROM ${ks}.rows WHERE p = 1`, state },
    ];
    for (const attempt of attempts) {
      const err = (await t.client
        .executeQuery(
          {
            cql: attempt.cql,
            parameters: { pageSize: { value: 10 }, pagingState: { value: attempt.state } },
          },
          { token: t.token },
        )
        .catch((e) => e)) as BridgeCallError;
      expect(err.code).toBe(status.INVALID_ARGUMENT);
      expect(err.message).toContain('Invalid paging state');
    }
  });
});

describe('batches', () => {
  it('runs logged and unlogged batches', async () => {
    for (const type of [0, 1] as const) {
      await t.client.executeBatch(
        {
          type,
          queries: [
            {
              cql: `INSERT INTO ${ks}.rows (p, c, v) VALUES (?, ?, ?)`,
              values: { values: [{ int: 2 }, { int: type }, { string: 'a' }] },
            },
            {
              cql: `UPDATE ${ks}.rows SET v = :v WHERE p = :p AND c = :c`,
              values: {
                values: [{ string: 'b' }, { int: 2 }, { int: 10 + type }],
                valueNames: ['v', 'p', 'c'],
              },
            },
          ],
        },
        { token: t.token },
      );
    }
    const res = await t.su(`SELECT c, v FROM ${ks}.rows WHERE p = 2`);
    expect(res.resultSet?.rows?.map((r) => [r.values?.[0]?.int, r.values?.[1]?.string])).toEqual([
      ['0', 'a'],
      ['1', 'a'],
      ['10', 'b'],
      ['11', 'b'],
    ]);
  });

  it('runs counter batches', async () => {
    await t.client.executeBatch(
      {
        type: 2,
        queries: [
          { cql: `UPDATE ${ks}.counts SET n = n + ? WHERE k = 'x'`, values: { values: [{ int: 5 }] } },
          { cql: `UPDATE ${ks}.counts SET n = n - 2 WHERE k = 'x'` },
        ],
      },
      { token: t.token },
    );
    const res = await t.su(`SELECT n FROM ${ks}.counts WHERE k = 'x'`);
    expect(res.resultSet?.rows?.[0]?.values?.[0]?.int).toBe('3');
  });

  it('refuses a batch with a SELECT or a bad value, naming the query', async () => {
    const select = (await t.client
      .executeBatch({ type: 0, queries: [{ cql: `SELECT * FROM ${ks}.rows` }] }, { token: t.token })
      .catch((e) => e)) as BridgeCallError;
    expect(select.code).toBe(status.INVALID_ARGUMENT);
    const bad = (await t.client
      .executeBatch(
        {
          type: 0,
          queries: [
            {
              cql: `INSERT INTO ${ks}.rows (p, c) VALUES (?, ?)`,
              values: { values: [{ int: 3 }, { int: 1 }] },
            },
            {
              cql: `INSERT INTO ${ks}.rows (p, c) VALUES (?, ?)`,
              values: { values: [{ string: 'x' }, { int: 1 }] },
            },
          ],
        },
        { token: t.token },
      )
      .catch((e) => e)) as BridgeCallError;
    expect(bad.code).toBe(status.INVALID_ARGUMENT);
    expect(bad.message).toContain('Batch query 2');
    // Nothing of the refused batch was written.
    const res = await t.su(`SELECT * FROM ${ks}.rows WHERE p = 3`);
    expect(res.resultSet?.rows ?? []).toHaveLength(0);
  });
});
