import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../../services/bridge/src/cql/classify-statement.js';
import { batchIsIdempotent, isIdempotent } from '../../../services/bridge/src/cql/statement-idempotence.js';

const idempotent = (cql: string): boolean => isIdempotent(classifyStatement(cql, 'ks'));

describe('isIdempotent', () => {
  it('retries reads and plain writes', () => {
    expect(idempotent('SELECT * FROM t WHERE k = ?')).toBe(true);
    expect(idempotent('INSERT INTO t (k, v) VALUES (?, ?) USING TTL 60')).toBe(true);
    expect(idempotent('UPDATE t SET v = ?, m[?] = ?, l[0] = ? WHERE k = ?')).toBe(true);
    expect(idempotent('UPDATE t SET v = -5 WHERE k = 1')).toBe(true);
    expect(idempotent('DELETE v, m[?] FROM t WHERE k = ?')).toBe(false); // element by key/index: conservative
    expect(idempotent('DELETE FROM t WHERE k = ? AND c > ?')).toBe(true);
    expect(idempotent("INSERT INTO t (k, v) VALUES ('now()', 'if + counter')")).toBe(true);
    expect(idempotent('INSERT INTO t (k, "if") VALUES (?, ?)')).toBe(true);
  });

  it('never retries what may apply twice', () => {
    expect(idempotent('INSERT INTO t (k, v) VALUES (?, ?) IF NOT EXISTS')).toBe(false);
    expect(idempotent('UPDATE t SET v = ? WHERE k = ? IF v = ?')).toBe(false);
    expect(idempotent('DELETE FROM t WHERE k = ? IF EXISTS')).toBe(false);
    expect(idempotent('UPDATE t SET hits = hits + 1 WHERE k = ?')).toBe(false);
    expect(idempotent('UPDATE t SET hits = hits - ? WHERE k = ?')).toBe(false);
    expect(idempotent('UPDATE t SET l = ? + l WHERE k = ?')).toBe(false);
    expect(idempotent('UPDATE t SET "L" = "L" + ? WHERE k = ?')).toBe(false);
    expect(idempotent('INSERT INTO t (k, id) VALUES (?, now())')).toBe(false);
    expect(idempotent('INSERT INTO t (k, id) VALUES (?, uuid ( ))')).toBe(false);
    expect(idempotent('UPDATE t SET at = toTimestamp(now()) WHERE k = ?')).toBe(false);
    expect(idempotent('DELETE l[1] FROM t WHERE k = ?')).toBe(false);
    expect(idempotent('TRUNCATE t')).toBe(false);
    expect(idempotent('CREATE TABLE t (k int PRIMARY KEY)')).toBe(false);
  });

  it('judges CQL batches and Batch messages by every statement in them', () => {
    expect(
      idempotent('BEGIN BATCH INSERT INTO t (k) VALUES (1); DELETE FROM t WHERE k = 2; APPLY BATCH'),
    ).toBe(true);
    expect(idempotent('BEGIN COUNTER BATCH UPDATE t SET c = c + 1 WHERE k = 1; APPLY BATCH')).toBe(false);
    const plain = [
      classifyStatement('INSERT INTO t (k) VALUES (?)'),
      classifyStatement('DELETE FROM t WHERE k = ?'),
    ];
    expect(batchIsIdempotent(plain, false)).toBe(true);
    expect(batchIsIdempotent(plain, true)).toBe(false);
    expect(
      batchIsIdempotent([...plain, classifyStatement('INSERT INTO t (k) VALUES (?) IF NOT EXISTS')], false),
    ).toBe(false);
  });
});
