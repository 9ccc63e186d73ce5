// Stargate's shredded rows of one document → the JSON document Stargate's Document API answered
// for them (its JsonConverter), with no I/O. Facts §4.2: one row per leaf, the path in p0..pN
// (unused columns ""), array elements as `[000003]`, the value in text_value / dbl_value /
// bool_value (all null for a JSON null), empty containers as marker strings. Field names are
// stored with Stargate's escapes already resolved (`a\.b` was written as the segment `a.b`), so a
// segment is the key itself. Object keys come out in the rows' clustering order, as Stargate's did.
import { isObject, type Json, type JsonObject, setOwn } from '../../services/docs/src/document/json-tree.js';

export const EMPTY_OBJECT_MARKER = 'EMPTYOBJ-bccbeee1-6173-4120-8492-7d7bafaefb1f';
export const EMPTY_ARRAY_MARKER = 'EMPTYARRAY-9df4802a-c135-42d6-8be3-d23d9520a4e7';
/** A row with this leaf carries no value (Stargate skips it when reading). */
export const ROOT_DOC_MARKER = 'DOCROOT-a9fb1f04-0394-4c74-b77b-49b4e0ef7900';

export interface ShreddedRow {
  /** p0, p1, … up to the first empty one. */
  path: readonly string[];
  leaf: string | null;
  text: string | null;
  dbl: number | null;
  /** `boolean`, or 0/1 in a collection with "numeric booleans" (a tinyint column). */
  bool: boolean | number | null;
  /** WRITETIME of the row's cells (microseconds), when read. */
  writetime?: number | null;
  /** Remaining TTL of the row's cells (seconds), when it has one. */
  ttlSeconds?: number | null;
}

const ARRAY_SEGMENT = /^\[(\d+)\]$/;

/**
 * The document the rows hold. Rows that disagree on the shape at a path (left behind by writes
 * that did not delete first) are settled as Stargate did: the newer write wins; rows of one write
 * apply in clustering order. Missing array elements are nulls.
 */
export function rebuildDocument(rows: readonly ShreddedRow[]): Json {
  const ordered = rows
    .map((row, order) => ({ row, order }))
    .filter(({ row }) => row.leaf !== ROOT_DOC_MARKER)
    .sort((a, b) => (a.row.writetime ?? 0) - (b.row.writetime ?? 0) || a.order - b.order);
  let root: Json | undefined;
  for (const { row } of ordered) root = place(root, row.path, 0, leafValue(row));
  return root ?? {};
}

/** The value of a leaf row: Stargate reads text first, then boolean, then number. */
export function leafValue(row: ShreddedRow): Json {
  if (row.text !== null) {
    if (row.text === EMPTY_OBJECT_MARKER) return {};
    if (row.text === EMPTY_ARRAY_MARKER) return [];
    return row.text;
  }
  if (row.bool !== null) return typeof row.bool === 'number' ? row.bool !== 0 : row.bool;
  if (row.dbl !== null) return row.dbl;
  return null;
}

/**
 * How long the migrated document lives: it expires as one piece here, so it lives as long as its
 * longest-lived row did; a row without a TTL keeps it forever (undefined).
 */
export function documentTtlSeconds(rows: readonly ShreddedRow[]): number | undefined {
  let longest = 0;
  for (const row of rows) {
    if (row.leaf === ROOT_DOC_MARKER) continue;
    if (!row.ttlSeconds || row.ttlSeconds <= 0) return undefined;
    longest = Math.max(longest, row.ttlSeconds);
  }
  return longest > 0 ? longest : undefined;
}

/** Sets `value` at `path` below `node`, replacing a container of the wrong kind; returns the node. */
function place(node: Json | undefined, path: readonly string[], depth: number, value: Json): Json {
  if (depth === path.length) return value;
  const segment = path[depth]!;
  const index = ARRAY_SEGMENT.exec(segment);
  if (index) {
    const i = Number(index[1]);
    const array: Json[] = Array.isArray(node) ? node : [];
    while (array.length < i) array.push(null);
    array[i] = place(i < array.length ? array[i] : undefined, path, depth + 1, value);
    return array;
  }
  const object: JsonObject = isObject(node) ? node : {};
  const current = Object.hasOwn(object, segment) ? object[segment] : undefined;
  setOwn(object, segment, place(current, path, depth + 1, value));
  return object;
}
