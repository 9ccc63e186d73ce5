// `fields`: keeps the parts of a document under the given paths (globs and alternatives allowed),
// as Stargate builds a document from the rows on those paths. Array elements keep their index
// (earlier positions are filled with null), or, for in-document search results, arrays are written
// as objects keyed "[i]".
import type { ConcreteSegment, PathPattern } from '../path/field-path.js';
import { segmentMatches } from '../path/field-path.js';
import { forEachLeaf, isObject, type Json, type JsonObject, setOwn } from './json-tree.js';

export interface ProjectionOptions {
  /** Write arrays as objects with "[i]" keys (Stargate's in-document search shape). */
  arraysAsObjects?: boolean;
}

/** Is the leaf path under (or at) one of the field paths? */
function onSomePath(path: readonly ConcreteSegment[], fields: readonly PathPattern[]): boolean {
  return fields.some(
    (f) => f.segments.length <= path.length && f.segments.every((p, i) => segmentMatches(path[i]!, p)),
  );
}

export function projectFields(
  doc: Json,
  fields: readonly PathPattern[],
  options: ProjectionOptions = {},
): Json {
  let out: Json = options.arraysAsObjects || !Array.isArray(doc) ? {} : [];
  forEachLeaf(doc, (path, value) => {
    if (path.length === 0 || !onSomePath(path, fields)) return;
    out = insert(out, path, value, options.arraysAsObjects ?? false);
  });
  return out;
}

function insert(target: Json, path: readonly ConcreteSegment[], value: Json, arraysAsObjects: boolean): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [ConcreteSegment, ...ConcreteSegment[]];
  const nextIsIndex = rest[0]?.kind === 'index' && !arraysAsObjects;
  const fresh = (): Json => (nextIsIndex ? [] : {});
  if (head.kind === 'index' && !arraysAsObjects) {
    const array: Json[] = Array.isArray(target) ? target : [];
    while (array.length < head.index) array.push(null);
    const existing = array[head.index];
    array[head.index] = insert(
      existing === undefined || existing === null ? fresh() : existing,
      rest,
      value,
      arraysAsObjects,
    );
    return array;
  }
  const key = head.kind === 'index' ? `[${head.index}]` : head.key;
  const object: JsonObject = isObject(target) ? target : {};
  const existing = Object.hasOwn(object, key) ? object[key] : undefined;
  setOwn(object, key, insert(existing === undefined ? fresh() : existing, rest, value, arraysAsObjects));
  return object;
}
