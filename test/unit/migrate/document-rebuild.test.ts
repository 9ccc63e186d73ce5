// Stargate's shredded rows → the document Stargate answered for them: one case per shape the
// shredded layout can hold (facts §4.2), including field names written with Stargate's escapes.
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../services/docs/src/document/json-tree.js';
import {
  documentTtlSeconds,
  EMPTY_ARRAY_MARKER,
  EMPTY_OBJECT_MARKER,
  ROOT_DOC_MARKER,
  rebuildDocument,
  type ShreddedRow,
} from '../../../tools/migrate/document-rebuild.js';

/** A row as Stargate wrote it: the path segments, then the value in its column. */
function row(
  path: string[],
  value: { text?: string; dbl?: number; bool?: boolean | number } = {},
  writetime = 1,
) {
  return {
    path,
    leaf: path[path.length - 1] ?? null,
    text: value.text ?? null,
    dbl: value.dbl ?? null,
    bool: value.bool ?? null,
    writetime,
  } satisfies ShreddedRow;
}

const cases: Array<{ name: string; rows: ShreddedRow[]; expected: Json }> = [
  {
    name: 'scalars of every kind, and null (every value column null)',
    rows: [
      row(['flag'], { bool: false }),
      row(['n'], { dbl: 42 }),
      row(['nothing']),
      row(['title'], { text: 'Dune' }),
    ],
    expected: { flag: false, n: 42, nothing: null, title: 'Dune' },
  },
  {
    name: 'numbers stored as double: whole, fractional, negative, large',
    rows: [
      row(['a'], { dbl: 3 }),
      row(['b'], { dbl: 2.5 }),
      row(['c'], { dbl: -7.25 }),
      row(['d'], { dbl: 1e21 }),
    ],
    expected: { a: 3, b: 2.5, c: -7.25, d: 1e21 },
  },
  {
    name: 'strings that look like other types stay strings, the empty string too',
    rows: [
      row(['a'], { text: '42' }),
      row(['b'], { text: 'true' }),
      row(['c'], { text: '' }),
      row(['d'], { text: 'null' }),
    ],
    expected: { a: '42', b: 'true', c: '', d: 'null' },
  },
  {
    name: 'nested objects',
    rows: [
      row(['author', 'name', 'first'], { text: 'Frank' }),
      row(['author', 'name', 'last'], { text: 'Herbert' }),
      row(['author', 'born'], { dbl: 1920 }),
    ],
    expected: { author: { name: { first: 'Frank', last: 'Herbert' }, born: 1920 } },
  },
  {
    name: 'array segments [000003] become indexes, past 9 too',
    rows: Array.from({ length: 12 }, (_, i) => row(['tags', `[${String(i).padStart(6, '0')}]`], { dbl: i })),
    expected: { tags: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
  },
  {
    name: 'arrays of objects and arrays of arrays',
    rows: [
      row(['items', '[000000]', 'sku'], { text: 'a1' }),
      row(['items', '[000000]', 'qty'], { dbl: 2 }),
      row(['items', '[000001]', 'sku'], { text: 'b2' }),
      row(['grid', '[000000]', '[000000]'], { dbl: 1 }),
      row(['grid', '[000000]', '[000001]'], { dbl: 2 }),
      row(['grid', '[000001]', '[000000]'], { dbl: 3 }),
    ],
    expected: { items: [{ sku: 'a1', qty: 2 }, { sku: 'b2' }], grid: [[1, 2], [3]] },
  },
  {
    name: 'a document whose root is an array',
    rows: [row(['[000000]'], { text: 'x' }), row(['[000001]', 'y'], { bool: true })],
    expected: ['x', { y: true }],
  },
  {
    name: 'empty object and empty array markers, nested and inside arrays',
    rows: [
      row(['meta'], { text: EMPTY_OBJECT_MARKER }),
      row(['list'], { text: EMPTY_ARRAY_MARKER }),
      row(['deep', 'x', '[000000]'], { text: EMPTY_OBJECT_MARKER }),
      row(['deep', 'x', '[000001]'], { text: EMPTY_ARRAY_MARKER }),
    ],
    expected: { meta: {}, list: [], deep: { x: [{}, []] } },
  },
  {
    name: 'nulls inside arrays, and missing elements filled with null',
    rows: [row(['a', '[000000]']), row(['a', '[000001]'], { dbl: 1 }), row(['b', '[000002]'], { text: 'z' })],
    expected: { a: [null, 1], b: [null, null, 'z'] },
  },
  {
    name: "field names with Stargate's escapes: `a\\.b`, `x\\,y`, `\\*` were stored resolved",
    rows: [
      row(['a.b'], { dbl: 1 }),
      row(['x,y', 'z'], { dbl: 2 }),
      row(['*'], { dbl: 3 }),
      row(['c', 'd.e.f'], { text: 'g' }),
    ],
    expected: { 'a.b': 1, 'x,y': { z: 2 }, '*': 3, c: { 'd.e.f': 'g' } },
  },
  {
    name: 'other characters in field names as they are: spaces, unicode, $ and @, __proto__',
    rows: [
      row(['first name'], { text: 'Ada' }),
      row(['città'], { text: 'Roma' }),
      row(['$ref', '@id'], { dbl: 7 }),
      row(['__proto__', 'x'], { dbl: 1 }),
    ],
    expected: JSON.parse('{"first name":"Ada","città":"Roma","$ref":{"@id":7},"__proto__":{"x":1}}') as Json,
  },
  {
    name: 'numeric booleans (a tinyint bool_value): 0 and 1',
    rows: [row(['yes'], { bool: 1 }), row(['no'], { bool: 0 })],
    expected: { yes: true, no: false },
  },
  {
    name: 'the root marker row carries no value',
    rows: [{ ...row(['']), path: [], leaf: ROOT_DOC_MARKER }, row(['a'], { dbl: 1 })],
    expected: { a: 1 },
  },
  {
    name: 'rows of an older write under a newer scalar: the newer write wins',
    rows: [
      row(['a', 'b'], { dbl: 1 }, 10),
      row(['a'], { text: 'now a string' }, 20),
      row(['a', 'c'], { dbl: 2 }, 10),
    ],
    expected: { a: 'now a string' },
  },
  {
    name: 'an older scalar under newer rows of an object: the object wins',
    rows: [row(['a'], { dbl: 1 }, 10), row(['a', 'b'], { dbl: 2 }, 20)],
    expected: { a: { b: 2 } },
  },
  {
    name: 'an older array replaced by a newer object, and an older object by a newer array',
    rows: [
      row(['a', '[000000]'], { dbl: 1 }, 10),
      row(['a', 'k'], { dbl: 2 }, 20),
      row(['b', 'k'], { dbl: 3 }, 10),
      row(['b', '[000000]'], { dbl: 4 }, 20),
    ],
    expected: { a: { k: 2 }, b: [4] },
  },
  {
    name: 'a merged (patched) document keeps the keys of both writes',
    rows: [row(['a'], { dbl: 1 }, 10), row(['b'], { dbl: 2 }, 20)],
    expected: { a: 1, b: 2 },
  },
];

describe('rebuildDocument', () => {
  it.each(cases)('$name', ({ rows, expected }) => {
    expect(rebuildDocument(rows)).toStrictEqual(expected);
  });

  it('keeps keys in the order of the rows (clustering order), as Stargate answered them', () => {
    const doc = rebuildDocument([row(['b'], { dbl: 1 }), row(['a'], { dbl: 2 }), row(['c'], { dbl: 3 })]);
    expect(JSON.stringify(doc)).toBe('{"b":1,"a":2,"c":3}');
  });
});

describe('documentTtlSeconds', () => {
  const withTtl = (ttl: number | null) => ({ ...row(['a'], { dbl: 1 }), ttlSeconds: ttl });
  it.each([
    { name: 'no row has a TTL', ttls: [null, null], expected: undefined },
    { name: 'every row has one: the longest', ttls: [100, 300, 200], expected: 300 },
    { name: 'one row without: none', ttls: [100, null], expected: undefined },
  ])('$name', ({ ttls, expected }) => {
    expect(documentTtlSeconds(ttls.map(withTtl))).toBe(expected);
  });
});
