import { describe, expect, it } from 'vitest';
import { writeStatements } from '../../../../services/docs/src/storage/document-store.js';
import { indexedText, leafRows } from '../../../../services/docs/src/storage/leaf-rows.js';

describe('leaf rows', () => {
  it('gives each leaf its exact path, generalized path, last segment and typed value', () => {
    expect(leafRows({ a: { 'x.y': 'v' }, l: [1, true], e: [], n: null })).toEqual([
      { p: 'a.x\\.y', gp: 'a.x\\.y', leaf: 'x\\.y', txt: 'v', dbl: null, bool: null },
      { p: 'l.[0]', gp: 'l.[*]', leaf: '[0]', txt: null, dbl: 1, bool: null },
      { p: 'l.[1]', gp: 'l.[*]', leaf: '[1]', txt: null, dbl: null, bool: true },
      { p: 'e', gp: 'e', leaf: 'e', txt: null, dbl: null, bool: null },
      { p: 'n', gp: 'n', leaf: 'n', txt: null, dbl: null, bool: null },
    ]);
  });

  it('indexes long strings by a prefix that never splits a character', () => {
    expect(indexedText('short')).toBe('short');
    const long = 'é'.repeat(600);
    const prefix = indexedText(long);
    expect(Buffer.byteLength(prefix)).toBe(1000);
    expect(long.startsWith(prefix)).toBe(true);
    expect(indexedText('a😀'.repeat(300), 10)).toBe('a😀a😀');
  });

  it('refuses paths too long to index', () => {
    expect(() => leafRows({ ['k'.repeat(3000)]: 1 })).toThrow(/longer than the limit of 2048 bytes/);
  });
});

describe('write statements', () => {
  it('delete the old partition just before writing the JSON and the leaf rows, in one partition', () => {
    const statements = writeStatements({ keyspace: 'ks', table: 't' }, 'id1', { a: 1, b: 'x' }, 0, 1000n);
    expect(statements.map((s) => s.cql)).toEqual([
      'DELETE FROM "ks"."t" USING TIMESTAMP ? WHERE "key" = ?',
      'INSERT INTO "ks"."t" ("key", "doc") VALUES (?, ?) USING TTL ? AND TIMESTAMP ?',
      'INSERT INTO "ks"."t" ("key", "p", "gp", "leaf", "txt", "dbl", "bool") VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?',
      'INSERT INTO "ks"."t" ("key", "p", "gp", "leaf", "txt", "dbl", "bool") VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?',
    ]);
    expect(statements[0]!.values!.values).toEqual([{ int: '999' }, { string: 'id1' }]);
    expect(statements[1]!.values!.values).toEqual([
      { string: 'id1' },
      { string: '{"a":1,"b":"x"}' },
      { int: 0 },
      { int: '1000' },
    ]);
    // Empty cells are unset, never null: a null would write a tombstone.
    expect(statements[2]!.values!.values!.slice(4, 7)).toEqual([{ unset: {} }, { double: 1 }, { unset: {} }]);
  });
});
