// Reading and changing a JSON document at a path. A "leaf" is what Stargate stores one row for and
// what conditions test: a scalar, a null, or an empty object or array.
import { type ConcreteSegment, type PatternSegment, segmentMatches } from '../path/field-path.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** obj[key] = value, also for the key "__proto__" (JSON.parse makes it an ordinary own key). */
export function setOwn(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function isLeaf(value: Json): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return true;
}

export interface LeafAt {
  path: ConcreteSegment[];
  value: Json;
}

/** Every leaf of the document, depth first in document order. */
export function forEachLeaf(
  value: Json,
  visit: (path: ConcreteSegment[], value: Json) => void,
  prefix: ConcreteSegment[] = [],
): void {
  if (Array.isArray(value) && value.length > 0) {
    for (const [index, v] of value.entries()) forEachLeaf(v, visit, [...prefix, { kind: 'index', index }]);
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, v] of Object.entries(value)) forEachLeaf(v, visit, [...prefix, { kind: 'key', key }]);
  } else {
    visit(prefix, value);
  }
}

/** The values (any kind) at every concrete path matching the pattern, in document order. */
export function valuesAt(root: Json, pattern: readonly PatternSegment[]): LeafAt[] {
  const out: LeafAt[] = [];
  const walk = (value: Json, depth: number, path: ConcreteSegment[]): void => {
    if (depth === pattern.length) {
      out.push({ path, value });
      return;
    }
    const p = pattern[depth]!;
    if (Array.isArray(value)) {
      value.forEach((v, index) => {
        const seg: ConcreteSegment = { kind: 'index', index };
        if (segmentMatches(seg, p)) walk(v, depth + 1, [...path, seg]);
      });
    } else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        const seg: ConcreteSegment = { kind: 'key', key };
        if (segmentMatches(seg, p)) walk(v, depth + 1, [...path, seg]);
      }
    }
  };
  walk(root, 0, []);
  return out;
}

/** The leaves at every concrete path matching the pattern (what a condition is tested on). */
export function leavesAt(root: Json, pattern: readonly PatternSegment[]): LeafAt[] {
  return valuesAt(root, pattern).filter((l) => isLeaf(l.value));
}

export function getAt(root: Json, path: readonly ConcreteSegment[]): Json | undefined {
  let value: Json | undefined = root;
  for (const seg of path) {
    if (seg.kind === 'key') {
      if (!isObject(value) || !Object.hasOwn(value, seg.key)) return undefined;
      value = value[seg.key];
    } else {
      if (!Array.isArray(value) || seg.index >= value.length) return undefined;
      value = value[seg.index];
    }
  }
  return value;
}

/**
 * Returns the document with `value` at `path`, creating missing objects and arrays on the way
 * (arrays are padded with nulls) and replacing what has the wrong shape, as a later write of
 * Stargate's shredded rows would. The input is not modified.
 */
export function setAt(root: Json | undefined, path: readonly ConcreteSegment[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [ConcreteSegment, ...ConcreteSegment[]];
  if (head.kind === 'key') {
    const base: JsonObject = isObject(root) ? { ...root } : {};
    setOwn(base, head.key, setAt(Object.hasOwn(base, head.key) ? base[head.key] : undefined, rest, value));
    return base;
  }
  const base: Json[] = Array.isArray(root) ? [...root] : [];
  while (base.length < head.index) base.push(null);
  base[head.index] = setAt(
    head.index < (Array.isArray(root) ? root.length : 0) ? base[head.index] : undefined,
    rest,
    value,
  );
  return base;
}

/**
 * Returns the document without the value at `path`. As with Stargate's rows, removing an array
 * element other than the last leaves a null in its place; removing the last one shortens the array.
 */
export function deleteAt(root: Json, path: readonly ConcreteSegment[]): Json {
  if (path.length === 0) return root;
  const [head, ...rest] = path as [ConcreteSegment, ...ConcreteSegment[]];
  if (head.kind === 'key') {
    if (!isObject(root) || !Object.hasOwn(root, head.key)) return root;
    const copy: JsonObject = { ...root };
    if (rest.length === 0) delete copy[head.key];
    else setOwn(copy, head.key, deleteAt(copy[head.key]!, rest));
    return copy;
  }
  if (!Array.isArray(root) || head.index >= root.length) return root;
  const copy = [...root];
  if (rest.length > 0) copy[head.index] = deleteAt(copy[head.index]!, rest);
  else if (head.index === copy.length - 1) copy.pop();
  else copy[head.index] = null;
  return copy;
}
