// Search inside one document (GET a document with `where` or `page-size`): the sub-documents at
// the parent path of the single filtered field that match the condition, each returned as the
// path from the root to it with only the filtered field (or the `fields`), arrays written as
// objects keyed "[i]" (Stargate: ReadDocumentsService.findSubDocuments).
import { ApiError } from '../../../common/src/errors/api-error.js';
import { isObject, type Json, valuesAt } from '../document/json-tree.js';
import { projectFields } from '../document/project-fields.js';
import { type PathPattern, type PatternSegment, splitUnescaped } from '../path/field-path.js';
import { evaluate } from './evaluate.js';
import { conditionsOf, type Expression } from './expression.js';

export interface SubDocumentSearch {
  /** The URL path below the document id, as pattern segments. */
  prefix: PatternSegment[];
  /** The parsed where, its paths already under `prefix`. */
  where: Expression;
  fields?: PathPattern[];
}

function lastSegmentText(path: PathPattern): string {
  return splitUnescaped(path.text, '.').pop() ?? '';
}

/** Checks the request (one filtered field, referenced by `fields`) before anything is read. */
function checkSubDocumentSearch(search: SubDocumentSearch): PathPattern | undefined {
  const paths = new Map<string, PathPattern>();
  for (const c of conditionsOf(search.where)) paths.set(c.path.text, c.path);
  if (paths.size > 1) throw new ApiError('DOCS_API_GET_MULTIPLE_FIELD_CONDITIONS', { count: paths.size });
  const filterPath = [...paths.values()][0];
  if (filterPath && search.fields?.length) {
    const field = lastSegmentText(filterPath);
    if (!search.fields.some((f) => f.segments.length === 1 && f.text === field)) {
      throw new ApiError('DOCS_API_GET_CONDITION_FIELDS_NOT_REFERENCED');
    }
  }
  return filterPath;
}

function rebind(e: Expression, path: PathPattern): Expression {
  if (e.kind === 'condition') return { kind: 'condition', condition: { ...e.condition, path } };
  return { kind: e.kind, children: e.children.map((c) => rebind(c, path)) };
}

/** Every matching sub-document, in document order. */
export function findSubDocuments(doc: Json, search: SubDocumentSearch): Json[] {
  const filterPath = checkSubDocumentSearch(search);
  const parent = filterPath ? filterPath.segments.slice(0, -1) : search.prefix;
  const field = filterPath?.segments[filterPath.segments.length - 1];
  const results: Json[] = [];
  for (const candidate of valuesAt(doc, parent)) {
    const base = candidate.path as PatternSegment[];
    if (field) {
      const bound = rebind(search.where, { segments: [...base, field], text: filterPath!.text });
      if (!evaluate(bound, doc)) continue;
    }
    const fields: PathPattern[] = search.fields?.length
      ? search.fields.map((f) => ({ segments: [...base, ...f.segments], text: f.text }))
      : [{ segments: field ? [...base, field] : base, text: '' }];
    const projected = projectFields(doc, fields, { arraysAsObjects: true });
    if (isObject(projected) && Object.keys(projected).length === 0) continue;
    results.push(projected);
  }
  return results;
}
