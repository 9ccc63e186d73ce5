import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../../../services/docs/src/parse/where.js';
import { compareStrings, evaluate } from '../../../../services/docs/src/search/evaluate.js';

const doc = {
  n: 5,
  s: 'abc',
  b: true,
  nil: null,
  empty: {},
  list: [1, 'two', { deep: 3 }],
  obj: { x: 1, y: { x: 2 } },
};
const holds = (where: unknown) => evaluate(parseWhere(JSON.stringify(where), { maxArrayLength: 100 }), doc);

describe('evaluate', () => {
  it('compares values of the same type only', () => {
    expect(holds({ n: { $eq: 5 } })).toBe(true);
    expect(holds({ n: { $eq: '5' } })).toBe(false);
    expect(holds({ n: { $gte: 5, $lt: 6 } })).toBe(true);
    expect(holds({ s: { $gt: 'abb' } })).toBe(true);
    expect(holds({ s: { $lt: 1 } })).toBe(false);
    expect(holds({ b: { $eq: true } })).toBe(true);
  });

  it('$ne and $nin hold for other types and for missing fields', () => {
    expect(holds({ n: { $ne: 'x' } })).toBe(true);
    expect(holds({ n: { $ne: 5 } })).toBe(false);
    expect(holds({ missing: { $ne: 1 } })).toBe(true);
    expect(holds({ missing: { $nin: [1] } })).toBe(true);
    expect(holds({ s: { $nin: ['abc'] } })).toBe(false);
  });

  it('$exists looks at leaves: scalars, nulls, empty objects and arrays', () => {
    expect(holds({ nil: { $exists: true } })).toBe(true);
    expect(holds({ empty: { $exists: true } })).toBe(true);
    expect(holds({ missing: { $exists: false } })).toBe(true);
    // A non-empty object is not a leaf, as in Stargate's one-row-per-leaf model.
    expect(holds({ obj: { $exists: true } })).toBe(false);
  });

  it('$in matches null leaves when null is listed', () => {
    expect(holds({ nil: { $in: [null] } })).toBe(true);
    expect(holds({ nil: { $in: [1] } })).toBe(false);
    expect(holds({ n: { $in: [1, 5] } })).toBe(true);
  });

  it('globs match any leaf on their paths', () => {
    expect(holds({ 'list.[*]': { $eq: 'two' } })).toBe(true);
    expect(holds({ 'list.[*].deep': { $eq: 3 } })).toBe(true);
    expect(holds({ 'obj.*': { $eq: 1 } })).toBe(true);
    expect(holds({ '*.x': { $eq: 2 } })).toBe(false);
    expect(holds({ '*.*.x': { $eq: 2 } })).toBe(true);
    expect(holds({ 'obj.x,z': { $eq: 1 } })).toBe(true);
  });

  it('combines with AND, OR and NOT', () => {
    expect(holds({ $or: [{ n: { $eq: 1 } }, { s: { $eq: 'abc' } }] })).toBe(true);
    expect(holds({ $and: [{ n: { $eq: 5 } }, { s: { $eq: 'x' } }] })).toBe(false);
    expect(holds({ $not: { n: { $eq: 5 } } })).toBe(false);
    expect(holds({ $or: [] })).toBe(false);
  });

  it('orders strings by code point (UTF-8 byte order)', () => {
    expect(compareStrings('\uffff', '\u{1F600}')).toBeLessThan(0);
    expect(compareStrings('a', 'ab')).toBeLessThan(0);
    expect(compareStrings('b', 'ab')).toBeGreaterThan(0);
  });
});
