import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../services/common/src/errors/api-error.js';
import {
  matchesPattern,
  parseFieldPath,
  parseUrlPath,
  splitUnescaped,
  unescapeName,
} from '../../../../services/docs/src/path/field-path.js';

const invalid = (detail: string) => new ApiError('DOCS_API_SEARCH_FILTER_INVALID', { detail });
const parse = (text: string) => parseFieldPath(text, 1000, invalid).segments;

describe('field paths', () => {
  it('splits on unescaped periods and commas only', () => {
    expect(splitUnescaped('a.b\\.c.d', '.')).toEqual(['a', 'b\\.c', 'd']);
    expect(splitUnescaped('x,y\\,z', ',')).toEqual(['x', 'y\\,z']);
    expect(unescapeName('a\\.b\\,c\\*')).toEqual('a.b,c*');
  });

  it('parses keys, indexes, globs and alternatives', () => {
    expect(parse('race.competitors.[2].name')).toEqual([
      { kind: 'key', key: 'race' },
      { kind: 'key', key: 'competitors' },
      { kind: 'index', index: 2 },
      { kind: 'key', key: 'name' },
    ]);
    expect(parse('*.[*].a\\.b')).toEqual([
      { kind: 'anyKey' },
      { kind: 'anyIndex' },
      { kind: 'key', key: 'a.b' },
    ]);
    expect(parse('a,b,[1]')).toEqual([
      {
        kind: 'oneOf',
        options: [
          { kind: 'key', key: 'a' },
          { kind: 'key', key: 'b' },
          { kind: 'index', index: 1 },
        ],
      },
    ]);
    expect(parse('\\*')).toEqual([{ kind: 'key', key: '*' }]);
  });

  it('refuses empty names, bad array paths and indexes beyond the array limit', () => {
    expect(() => parse('a..b')).toThrow("The field path 'a..b' contains an empty field name.");
    expect(() => parse('a.[x]')).toThrow('Array path [x] is not valid.');
    expect(() => parseFieldPath('a.[1000]', 1000, invalid)).toThrow('Max array length of 1000 exceeded.');
    expect(() => parseUrlPath(['[*]'], 10)).toThrow(/not valid/);
  });

  it('matches concrete paths against patterns', () => {
    const path = parseUrlPath(['a', '[3]', 'b'], 100);
    expect(matchesPattern(path, parse('a.[*].b'))).toBe(true);
    expect(matchesPattern(path, parse('*.*.b'))).toBe(true);
    expect(matchesPattern(path, parse('a.[2],[3].b'))).toBe(true);
    expect(matchesPattern(path, parse('*.[*]'))).toBe(false);
    expect(matchesPattern(parseUrlPath(['a', 'x', 'b'], 100), parse('a.[*].b'))).toBe(false);
  });
});
