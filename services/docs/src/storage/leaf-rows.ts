// The indexed rows of a document: one per leaf, with the leaf's path in three forms (exact,
// generalized over array indexes, last segment) and its value in the column of its type. Searches
// find documents through SAI indexes on these columns (docs/docs-storage-design.md).
import { ApiError } from '../../../common/src/errors/api-error.js';
import { forEachLeaf, type Json } from '../document/json-tree.js';
import type { ConcreteSegment } from '../path/field-path.js';
import { VECTOR_FIELD } from '../vector/document-vector.js';

export interface LeafRow {
  /** Exact path: `a.b.[2].c` (dots inside field names escaped as `\.`). */
  p: string;
  /** Path with every array index as `[*]`: `a.b.[*].c`. */
  gp: string;
  /** Last segment: `c` (or `[2]`). */
  leaf: string;
  txt: string | null;
  dbl: number | null;
  bool: boolean | null;
}

/**
 * SAI does not index terms above a few KiB (such a row would silently be missing from searches),
 * so string values are indexed by a prefix of at most this many UTF-8 bytes; searches compare the
 * full value after reading (docs/docs-storage-design.md).
 */
export const INDEXED_TEXT_MAX_BYTES = 1000;
/** Longest path (in UTF-8 bytes) a document may have: paths are indexed whole. */
const MAX_PATH_BYTES = 2048;

export function encodeSegment(segment: ConcreteSegment): string {
  return segment.kind === 'index' ? `[${segment.index}]` : segment.key.replace(/\./g, '\\.');
}

export function encodePath(path: readonly ConcreteSegment[]): string {
  return path.map(encodeSegment).join('.');
}

export function encodeGeneralizedPath(path: readonly ConcreteSegment[]): string {
  return path.map((s) => (s.kind === 'index' ? '[*]' : encodeSegment(s))).join('.');
}

/** The longest prefix of `text` that fits in `maxBytes` UTF-8 bytes, never splitting a character. */
export function indexedText(text: string, maxBytes = INDEXED_TEXT_MAX_BYTES): string {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** A document's top-level `$vector` has a row of its own (storage/document-store.ts), no leaf rows. */
function isVectorPath(path: readonly ConcreteSegment[]): boolean {
  const first = path[0];
  return first?.kind === 'key' && first.key === VECTOR_FIELD;
}

export function leafRows(document: Json): LeafRow[] {
  const rows: LeafRow[] = [];
  forEachLeaf(document, (path, value) => {
    if (isVectorPath(path)) return;
    const p = encodePath(path);
    if (Buffer.byteLength(p, 'utf8') > MAX_PATH_BYTES) {
      throw new ApiError('DOCS_PATH_TOO_LONG', { path: `${p.slice(0, 80)}…`, max: MAX_PATH_BYTES });
    }
    const last = path[path.length - 1];
    rows.push({
      p,
      gp: encodeGeneralizedPath(path),
      leaf: last ? encodeSegment(last) : '',
      txt: typeof value === 'string' ? indexedText(value) : null,
      dbl: typeof value === 'number' ? value : null,
      bool: typeof value === 'boolean' ? value : null,
    });
  });
  return rows;
}
