import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../services/common/src/errors/api-error.js';
import type { Json } from '../../../../services/docs/src/document/json-tree.js';
import { parseWhere } from '../../../../services/docs/src/parse/where.js';
import { parseFieldPath, parsePatternSegment } from '../../../../services/docs/src/path/field-path.js';
import { findSubDocuments } from '../../../../services/docs/src/search/sub-document-search.js';

const doc: Json = {
  race: { competitors: [{ name: 'a', speed: 10 }, { name: 'b', speed: 30 }, { name: 'c' }] },
};
const search = (where: string, prefix: string[] = [], fields?: string[]) => {
  const segments = prefix.map((s) => parsePatternSegment(s, 100));
  return findSubDocuments(doc, {
    prefix: segments,
    where: parseWhere(where, { maxArrayLength: 100, prefix: segments, prefixText: prefix.join('.') }),
    fields: fields?.map((f) =>
      parseFieldPath(f, 100, (d) => new ApiError('DOCS_API_GENERAL_FIELDS_INVALID', { detail: d })),
    ),
  });
};

describe('in-document search', () => {
  it('returns each matching sub-document as its path with the filtered field', () => {
    expect(search('{"race.competitors.[*].speed":{"$gt":20}}')).toEqual([
      { race: { competitors: { '[1]': { speed: 30 } } } },
    ]);
  });

  it('filters relative to the URL path and returns the requested fields', () => {
    expect(search('{"[*].speed":{"$lt":20}}', ['race', 'competitors'], ['name', 'speed'])).toEqual([
      { race: { competitors: { '[0]': { name: 'a', speed: 10 } } } },
    ]);
    // $ne also matches the sub-document without the field, as in Stargate; its projection is empty.
    expect(search('{"[*].speed":{"$ne":10}}', ['race', 'competitors'], ['name', 'speed'])).toEqual([
      { race: { competitors: { '[1]': { name: 'b', speed: 30 } } } },
      { race: { competitors: { '[2]': { name: 'c' } } } },
    ]);
  });

  it('refuses conditions on several fields and fields without the filtered one', () => {
    expect(() => search('{"a":{"$eq":1},"b":{"$eq":1}}')).toThrow('Found: 2.');
    expect(() => search('{"race.competitors.[*].speed":{"$gt":1}}', [], ['name'])).toThrow(
      'When selecting `fields`, the field referenced by `where` must be in the selection.',
    );
  });
});
