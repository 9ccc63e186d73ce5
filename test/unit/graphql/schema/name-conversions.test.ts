import { describe, expect, test } from 'vitest';
import { toCqlName, toGraphqlName } from '../../../../services/graphql/src/schema/name-conversions.js';

describe('CQL names as GraphQL names (Stargate NameConversions)', () => {
  test.each([
    ['books', 'table', 'books'],
    ['first name', 'column', 'firstx20_name'],
    ['2fast', 'column', 'x32_fast'],
    ['__internal', 'column', 'x5f__internal'],
    ['éclair', 'column', 'xe9_clair'],
    ['box1_', 'column', 'box78_1_'],
    ['x1_', 'column', 'x78_1_'],
    ['Query', 'table', 'Querx79_'],
    ['Uuid', 'table', 'Uuix64_'],
    ['Float32', 'table', 'Float32'],
    ['EntryPoints', 'table', 'Entrx79_Points'],
    ['TupleThing', 'table', 'Tuplx65_Thing'],
    ['userInput', 'table', 'userInpux74_'],
    ['salesResult', 'table', 'salesResulx74_'],
    ['address', 'udt', 'addressUdt'],
    ['EntryType', 'udt', 'Entrx79_TypeUdt'],
    ['Query', 'column', 'Query'],
  ] as const)('%s (%s) → %s', (cql, kind, graphql) => {
    expect(toGraphqlName(cql, kind)).toBe(graphql);
  });

  test.each([
    ['firstx20_name', 'column', 'first name'],
    ['x32_fast', 'column', '2fast'],
    ['x5f__internal', 'column', '__internal'],
    ['xe9_clair', 'column', 'éclair'],
    ['x78_1_', 'column', 'x1_'],
    ['addressUdt', 'udt', 'address'],
    ['box78_1_', 'column', 'box1_'],
  ] as const)('back: %s (%s) → %s', (graphql, kind, cql) => {
    expect(toCqlName(graphql, kind)).toBe(cql);
  });

  test('a name outside the basic multilingual plane is escaped by code point', () => {
    expect(toGraphqlName('a😀', 'column')).toBe('ax1f600_');
    expect(toCqlName('ax1f600_', 'column')).toBe('a😀');
  });
});
