import { expect, test } from 'vitest';
import type { TypeSpec__Output } from '../../../../services/common/src/proto/generated/stargate/TypeSpec.js';
import { NameMapping } from '../../../../services/graphql/src/schema/name-mapping.js';
import { fromProtoValue, toProtoValue } from '../../../../services/graphql/src/translate/graphql-values.js';

const names = new NameMapping([], []);
const floats: TypeSpec__Output = { vector: { element: { basic: 8 as TypeSpec__Output['basic'] }, size: 3 } };
const ints: TypeSpec__Output = { vector: { element: { basic: 9 as TypeSpec__Output['basic'] }, size: 2 } };

test('float vectors: numbers in as float32, the shortest decimal out', () => {
  const value = toProtoValue(floats, [0.1, -2, 3], names);
  expect(value).toEqual({
    collection: { elements: [{ float: Math.fround(0.1) }, { float: -2 }, { float: 3 }] },
  });
  expect(fromProtoValue(floats, { ...value, inner: 'collection' } as never, names)).toEqual([0.1, -2, 3]);
});

test('vectors of other element types convert each element by its type', () => {
  expect(toProtoValue(ints, [1, 2], names)).toEqual({ collection: { elements: [{ int: 1 }, { int: 2 }] } });
});

test.each([
  [
    floats,
    [1, 2],
    'a vector<float, 3> value must be a list of exactly 3 numbers (vector<float, 3>), got 2 elements',
  ],
  [floats, [1, 2, 3, 4], 'got 4 elements'],
  [floats, [1, null, 3], 'but element 1 is null'],
  [floats, [1, '2', 3], 'element 1 ("2") is not a number a float can hold'],
  [floats, [1, 2, -1e39], 'element 2 (-1e+39) is not a number a float can hold'],
  [floats, 'x', 'must be a list of exactly 3 numbers'],
  [ints, [1], 'a list of exactly 2 elements (vector<int, 2>), got 1 element'],
])('%j %j is refused', (type, value, message) => {
  expect(() => toProtoValue(type, value, names)).toThrow(message);
});
