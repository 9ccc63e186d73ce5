import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../../../services/bridge/src/cql/classify-statement.js';

// A statement's kind, and for DDL the change it makes as "CHANGE TARGET keyspace.name".
function summary(cql: string, keyspace?: string): string {
  const { kind, schemaChange: c } = classifyStatement(cql, keyspace);
  if (!c) return kind;
  const name = c.name === undefined ? `${c.keyspace}` : `${c.keyspace}.${c.name}`;
  return `${kind}: ${c.changeType} ${c.target} ${name}`;
}

describe('classifyStatement', () => {
  it.each([
    // DML through comments and any case
    ['/* x */ SeLeCt * FROM t', undefined, 'select'],
    ['-- comment\ninsert into t (a) values (1)', undefined, 'insert'],
    ['// comment\nUPDATE t SET a = 1 WHERE k = 1', undefined, 'update'],
    ['DELETE FROM t WHERE k = 1', undefined, 'delete'],
    ['TRUNCATE t', undefined, 'truncate'],
    ['use ks', undefined, 'use'],
    ["SELECT * FROM t WHERE a = 'DROP TABLE x'", undefined, 'select'],
    // batches: BEGIN [UNLOGGED | COUNTER] BATCH only
    ['BEGIN BATCH INSERT INTO t (a) VALUES (1) APPLY BATCH', undefined, 'batch'],
    ['begin unlogged batch insert into t (a) values (1) apply batch', undefined, 'batch'],
    ['BEGIN COUNTER BATCH UPDATE t SET c = c + 1 WHERE k = 1 APPLY BATCH', undefined, 'batch'],
    ['BEGIN TRANSACTION SELECT * FROM system_auth.roles; COMMIT TRANSACTION', undefined, 'other'],
    // DDL of every kind, with the change Cassandra reports
    ['CREATE KEYSPACE IF NOT EXISTS Foo WITH replication = {}', undefined, 'schema: CREATED KEYSPACE foo'],
    ['CREATE SCHEMA "Foo" WITH replication = {}', undefined, 'schema: CREATED KEYSPACE Foo'],
    ['ALTER KEYSPACE foo WITH durable_writes = true', undefined, 'schema: UPDATED KEYSPACE foo'],
    ['DROP KEYSPACE IF EXISTS Foo', undefined, 'schema: DROPPED KEYSPACE foo'],
    [
      'CREATE TABLE IF NOT EXISTS ks."MyTable" (a int PRIMARY KEY)',
      undefined,
      'schema: CREATED TABLE ks.MyTable',
    ],
    ['create columnfamily t (a int primary key)', 'KS', 'schema: CREATED TABLE KS.t'],
    ['alter table t add b text', 'KS', 'schema: UPDATED TABLE KS.t'],
    ['DROP TABLE IF EXISTS ks.t', undefined, 'schema: DROPPED TABLE ks.t'],
    ['CREATE TYPE ks.address (street text)', undefined, 'schema: CREATED TYPE ks.address'],
    ['ALTER TYPE address ADD zip text', 'ks', 'schema: UPDATED TYPE ks.address'],
    ['DROP TYPE IF EXISTS ks.address', undefined, 'schema: DROPPED TYPE ks.address'],
    ['CREATE INDEX idx ON ks.t (v)', undefined, 'schema: UPDATED TABLE ks.t'],
    ["CREATE CUSTOM INDEX ON ks.t (v) USING 'StorageAttachedIndex'", undefined, 'schema: UPDATED TABLE ks.t'],
    ['CREATE INDEX IF NOT EXISTS "on" ON t (v)', 'ks', 'schema: UPDATED TABLE ks.t'],
    ['DROP INDEX ks.idx', undefined, 'schema: UPDATED TABLE ks'],
    [
      'CREATE MATERIALIZED VIEW ks.v AS SELECT * FROM ks.t WHERE v IS NOT NULL PRIMARY KEY (v, k)',
      undefined,
      'schema: CREATED TABLE ks.v',
    ],
    ['ALTER MATERIALIZED VIEW ks.v WITH comment = $$x$$', undefined, 'schema: UPDATED TABLE ks.v'],
    ['DROP MATERIALIZED VIEW ks.v', undefined, 'schema: DROPPED TABLE ks.v'],
    [
      'CREATE OR REPLACE FUNCTION ks.f (a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$',
      undefined,
      'schema: CREATED FUNCTION ks.f',
    ],
    ['DROP FUNCTION IF EXISTS ks.f', undefined, 'schema: DROPPED FUNCTION ks.f'],
    ['CREATE AGGREGATE ks.a (int) SFUNC f STYPE int', undefined, 'schema: CREATED AGGREGATE ks.a'],
    ['DROP AGGREGATE a', 'ks', 'schema: DROPPED AGGREGATE ks.a'],
    ["CREATE TRIGGER tr ON ks.t USING 'org.example.Trigger'", undefined, 'schema: UPDATED TABLE ks.t'],
    ['DROP TRIGGER tr ON ks.t', undefined, 'schema: UPDATED TABLE ks.t'],
    // roles, users and permissions
    ["CREATE ROLE r WITH PASSWORD = 'p'", undefined, 'access-control'],
    ['ALTER ROLE r WITH LOGIN = true', undefined, 'access-control'],
    ['DROP ROLE IF EXISTS r', undefined, 'access-control'],
    ["CREATE USER u WITH PASSWORD 'p'", undefined, 'access-control'],
    ['DROP USER u', undefined, 'access-control'],
    ['GRANT SELECT ON KEYSPACE ks TO r', undefined, 'access-control'],
    ['REVOKE r FROM s', undefined, 'access-control'],
    ['LIST ALL PERMISSIONS', undefined, 'access-control'],
    ['list roles', undefined, 'access-control'],
    // whatever else, including what does not parse
    ["ADD IDENTITY 'spiffe://x' TO ROLE r", undefined, 'other'],
    ['DESCRIBE KEYSPACES', undefined, 'other'],
    ['CREATE NONSENSE x', undefined, 'other'],
    ['', undefined, 'other'],
    ['; SELECT * FROM t', undefined, 'other'],
    ['"select" * FROM t', undefined, 'other'],
  ])('%j (keyspace %s) → %s', (cql, keyspace, expected) => {
    expect(summary(cql, keyspace)).toBe(expected);
  });
});
