// A collection's vector declaration: the create request's `vector` checked with messages naming
// the field, and the settings read back from the table (column dimension, index similarity).
import { describe, expect, it } from 'vitest';
import type { CqlTable__Output } from '../../../../services/common/src/proto/generated/stargate/CqlTable.js';
import {
  parseVectorDeclaration,
  vectorSettingsOf,
} from '../../../../services/docs/src/vector/vector-settings.js';

describe('parseVectorDeclaration', () => {
  it('accepts a dimension of 1 to 8192 and the three metrics, cosine by default', () => {
    expect(parseVectorDeclaration({ dimension: 1 })).toEqual({ dimension: 1, metric: 'cosine' });
    expect(parseVectorDeclaration({ dimension: 8192, metric: 'euclidean' })).toEqual({
      dimension: 8192,
      metric: 'euclidean',
    });
    expect(parseVectorDeclaration({ dimension: 5, metric: 'dot_product' }).metric).toBe('dot_product');
  });

  it.each([
    [null, 'it must be a JSON object, got null'],
    [[1], 'it must be a JSON object, got an array'],
    [{}, '`dimension` is missing'],
    [{ dimension: '3' }, '`dimension` must be a whole number, got "3"'],
    [{ dimension: 1.5 }, '`dimension` must be a whole number, got 1.5'],
    [{ dimension: 0 }, '`dimension` must be 1 to 8192, got 0'],
    [{ dimension: 8193 }, '`dimension` must be 1 to 8192, got 8193'],
    [
      { dimension: 3, metric: 'COSINE' },
      '`metric` must be one of cosine, dot_product, euclidean, got "COSINE"',
    ],
    [{ dimension: 3, size: 3 }, 'unknown field "size"'],
  ])('refuses %j: %s', (value, detail) => {
    expect(() => parseVectorDeclaration(value)).toThrow(`Invalid \`vector\` of the collection: ${detail}.`);
  });
});

describe('vectorSettingsOf', () => {
  const table = (indexes: CqlTable__Output['indexes']): CqlTable__Output => ({
    name: 'articles',
    columns: [
      { name: 'gp', type: { basic: 13 } },
      { name: 'vec', type: { vector: { element: { basic: 8 }, size: 3 } } },
    ] as unknown as CqlTable__Output['columns'],
    indexes,
  });
  const sai = (options: Record<string, string>) =>
    [
      {
        columnName: 'vec',
        indexingClass: { value: 'org.apache.cassandra.index.sai.StorageAttachedIndex' },
        options,
      },
    ] as unknown as CqlTable__Output['indexes'];

  it('reads the dimension from the column and the metric from the index', () => {
    expect(vectorSettingsOf(table(sai({ similarity_function: 'euclidean' })))).toEqual({
      dimension: 3,
      metric: 'euclidean',
    });
    expect(vectorSettingsOf(table(sai({})))).toEqual({ dimension: 3, metric: 'cosine' });
  });

  it('is undefined without the vector column or its index', () => {
    expect(vectorSettingsOf(table([]))).toBeUndefined();
    expect(vectorSettingsOf({ name: 'books', columns: [] } as unknown as CqlTable__Output)).toBeUndefined();
  });
});
