import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../services/common/src/errors/api-error.js';
import { projectFields } from '../../../../services/docs/src/document/project-fields.js';
import { parseFieldPath } from '../../../../services/docs/src/path/field-path.js';

const fields = (...texts: string[]) =>
  texts.map((t) =>
    parseFieldPath(t, 100, (d) => new ApiError('DOCS_API_GENERAL_FIELDS_INVALID', { detail: d })),
  );
const doc = { a: 1, b: { c: 2, d: [10, 20, { e: 3 }] }, f: null };

describe('projectFields', () => {
  it('keeps whole sub-trees under each path', () => {
    expect(projectFields(doc, fields('a', 'f'))).toEqual({ a: 1, f: null });
    expect(projectFields(doc, fields('b.c'))).toEqual({ b: { c: 2 } });
    expect(projectFields(doc, fields('b'))).toEqual({ b: doc.b });
  });

  it('keeps array positions (padding with null) or writes arrays as objects', () => {
    expect(projectFields(doc, fields('b.d.[2].e'))).toEqual({ b: { d: [null, null, { e: 3 }] } });
    expect(projectFields(doc, fields('b.d.[1]'), { arraysAsObjects: true })).toEqual({
      b: { d: { '[1]': 20 } },
    });
  });

  it('follows globs and alternatives; nothing matching gives an empty object', () => {
    expect(projectFields(doc, fields('*.c'))).toEqual({ b: { c: 2 } });
    expect(projectFields(doc, fields('b.d.[*]'))).toEqual({ b: { d: [10, 20, { e: 3 }] } });
    expect(projectFields(doc, fields('a,f'))).toEqual({ a: 1, f: null });
    expect(projectFields(doc, fields('zzz'))).toEqual({});
  });
});
