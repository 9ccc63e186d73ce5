import { describe, expect, it } from 'vitest';
import { pageSize, ttl } from '../../../../services/docs/src/parse/query-params.js';
import { parseSort } from '../../../../services/docs/src/parse/sort.js';

describe('sort', () => {
  it('reads paths and directions in order', () => {
    expect(parseSort('{"a.b":-1,"c.[0]":1}', 100)).toEqual([
      {
        path: [
          { kind: 'key', key: 'a' },
          { kind: 'key', key: 'b' },
        ],
        text: 'a.b',
        direction: -1,
      },
      {
        path: [
          { kind: 'key', key: 'c' },
          { kind: 'index', index: 0 },
        ],
        text: 'c.[0]',
        direction: 1,
      },
    ]);
    expect(parseSort(undefined, 100)).toBeUndefined();
  });

  it('refuses bad sorts', () => {
    expect(() => parseSort('[1]', 100)).toThrow(/not a JSON object/);
    expect(() => parseSort('{}', 100)).toThrow(/names no field/);
    expect(() => parseSort('{"a":"asc"}', 100)).toThrow(/not 1 or -1/);
    expect(() => parseSort('{"a.*":1}', 100)).toThrow(/glob/);
  });
});

describe('query parameters', () => {
  const rule = {
    defaultSize: 3,
    max: 20,
    minimumMessage: 'the minimum number of documents to return is one',
  };
  it('page-size: default, bounds, integers only', () => {
    expect(pageSize({}, rule)).toEqual({ size: 3, given: false });
    expect(pageSize({ 'page-size': '20' }, rule)).toEqual({ size: 20, given: true });
    expect(() => pageSize({ 'page-size': '21' }, rule)).toThrow(
      'The parameter `page-size` is limited to 20.',
    );
    expect(() => pageSize({ 'page-size': '0' }, rule)).toThrow('Request invalid: the minimum number');
    expect(() => pageSize({ 'page-size': '2.5' }, rule)).toThrow(/must be an integer/);
  });

  it('ttl: a positive integer', () => {
    expect(ttl({})).toBeUndefined();
    expect(ttl({ ttl: '60' })).toBe(60);
    expect(() => ttl({ ttl: '0' })).toThrow('TTL on a full document must be a positive integer');
  });
});
