import { describe, expect, it } from 'vitest';
import { deleteAt, getAt, leavesAt, setAt } from '../../../../services/docs/src/document/json-tree.js';
import { parseUrlPath } from '../../../../services/docs/src/path/field-path.js';

const path = (...segments: string[]) => parseUrlPath(segments, 1000);

describe('json tree', () => {
  it('gets values by path', () => {
    const doc = { a: [{ b: 1 }, null], c: {} };
    expect(getAt(doc, path('a', '[0]', 'b'))).toBe(1);
    expect(getAt(doc, path('a', '[1]'))).toBeNull();
    expect(getAt(doc, path('a', '[2]'))).toBeUndefined();
    expect(getAt(doc, path('c', 'x'))).toBeUndefined();
  });

  it('sets values, creating containers, padding arrays and replacing wrong shapes', () => {
    expect(setAt(undefined, path('a', '[2]', 'b'), 1)).toEqual({ a: [null, null, { b: 1 }] });
    expect(setAt({ a: 5 }, path('a', 'b'), true)).toEqual({ a: { b: true } });
    const original = { a: { keep: 1 } };
    expect(setAt(original, path('a', 'new'), 2)).toEqual({ a: { keep: 1, new: 2 } });
    expect(original).toEqual({ a: { keep: 1 } });
  });

  it('keeps "__proto__" an ordinary key', () => {
    const doc = setAt({}, path('__proto__', 'polluted'), true) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deletes values; a removed middle array element leaves a null', () => {
    const doc = { a: { b: 1, c: 2 }, l: [1, 2, 3] };
    expect(deleteAt(doc, path('a', 'b'))).toEqual({ a: { c: 2 }, l: [1, 2, 3] });
    expect(deleteAt(doc, path('l', '[0]'))).toEqual({ a: { b: 1, c: 2 }, l: [null, 2, 3] });
    expect(deleteAt(doc, path('l', '[2]'))).toEqual({ a: { b: 1, c: 2 }, l: [1, 2] });
    expect(deleteAt(doc, path('x', 'y'))).toBe(doc);
  });

  it('lists the leaves on a pattern', () => {
    const doc = { a: [{ b: 1 }, { b: { c: 2 } }, { b: [] }] };
    const leaves = leavesAt(doc, [
      { kind: 'key', key: 'a' },
      { kind: 'anyIndex' },
      { kind: 'key', key: 'b' },
    ]);
    expect(leaves.map((l) => l.value)).toEqual([1, []]);
  });
});
