import { expect, test } from 'vitest';
import { cqlTypeOf, toDataType } from '../../../../services/graphql/src/translate/data-types.js';
import { address, INT, TEXT } from '../support/sample-keyspace.js';

test('DataTypeInput → CQL type text', () => {
  expect(cqlTypeOf({ basic: 'VARCHAR' })).toBe('varchar');
  expect(cqlTypeOf({ basic: 'LIST', info: { subTypes: [{ basic: 'INT' }], frozen: true } })).toBe(
    'frozen<list<int>>',
  );
  expect(
    cqlTypeOf({
      basic: 'MAP',
      info: { subTypes: [{ basic: 'TEXT' }, { basic: 'SET', info: { subTypes: [{ basic: 'UUID' }] } }] },
    }),
  ).toBe('map<text, set<uuid>>');
  expect(cqlTypeOf({ basic: 'TUPLE', info: { subTypes: [{ basic: 'INT' }, { basic: 'TEXT' }] } })).toBe(
    'frozen<tuple<int, text>>',
  );
  expect(cqlTypeOf({ basic: 'UDT', info: { name: 'Address', frozen: true } })).toBe('frozen<"Address">');
  expect(cqlTypeOf({ basic: 'VECTOR', info: { size: 64 } })).toBe('vector<float, 64>');
  expect(cqlTypeOf({ basic: 'VECTOR', info: { size: 2, subTypes: [{ basic: 'INT' }] } })).toBe(
    'vector<int, 2>',
  );
});

test.each([
  [{ basic: 'LIST' }, "List type should contain an 'info' field specifying the sub type"],
  [{ basic: 'MAP', info: { subTypes: [{ basic: 'INT' }] } }, 'Map sub types should contain 2 items'],
  [{ basic: 'TUPLE', info: { subTypes: [] } }, 'TUPLE type should have at least one sub type'],
  [{ basic: 'UDT', info: {} }, "UDT type should contain an 'info' field specifying the UDT name"],
  [{ basic: 'CUSTOM' }, 'Data type CUSTOM is not supported'],
  [{ basic: 'VECTOR' }, "VECTOR type should contain an 'info' field with its dimension as 'size'"],
  [{ basic: 'VECTOR', info: { size: -1 } }, 'a positive integer (got -1)'],
  [{ basic: 'VECTOR', info: { size: 2, subTypes: [null] } }, 'VECTOR sub types must not be null'],
])('%j is refused: %s', (input, message) => {
  expect(() => cqlTypeOf(input)).toThrow(message);
});

test('TypeSpec → DataType', () => {
  expect(toDataType(TEXT)).toEqual({ basic: 'TEXT' });
  expect(toDataType(address)).toEqual({ basic: 'UDT', info: { name: 'address', frozen: true } });
  expect(toDataType({ map: { key: TEXT, value: INT } })).toEqual({
    basic: 'MAP',
    info: { subTypes: [{ basic: 'TEXT' }, { basic: 'INT' }], frozen: false },
  });
  expect(toDataType({ vector: { element: { basic: 8 }, size: 3 } })).toEqual({
    basic: 'VECTOR',
    info: { subTypes: [{ basic: 'FLOAT' }], size: 3 },
  });
});
