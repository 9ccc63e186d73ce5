import { expect, test } from 'vitest';
import { indexOptions } from '../../../../../services/graphql/src/resolvers/ddl/index-options.js';

const SAI = 'StorageAttachedIndex';

test('similarity_function is written as Cassandra spells it; other options pass as given', () => {
  expect(indexOptions([{ key: 'Similarity_Function', value: ' dot_product ' }, null], SAI)).toEqual({
    similarity_function: 'DOT_PRODUCT',
  });
  expect(indexOptions([{ key: 'case_sensitive', value: 'false' }], SAI)).toEqual({ case_sensitive: 'false' });
  expect(indexOptions(undefined, SAI)).toBeUndefined();
  expect(indexOptions([], undefined)).toBeUndefined();
});

test.each([
  [
    [{ key: 'similarity_function', value: 'MANHATTAN' }],
    SAI,
    'must be one of COSINE, DOT_PRODUCT, EUCLIDEAN, got "MANHATTAN"',
  ],
  [[{ key: 'similarity_function', value: 'COSINE' }], undefined, 'indexOptions need a custom index'],
  [[{ key: ' ', value: 'x' }], SAI, 'must not be empty'],
  [
    [
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
    ],
    SAI,
    'the option a is given twice',
  ],
])('%j with %s is refused', (options, type, message) => {
  expect(() => indexOptions(options, type)).toThrow(message);
});
