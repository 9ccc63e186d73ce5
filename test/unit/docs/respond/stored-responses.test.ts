// Answers built from stored JSON text must be the bytes JSON.stringify gives for the same
// documents parsed (what the Document API answered before it stopped re-serializing them).
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../../services/docs/src/document/json-tree.js';
import { wrapResponse } from '../../../../services/docs/src/respond/document-response.js';
import { QueryRecorder } from '../../../../services/docs/src/respond/execution-profile.js';
import { searchPageResponse } from '../../../../services/docs/src/respond/search-page-response.js';
import { storedDocumentResponse } from '../../../../services/docs/src/respond/stored-document-response.js';

const stored = (doc: Json) => JSON.stringify(doc);
const profile = () => {
  const recorder = new QueryRecorder();
  recorder.record('LoadDocument', 'SELECT "doc" FROM "ks"."t" WHERE "key" = ?', 1);
  return recorder.toProfile();
};

describe('a whole document from its stored text', () => {
  const doc = { b: 1, a: { '2': [1.5, null, 'x"y'] }, big: 12345678901234567000, '1': 'one' };

  it('is the same as the parsed document wrapped and serialized', () => {
    for (const raw of [false, true]) {
      for (const p of [undefined, profile()]) {
        expect(storedDocumentResponse('id "1" ü', stored(doc), raw, p)).toBe(
          JSON.stringify(wrapResponse({ documentId: 'id "1" ü', data: doc, profile: p }, raw)),
        );
      }
    }
  });
});

describe('a search page from stored texts', () => {
  // How the answer's data object was built before: own keys in the order JavaScript gives them.
  const asObject = (results: Array<{ id: string; doc: Json }>) => {
    const data: JsonObject = {};
    for (const r of results) Object.defineProperty(data, r.id, { value: r.doc, enumerable: true });
    return data;
  };
  const ids = [
    'b',
    '10',
    'a',
    '2',
    '0',
    '01',
    '-1',
    '1.5',
    '__proto__',
    '4294967294',
    '4294967295',
    '99999999999',
  ];
  const results = ids.map((id, i) => ({ id, doc: { i, id } as Json }));
  const texts = results.map((r) => ({ id: r.id, json: stored(r.doc) }));

  it('orders ids as a JavaScript object does: array-index-like ids first, ascending', () => {
    expect(searchPageResponse(texts, true)).toBe(JSON.stringify(asObject(results)));
    expect(Object.keys(JSON.parse(searchPageResponse(texts, true)))).toEqual([
      '0',
      '2',
      '10',
      '4294967294',
      'b',
      'a',
      '01',
      '-1',
      '1.5',
      '__proto__',
      '4294967295',
      '99999999999',
    ]);
  });

  it('wraps data with the page state and profile as before', () => {
    const p = profile();
    for (const raw of [false, true]) {
      for (const pageState of [undefined, 'eyJ"x']) {
        for (const prof of [undefined, p]) {
          expect(searchPageResponse(texts, raw, pageState, prof)).toBe(
            JSON.stringify(wrapResponse({ pageState, data: asObject(results), profile: prof }, raw)),
          );
        }
      }
    }
  });

  it('answers an empty data object when nothing matched', () => {
    expect(searchPageResponse([], false)).toBe('{"data":{}}');
    expect(searchPageResponse([], true)).toBe('{}');
  });
});
