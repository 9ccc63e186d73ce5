import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../../services/bridge/src/cql/classify-statement.js';

describe('classifyStatement', () => {
  it('classifies DML through comments and case', () => {
    expect(classifyStatement('/* x */ SeLeCt * FROM t').kind).toBe('select');
    expect(classifyStatement('-- comment\ninsert into t (a) values (1)').kind).toBe('insert');
    expect(classifyStatement('BEGIN BATCH INSERT INTO t (a) VALUES (1) APPLY BATCH').kind).toBe('batch');
    expect(classifyStatement('use ks').kind).toBe('use');
  });

  it('reports the schema change of DDL with its keyspace and name', () => {
    expect(
      classifyStatement('CREATE TABLE IF NOT EXISTS ks."MyTable" (a int PRIMARY KEY)').schemaChange,
    ).toEqual({
      changeType: 'CREATED',
      target: 'TABLE',
      keyspace: 'ks',
      name: 'MyTable',
    });
    expect(classifyStatement('alter table t add b text', 'KS').schemaChange).toEqual({
      changeType: 'UPDATED',
      target: 'TABLE',
      keyspace: 'KS',
      name: 't',
    });
    expect(classifyStatement('DROP KEYSPACE IF EXISTS Foo').schemaChange).toMatchObject({
      changeType: 'DROPPED',
      target: 'KEYSPACE',
      keyspace: 'foo',
    });
    expect(
      classifyStatement("CREATE CUSTOM INDEX ON ks.t (v) USING 'StorageAttachedIndex'").schemaChange,
    ).toEqual({
      changeType: 'UPDATED',
      target: 'TABLE',
      keyspace: 'ks',
      name: 't',
    });
    expect(classifyStatement('create or replace function ks.f (a int) ...').schemaChange?.target).toBe(
      'FUNCTION',
    );
    expect(classifyStatement('CREATE TYPE ks.address (street text)').schemaChange?.target).toBe('TYPE');
  });

  it('does not read keywords inside string literals', () => {
    expect(classifyStatement("SELECT * FROM t WHERE a = 'DROP TABLE x'").kind).toBe('select');
  });

  it('treats role management as access control', () => {
    expect(classifyStatement("CREATE ROLE r WITH PASSWORD = 'p'").kind).toBe('access-control');
    expect(classifyStatement('GRANT SELECT ON KEYSPACE ks TO r').kind).toBe('access-control');
  });
});
