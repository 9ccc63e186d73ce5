import { describe, expect, it } from 'vitest';
import { basicTypeName, parseCqlType } from '../../../services/common/src/cql/cql-type.js';

const noUdt = () => undefined;

describe('parseCqlType', () => {
  it('parses native types, reporting text as varchar', () => {
    expect(parseCqlType('int', noUdt)).toEqual({ basic: 9 });
    expect(parseCqlType('text', noUdt)).toEqual({ basic: 13 });
    expect(parseCqlType('duration', noUdt)).toEqual({ basic: 21 });
  });

  it('parses nested and frozen collections, tuples and vectors', () => {
    expect(parseCqlType('frozen<map<text, frozen<list<int>>>>', noUdt)).toEqual({
      map: { key: { basic: 13 }, value: { list: { element: { basic: 9 }, frozen: true } }, frozen: true },
    });
    expect(parseCqlType('tuple<int, text>', noUdt)).toEqual({
      tuple: { elements: [{ basic: 9 }, { basic: 13 }] },
    });
    expect(parseCqlType('vector<float, 3>', noUdt)).toEqual({ vector: { element: { basic: 8 }, size: 3 } });
  });

  it('resolves user-defined types, quoted or not', () => {
    const resolve = (name: string) => (name === 'Addr' ? { udt: { name: 'Addr', fields: {} } } : undefined);
    expect(parseCqlType('frozen<"Addr">', resolve)).toEqual({
      udt: { name: 'Addr', fields: {}, frozen: true },
    });
    expect(() => parseCqlType('nope', resolve)).toThrow('unknown type nope');
  });

  it('reads a custom type written as its class name', () => {
    expect(parseCqlType("frozen<list<'org.apache.cassandra.db.marshal.BytesType'>>", noUdt)).toEqual({
      list: { element: { basic: 0 }, frozen: true },
    });
  });
});

describe('basicTypeName', () => {
  it('names the native types as CQL does, varchar as text, others as custom', () => {
    expect([0, 5, 10, 13, 21, 22, undefined].map(basicTypeName)).toEqual([
      'custom',
      'counter',
      'text',
      'text',
      'duration',
      'custom',
      'custom',
    ]);
  });
});
