// What a driver execution's span says about its statement: kind, keyspace and table, never a value.
import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../../services/bridge/src/cql/classify-statement.js';
import { describeStatements } from '../../../services/bridge/src/query/driver-span.js';

const describeCql = (cqls: string[], keyspace?: string) =>
  describeStatements(
    cqls.map((cql) => classifyStatement(cql, keyspace)),
    keyspace,
  );

describe('the driver span of a statement', () => {
  it('names the kind, the keyspace (given or in the CQL) and the table', () => {
    expect(describeCql(['SELECT k, v FROM kv WHERE k = ?'], 'bench')).toEqual({
      operation: 'SELECT',
      keyspace: 'bench',
      table: 'kv',
      batchSize: undefined,
    });
    expect(describeCql(['DELETE FROM shop."Orders" WHERE id = ?'], 'other')).toMatchObject({
      operation: 'DELETE',
      keyspace: 'shop',
      table: 'Orders',
    });
  });

  it('a batch: BATCH with its size, and the table when all its statements write the same one', () => {
    expect(
      describeCql(['INSERT INTO ks.t (k, v) VALUES (?, ?)', 'UPDATE ks.t SET v = ? WHERE k = ?']),
    ).toEqual({ operation: 'BATCH', keyspace: 'ks', table: 't', batchSize: 2 });
    expect(describeCql(['INSERT INTO ks.a (k) VALUES (?)', 'INSERT INTO ks.b (k) VALUES (?)'])).toEqual({
      operation: 'BATCH',
      keyspace: 'ks',
      table: undefined,
      batchSize: 2,
    });
  });

  it('a schema statement: its verb and target', () => {
    expect(describeCql(['CREATE TABLE IF NOT EXISTS ks.t (k int PRIMARY KEY)'])).toMatchObject({
      operation: 'CREATE TABLE',
      keyspace: 'ks',
      table: 't',
    });
    expect(describeCql(['DROP KEYSPACE ks'])).toMatchObject({ operation: 'DROP KEYSPACE', keyspace: 'ks' });
  });

  it('never a value, even when the CQL holds literals', () => {
    const described = describeCql([
      "INSERT INTO ks.users (id, email) VALUES (84211, 'someone@example.com')",
      "UPDATE ks.users SET email = 'other@example.com' WHERE id = 84212",
    ]);
    expect(JSON.stringify(described)).not.toMatch(/84211|84212|example\.com/);
    expect(describeCql(["SELECT * FROM ks.users WHERE id = 84213 AND email = 'x@y.z'"])).toEqual({
      operation: 'SELECT',
      keyspace: 'ks',
      table: 'users',
      batchSize: undefined,
    });
  });

  it('a table without a keyspace and none given: no table named (Cassandra refuses the statement)', () => {
    expect(describeCql(['SELECT * FROM t'])).toEqual({
      operation: 'SELECT',
      keyspace: undefined,
      table: undefined,
      batchSize: undefined,
    });
  });
});
