// Aggregation fields → CQL selectors and GROUP BY, and aggregate results → each field's scalar.
import { describe, expect, test } from 'vitest';
import { bigintToBytes } from '../../../../services/common/src/codecs/big-integer.js';
import type { Value__Output } from '../../../../services/common/src/proto/generated/stargate/Value.js';
import { aggregateOutput } from '../../../../services/graphql/src/respond/aggregate-values.js';
import { cqlScalar } from '../../../../services/graphql/src/schema/cql-scalars.js';
import { NameMapping } from '../../../../services/graphql/src/schema/name-mapping.js';
import { ValueError } from '../../../../services/graphql/src/translate/graphql-values.js';
import { selectRowsQuery } from '../../../../services/graphql/src/translate/select-rows.js';
import { currentTable } from '../../../../services/graphql/src/translate/table-ref.js';
import { sampleKeyspace } from '../support/sample-keyspace.js';

const description = sampleKeyspace();
const names = new NameMapping(description.tables ?? [], description.types ?? []);
const books = currentTable(description, {
  keyspace: 'library',
  cqlTable: 'books',
  graphqlTable: 'books',
  columns: names.columnNames('books')!,
  names,
});

describe('aggregate selectors and groupBy', () => {
  test('aggregates follow the columns, quoted by their CQL names; groupBy follows the key order', () => {
    const query = selectRowsQuery(
      books,
      { value: { title: 'Dune' }, groupBy: { edition: true, title: true } },
      ['title'],
      [
        { key: 'n', field: '_bigint_function', name: 'COUNT', args: ['firstx20_name'] },
        { key: 'top', field: '_int_function', name: 'max', args: ['edition'] },
      ],
    );
    expect(query.cql).toBe(
      'SELECT "title", count("first name"), max("edition") FROM "library"."books" WHERE "title" = ? GROUP BY "title", "edition"',
    );
  });

  test('groupBy false is no grouping, a non-key column is refused', () => {
    expect(selectRowsQuery(books, { groupBy: { title: false } }, ['title']).cql).not.toContain('GROUP BY');
    expect(() => selectRowsQuery(books, { groupBy: { author: true } }, ['title'])).toThrow(
      new ValueError('groupBy: author is not a primary key column'),
    );
  });

  test('unknown functions, argument counts and columns are ValueErrors', () => {
    const select = (name: string, args: string[]) =>
      selectRowsQuery(books, {}, [], [{ key: 'x', field: '_int_function', name, args }]);
    expect(() => select('median', ['edition'])).toThrow(ValueError);
    expect(() => select('sum', [])).toThrow(/exactly one argument/);
    expect(() => select('sum', ['edition', 'title'])).toThrow(/exactly one argument/);
    expect(() => select('sum', ['"edition"); DROP TABLE x; --'])).toThrow(/does not exist in table books/);
  });
});

describe('aggregate results as each field returns them', () => {
  const json = (field: Parameters<typeof aggregateOutput>[0], value: Value__Output, scalar: string) =>
    cqlScalar(scalar).serialize(aggregateOutput(field, value));
  const int = (n: string | number) => ({ inner: 'int', int: n }) as unknown as Value__Output;
  const varint = (n: bigint) => ({ inner: 'varint', varint: { value: bigintToBytes(n) } }) as Value__Output;
  const decimal = (unscaled: bigint, scale: number) =>
    ({ inner: 'decimal', decimal: { value: bigintToBytes(unscaled), scale } }) as Value__Output;
  const double = (x: number) => ({ inner: 'double', double: x }) as Value__Output;

  test('big integers stay exact', () => {
    expect(json('_bigint_function', int('9223372036854775807'), 'BigInt')).toBe('9223372036854775807');
    expect(json('_varint_function', varint(2n ** 100n), 'Varint')).toBe(`${2n ** 100n}`);
    expect(json('_varint_function', int('9007199254740993'), 'Varint')).toBe('9007199254740993');
    expect(json('_decimal_function', decimal(123456789012345678901234567890n, 10), 'Decimal')).toBe(
      '12345678901234567890.1234567890',
    );
    expect(json('_decimal_function', int('42'), 'Decimal')).toBe('42');
    expect(json('_decimal_function', double(0.1), 'Decimal')).toBe('0.1');
  });

  test('numbers convert when they keep their value, and are refused otherwise', () => {
    expect(aggregateOutput('_int_function', int('2147483647'))).toBe(2147483647);
    expect(aggregateOutput('_int_function', double(6))).toBe(6);
    expect(aggregateOutput('_int_function', decimal(600n, 2))).toBe(6);
    expect(() => aggregateOutput('_int_function', int('2147483648'))).toThrow(ValueError);
    expect(() => aggregateOutput('_int_function', double(2.5))).toThrow(/2\.5 cannot be returned as Int/);
    expect(() => aggregateOutput('_tinyint_function', int(128))).toThrow(/as TinyInt/);
    expect(() => aggregateOutput('_smallint_function', int(-32769))).toThrow(/as SmallInt/);
    expect(() => aggregateOutput('_bigint_function', varint(2n ** 63n))).toThrow(/as BigInt/);
    expect(() => aggregateOutput('_varint_function', decimal(15n, 1))).toThrow(
      /1\.5 cannot be returned as Varint/,
    );
    expect(aggregateOutput('_double_function', decimal(15n, 1))).toBe(1.5);
    expect(json('_float_function', double(1.45), 'Float32')).toBe(1.45);
  });

  test('null (min of no rows) is null', () => {
    expect(aggregateOutput('_int_function', { inner: 'null', null: {} } as Value__Output)).toBeNull();
    expect(aggregateOutput('_int_function', undefined)).toBeNull();
  });
});
