import { describe, expect, test } from 'vitest';
import { Kind, type ValueNode } from '../../../../services/graphql/src/graphql-js.js';
import { cqlScalar } from '../../../../services/graphql/src/schema/cql-scalars.js';

const literal = (kind: Kind.STRING | Kind.INT | Kind.FLOAT, value: string) => ({ kind, value }) as ValueNode;
const roundTrip = (name: string, input: unknown) =>
  cqlScalar(name).serialize(cqlScalar(name).parseValue(input));

describe('custom scalars parse to proto values and format them back', () => {
  test.each([
    ['Uuid', 'FE86CAD0-1965-11EB-84E6-AB660D2E8C9E', 'fe86cad0-1965-11eb-84e6-ab660d2e8c9e'],
    ['TimeUuid', 'fe86cad0-1965-11eb-84e6-ab660d2e8c9e', 'fe86cad0-1965-11eb-84e6-ab660d2e8c9e'],
    ['Inet', '10.0.0.1', '10.0.0.1'],
    ['Inet', '2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['Date', '2020-10-21', '2020-10-21'],
    ['Date', 2147483648, '1970-01-01'],
    ['Time', '10:15', '10:15:00.000000000'],
    ['Time', 1_000_000_001, '00:00:01.000000001'],
    ['Timestamp', '2011-02-03 04:05+0000', '2011-02-03T04:05:00.000Z'],
    ['Timestamp', 0, '1970-01-01T00:00:00.000Z'],
    ['Duration', 'P1Y2M3DT4H', '1y2mo3d4h'],
    ['Duration', '-3d', '-3d'],
    ['BigInt', '-9223372036854775808', '-9223372036854775808'],
    ['BigInt', 42, '42'],
    ['Counter', '7', '7'],
    ['Varint', '123456789012345678901234567890', '123456789012345678901234567890'],
    ['Decimal', '1e-3', '0.001'],
    ['Decimal', '-12.50', '-12.50'],
    ['Float32', 0.1, 0.1],
    ['Float32', 16777217, 16777216],
    ['Blob', 'yv4=', 'yv4='],
    ['Blob', 'yv4', 'yv4='],
    ['SmallInt', -32768, -32768],
    ['TinyInt', 127, 127],
    ['Ascii', 'abc', 'abc'],
  ])('%s %j → %j', (name, input, output) => {
    expect(roundTrip(name, input)).toEqual(output);
  });

  test('literals keep exact digits', () => {
    const bigint = cqlScalar('BigInt');
    expect(bigint.serialize(bigint.parseLiteral(literal(Kind.INT, '9223372036854775807')))).toBe(
      '9223372036854775807',
    );
    const varint = cqlScalar('Varint');
    expect(varint.serialize(varint.parseLiteral(literal(Kind.INT, '-99999999999999999999999')))).toBe(
      '-99999999999999999999999',
    );
    const decimal = cqlScalar('Decimal');
    expect(decimal.serialize(decimal.parseLiteral(literal(Kind.FLOAT, '3.14159265358979323846264338')))).toBe(
      '3.14159265358979323846264338',
    );
  });

  test('uuid() and now() generate values of the right version', () => {
    expect(roundTrip('Uuid', 'uuid()')).toMatch(/^[0-9a-f-]{14}4/);
    expect(roundTrip('TimeUuid', 'now()')).toMatch(/^[0-9a-f-]{14}1/);
  });

  test.each([
    ['Uuid', 'abc', /^Invalid Uuid value "abc": expected a UUID/],
    ['TimeUuid', '00000000-0000-4000-8000-000000000000', /^Invalid TimeUuid value .*version 1/],
    ['BigInt', '9223372036854775808', /^Invalid BigInt value "9223372036854775808"/],
    ['BigInt', 2 ** 60, /beyond 2\^53 lose precision in JSON; send the value as a string/],
    ['SmallInt', 40000, /^Invalid SmallInt value 40000: expected an integer from -32768 to 32767/],
    ['TinyInt', '1', /^Invalid TinyInt value "1"/],
    ['Date', '2021-02-30', /^Invalid Date value "2021-02-30"/],
    ['Time', '24:00', /^Invalid Time value "24:00"/],
    ['Duration', '1d-2h', /^Invalid Duration value/],
    ['Duration', '1d1', /^Invalid Duration value/],
    ['Blob', 'a b', /^Invalid Blob value "a b"/],
    ['Decimal', 'NaN', /^Invalid Decimal value "NaN"/],
    ['Float32', 'x', /^Invalid Float32 value "x": expected a number/],
    ['Inet', 'localhost', /^Invalid Inet value "localhost"/],
    ['Ascii', 'ß', /^Invalid Ascii value "ß"/],
    ['Timestamp', true, /^Invalid Timestamp value true/],
  ])('%s refuses %j', (name, input, message) => {
    expect(() => cqlScalar(name).parseValue(input)).toThrow(message);
  });

  test('a literal of the wrong kind is refused', () => {
    expect(() => cqlScalar('Uuid').parseLiteral(literal(Kind.INT, '1'))).toThrow(/^Invalid Uuid value 1/);
    expect(() => cqlScalar('SmallInt').parseLiteral(literal(Kind.STRING, '1'))).toThrow(
      /^Invalid SmallInt value "1"/,
    );
  });
});
