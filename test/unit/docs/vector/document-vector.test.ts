// A document's `$vector`: checked against the collection's declaration, kept as the float32
// numbers the column stores; refused in a collection without a vector and in a `where`.
import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../../../services/docs/src/parse/where.js';
import {
  checkVector,
  documentVector,
  refuseVectorConditions,
} from '../../../../services/docs/src/vector/document-vector.js';

const cosine3 = { dimension: 3, metric: 'cosine' as const };

describe('documentVector', () => {
  it('answers the vector as float32 and the document with its shortest decimals, keys in order', () => {
    const { doc, vector } = documentVector({ a: 1, $vector: [0.1, 0.123456789, -2], z: true }, cosine3, 'c');
    expect(vector).toEqual([Math.fround(0.1), Math.fround(0.123456789), -2]);
    expect(JSON.stringify(doc)).toBe('{"a":1,"$vector":[0.1,0.12345679,-2],"z":true}');
  });

  it('leaves documents without a top-level $vector alone', () => {
    const nested = { a: { $vector: 'not ours' } };
    expect(documentVector(nested, undefined, 'c')).toEqual({ doc: nested });
    expect(documentVector([1, 2], cosine3, 'c')).toEqual({ doc: [1, 2] });
  });

  it('refuses a $vector in a collection that declares none, naming it', () => {
    expect(() => documentVector({ $vector: [1, 2, 3] }, undefined, 'books')).toThrow(
      /^The collection books declares no vector/,
    );
  });
});

describe('checkVector', () => {
  const fail =
    (value: unknown, settings = cosine3) =>
    () =>
      checkVector(value, settings, '`$vector` of the sort');
  it('refuses what is not dimension finite float numbers, and zero vectors under cosine', () => {
    expect(fail([1, 2])).toThrow(
      "Invalid `$vector` of the sort: the collection's vectors have 3 dimensions, this one has 2.",
    );
    expect(fail([1, null, 3])).toThrow('element [1] is null, not a number');
    expect(fail({ a: 1 })).toThrow('it must be an array of 3 numbers, got an object');
    expect(fail([1, 2, 1e39])).toThrow('element [2] (1e+39) is beyond the range of a float');
    expect(fail([0, 0, 0])).toThrow('every element is 0');
    expect(checkVector([0, 0, 0], { dimension: 3, metric: 'euclidean' }, 'v')).toEqual([0, 0, 0]);
  });
});

describe('refuseVectorConditions', () => {
  const where = (json: unknown) => parseWhere(JSON.stringify(json), { maxArrayLength: 1000 });
  it('refuses a condition on the top-level $vector, also among alternatives and inside $or', () => {
    for (const w of [
      { $vector: { $exists: true } },
      { 'a,$vector': { $eq: 1 } },
      { $or: [{ a: { $eq: 1 } }, { $vector: { $eq: 2 } }] },
    ]) {
      expect(() => refuseVectorConditions(where(w))).toThrow(/`\$vector` cannot be searched with `where`/);
    }
  });
  it('accepts other fields, and $vector below the top level', () => {
    expect(() =>
      refuseVectorConditions(where({ a: { $eq: 1 }, 'b.$vector': { $exists: true } })),
    ).not.toThrow();
  });
});
