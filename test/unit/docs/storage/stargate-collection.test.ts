import { describe, expect, it } from 'vitest';
import {
  parseCollectionComment,
  renderCollectionComment,
} from '../../../../services/docs/src/storage/collection-comment.js';
import {
  isStargateShreddedTable,
  migrateCommand,
  migratedTableName,
} from '../../../../services/docs/src/storage/stargate-collection.js';

const paths = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
const stargate = {
  partitionKey: ['key'],
  clustering: paths(64),
  regular: ['leaf', 'text_value', 'dbl_value', 'bool_value'],
};

describe("Stargate's shredded tables", () => {
  it.each([
    { name: "Stargate's table (64 path columns)", table: stargate, expected: true },
    { name: 'another max depth', table: { ...stargate, clustering: paths(8) }, expected: true },
    {
      name: 'ours',
      table: {
        partitionKey: ['key'],
        clustering: ['p'],
        regular: ['gp', 'leaf', 'txt', 'dbl', 'bool'],
        static: ['doc'],
      },
      expected: false,
    },
    { name: 'path columns out of order', table: { ...stargate, clustering: ['p1', 'p0'] }, expected: false },
    {
      name: 'a value column missing',
      table: { ...stargate, regular: ['leaf', 'text_value', 'dbl_value'] },
      expected: false,
    },
    { name: 'an extra column', table: { ...stargate, regular: [...stargate.regular, 'x'] }, expected: false },
    { name: 'another partition key', table: { ...stargate, partitionKey: ['id'] }, expected: false },
  ])('$name → $expected', ({ table, expected }) => {
    expect(isStargateShreddedTable(table)).toBe(expected);
  });

  it('are migrated into <name>__migrated, within the 222 characters of a table name', () => {
    expect(migratedTableName('books')).toBe('books__migrated');
    expect(migratedTableName('x'.repeat(212))).toHaveLength(222);
    expect(migratedTableName('x'.repeat(213))).toBeUndefined();
  });

  it('name the command that migrates them', () => {
    expect(migrateCommand('shop', 'books')).toBe(
      'npm run migrate -- stargate-docs --namespace shop --collection books',
    );
  });
});

describe('collection comments', () => {
  it('hold the JSON schema as Stargate wrote it, and the migration marker', () => {
    expect(parseCollectionComment('{"schema":{"type":"object"}}')).toEqual({ schema: { type: 'object' } });
    const marked = renderCollectionComment({
      schema: { type: 'object' },
      migratedFrom: 'books',
      migration: 'copying',
    });
    expect(parseCollectionComment(marked)).toEqual({
      schema: { type: 'object' },
      migratedFrom: 'books',
      migration: 'copying',
    });
    expect(renderCollectionComment({ schema: { a: 1 } })).toBe('{"schema":{"a":1}}');
  });

  it('ignore what is not theirs', () => {
    for (const comment of [
      undefined,
      '',
      'a note',
      '[1]',
      'null',
      '{"migratedFrom":"books","migration":"maybe"}',
    ]) {
      expect(parseCollectionComment(comment)).toEqual({});
    }
  });
});
