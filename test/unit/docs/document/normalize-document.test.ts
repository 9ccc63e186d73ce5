import { describe, expect, it } from 'vitest';
import {
  checkDocumentLimits,
  checkDocumentRoot,
  normalizeDocument,
} from '../../../../services/docs/src/document/normalize-document.js';

const limits = { maxDepth: 3, maxArrayLength: 2, maxDocumentLeaves: 4 };

describe('normalizeDocument', () => {
  it('resolves escaped field names and counts leaves', () => {
    expect(normalizeDocument({ 'a\\.b': 1, 'c\\,d\\*': [true, {}] }, limits)).toEqual({
      value: { 'a.b': 1, 'c,d*': [true, {}] },
      leafCount: 3,
    });
  });

  it('enforces depth, array length and leaf count, counting a sub-path prefix', () => {
    expect(() => normalizeDocument({ a: { b: { c: { d: 1 } } } }, limits)).toThrow(
      'Max depth of 3 exceeded.',
    );
    expect(() => normalizeDocument({ a: 1 }, limits, 3)).toThrow('Max depth of 3 exceeded.');
    expect(() => normalizeDocument({ a: [1, 2, 3] }, limits)).toThrow('Max array length of 2 exceeded.');
    expect(() => normalizeDocument({ a: 1, b: 2, c: 3, d: 4, e: 5 }, limits)).toThrow(
      /more than 4 leaf values/,
    );
    expect(() => checkDocumentLimits({ a: { b: { c: { d: 1 } } } }, limits)).toThrow(
      'Max depth of 3 exceeded.',
    );
  });

  it('refuses field names Stargate cannot address', () => {
    for (const name of ['a.b', 'a[0]', "it's", 'a\\b']) {
      expect(() => normalizeDocument({ [name]: 1 }, limits)).toThrow(
        /not allowed in field names, invalid field/,
      );
    }
    expect(() => normalizeDocument({ '': 1 }, limits)).toThrow(/empty field names/);
  });

  it('accepts only non-empty objects and arrays as whole documents', () => {
    expect(() => checkDocumentRoot({ a: 1 })).not.toThrow();
    expect(() => checkDocumentRoot([1])).not.toThrow();
    expect(() => checkDocumentRoot({})).toThrow(/empty object or an empty array/);
    expect(() => checkDocumentRoot('x')).toThrow(/JSON primitive/);
  });
});
