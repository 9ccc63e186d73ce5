// Evaluates a `where` on a document in memory, with Stargate's semantics: a condition holds when
// some leaf at a matching path satisfies it, or, for $ne / $nin / $exists: false, when no leaf
// exists at the path. Values compare only with values of their own type ($ne and $nin hold for
// other types); strings compare by code point (= Cassandra's UTF-8 byte order).
import { type Json, leavesAt } from '../document/json-tree.js';
import { type Condition, type Expression, matchesMissing, type Scalar } from './expression.js';

export function evaluate(e: Expression, doc: Json): boolean {
  switch (e.kind) {
    case 'condition':
      return conditionHolds(e.condition, doc);
    case 'and':
      return e.children.every((c) => evaluate(c, doc));
    default:
      return e.children.some((c) => evaluate(c, doc));
  }
}

export function conditionHolds(c: Condition, doc: Json): boolean {
  const leaves = leavesAt(doc, c.path.segments);
  if (leaves.length === 0) return matchesMissing(c);
  return leaves.some((l) => testLeaf(c, l.value));
}

/** A leaf value that conditions compare: scalars; null and empty containers compare with nothing. */
function comparable(value: Json): Scalar | null | undefined {
  if (value === null) return null;
  if (typeof value === 'object') return undefined;
  return value;
}

function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Code point order, which is the UTF-8 byte order Cassandra compares text in. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
}

function testLeaf(c: Condition, leaf: Json): boolean {
  const v = comparable(leaf);
  switch (c.op) {
    case '$exists':
      return c.value;
    case '$in':
      return inList(v, c.value);
    case '$nin':
      return !inList(v, c.value);
    case '$ne':
      return !(
        v !== null &&
        v !== undefined &&
        typeof v === typeof c.value &&
        compareScalars(v, c.value) === 0
      );
    default: {
      if (v === null || v === undefined || typeof v !== typeof c.value) return false;
      const cmp = compareScalars(v, c.value);
      switch (c.op) {
        case '$eq':
          return cmp === 0;
        case '$lt':
          return cmp < 0;
        case '$lte':
          return cmp <= 0;
        case '$gt':
          return cmp > 0;
        default:
          return cmp >= 0;
      }
    }
  }
}

function inList(v: Scalar | null | undefined, list: ReadonlyArray<Scalar | null>): boolean {
  if (v === undefined) return false;
  if (v === null) return list.includes(null);
  return list.some((item) => item !== null && typeof item === typeof v && compareScalars(item, v) === 0);
}
