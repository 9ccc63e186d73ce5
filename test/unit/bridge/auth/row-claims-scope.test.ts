// Row-level claims in memory: which statements run as sent, which the bridge restricts (and the CQL
// and values it runs instead), and which it refuses. Cassandra itself is in the integration test.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  type ClaimColumn,
  scopeQuery,
  type TableColumns,
} from '../../../../services/bridge/src/auth/row-claims-scope.js';
import { classifyStatement } from '../../../../services/bridge/src/cql/classify-statement.js';
import { BridgeError } from '../../../../services/bridge/src/errors/bridge-error.js';
import type { Query__Output } from '../../../../services/common/src/proto/generated/stargate/Query.js';

const text = (kind: ClaimColumn['kind']): ClaimColumn => ({ kind, text: true });
// ks.carts: owner is the partition key; ks.notes: owner is a regular column; ks.counts: owner is an int.
const TABLES: Record<string, TableColumns> = {
  'ks.carts': new Map([
    ['owner', text('partition')],
    ['item', text('clustering')],
    ['qty', { kind: 'regular', text: false }],
  ]),
  'ks.notes': new Map([
    ['id', text('partition')],
    ['owner', text('regular')],
  ]),
  'ks.counts': new Map([
    ['id', text('partition')],
    ['owner', { kind: 'regular', text: false }],
  ]),
  'ks.free': new Map([['id', text('partition')]]),
};
const CLAIMS = new Map([['owner', 'alice']]);

function str(value: string) {
  return { string: value, inner: 'string' as const };
}

async function scope(cql: string, values: Query__Output['values'] = { values: [], valueNames: [] }) {
  const query: Query__Output = { cql, values };
  return scopeQuery(query, classifyStatement(cql, 'ks'), 'ks', CLAIMS, async (ks, t) => TABLES[`${ks}.${t}`]);
}

async function refusal(cql: string, values?: Query__Output['values']): Promise<string> {
  try {
    await scope(cql, values);
  } catch (err) {
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).code).toBe(GrpcStatus.PERMISSION_DENIED);
    return (err as BridgeError).message;
  }
  throw new Error(`not refused: ${cql}`);
}

describe('row claims: statements that run as sent', () => {
  it.each([
    'SELECT * FROM ks.free',
    'SELECT * FROM free WHERE id = ?',
    "SELECT * FROM carts WHERE owner = 'alice'",
    "SELECT * FROM ks.carts WHERE owner = 'alice' AND item > 'a' LIMIT 3",
    'SELECT * FROM system_schema.tables',
    "INSERT INTO carts (owner, item, qty) VALUES ('alice', 'x', 1)",
    "UPDATE carts SET qty = 2 WHERE owner = 'alice' AND item = 'x'",
    "DELETE FROM carts WHERE owner = 'alice' AND item = 'x' IF EXISTS",
    "DELETE FROM carts WHERE owner = 'alice'",
    'CREATE TABLE ks.other (k int PRIMARY KEY)',
    'TRUNCATE free',
  ])('%s', async (cql) => {
    const query = await scope(cql);
    expect(query.cql).toBe(cql);
  });

  it('checks bound values, positional and named', async () => {
    await expect(
      scope('UPDATE carts USING TTL ? SET qty = ? WHERE owner = ? AND item = ?', {
        values: [{ int: '10' }, { int: '2' }, str('alice'), str('x')],
        valueNames: [],
      }),
    ).resolves.toBeDefined();
    await expect(
      scope('SELECT * FROM carts WHERE owner = :o', { values: [str('alice')], valueNames: ['o'] }),
    ).resolves.toBeDefined();
    await expect(
      scope('SELECT * FROM carts WHERE owner = ?', { values: [str('alice')], valueNames: ['owner'] }),
    ).resolves.toBeDefined();
  });
});

describe('row claims: reads without the claim are restricted to it', () => {
  it.each([
    ['SELECT * FROM carts', 'SELECT * FROM carts\nWHERE "owner" = ?\n\nALLOW FILTERING'],
    ['SELECT * FROM carts;', 'SELECT * FROM carts\nWHERE "owner" = ?\n\nALLOW FILTERING;'],
    [
      'SELECT * FROM notes WHERE id = ? LIMIT ?',
      'SELECT * FROM notes WHERE id = ? \nAND "owner" = ?\nLIMIT ?\nALLOW FILTERING',
    ],
    [
      'SELECT count(*) FROM notes WHERE id > ? ALLOW FILTERING',
      'SELECT count(*) FROM notes WHERE id > ? \nAND "owner" = ?\nALLOW FILTERING',
    ],
    // A line comment at the end cannot swallow the restriction.
    [
      'SELECT * FROM carts -- all of them',
      'SELECT * FROM carts -- all of them\nWHERE "owner" = ?\n\nALLOW FILTERING',
    ],
  ])('%j → %j', async (cql, expected) => {
    const values = (cql.match(/\?/g) ?? []).map((_, i) => ({ int: String(i) }));
    const query = await scope(cql, { values, valueNames: [] });
    expect(query.cql).toBe(expected);
    // The claim's value sits where its marker is: after the WHERE clause's, before LIMIT's.
    const markers = query.cql!.match(/\?/g)!.length;
    expect(query.values!.values).toHaveLength(markers);
    const claimAt = query.cql!.slice(0, query.cql!.indexOf('"owner" = ?')).split('?').length - 1;
    expect(query.values!.values![claimAt]).toEqual(str('alice'));
  });
});

describe('row claims: refused', () => {
  it.each([
    ["SELECT * FROM carts WHERE owner = 'bob'", "with owner = 'alice' (claim x-stargate-owner), not 'bob'"],
    ["INSERT INTO carts (owner, item) VALUES ('bob', 'x')", "not 'bob'"],
    ["INSERT INTO carts (item, qty) VALUES ('x', 1)", "must set owner = 'alice'"],
    ['INSERT INTO carts JSON \'{"owner": "bob"}\'', 'without a column list'],
    [
      "UPDATE carts SET qty = 1 WHERE owner IN ('alice', 'bob') AND item = 'x'",
      "must restrict owner = 'alice'",
    ],
    ["DELETE FROM carts WHERE item = 'x'", "must restrict owner = 'alice'"],
    ["INSERT INTO notes (id, owner) VALUES ('n1', 'alice')", 'is not part of the primary key'],
    ["UPDATE notes SET owner = 'alice' WHERE id = 'n1'", 'is not part of the primary key'],
    ['SELECT * FROM counts', 'apply to text columns only'],
    ['TRUNCATE carts', 'TRUNCATE of ks.carts'],
    ["BEGIN BATCH INSERT INTO carts (owner, item) VALUES ('alice', 'x') APPLY BATCH", 'a CQL BATCH string'],
    ["SELECT * FROM carts WHERE owner = 'alice' OR owner = 'bob'", 'an OR'],
    ["SELECT * FROM carts WHERE owner = 'ali' + 'ce'", 'use = with a text value'],
  ])('%s', async (cql, reason) => {
    expect(await refusal(cql)).toContain(reason);
  });

  it('refuses a bound value other than the claim', async () => {
    const message = await refusal('DELETE FROM carts WHERE owner = ? AND item = ?', {
      values: [str('bob'), str('x')],
      valueNames: [],
    });
    expect(message).toContain("not 'bob'");
  });

  it('refuses to extend a read with named values', async () => {
    expect(
      await refusal('SELECT * FROM notes WHERE id = :id', { values: [str('n1')], valueNames: ['id'] }),
    ).toContain('named values');
  });

  it('calls a missing table unknown, as Cassandra would', async () => {
    await expect(scope('SELECT * FROM ks.nope')).rejects.toThrow('unconfigured table nope in keyspace ks');
  });
});
