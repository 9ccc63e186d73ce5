// Paths into a document, as users write them in `where`, `fields`, `sort`, `id-path` and URLs:
// dotted segments, array indexes `[n]`, the globs `*` (any key or index) and `[*]` (any index),
// comma alternatives `a,b`, and the escapes `\.` `\,` `\*` for those characters in field names
// (Stargate: DA/service/util/DocsApiUtils.java, DA/service/query/ExpressionParser.java).
import { ApiError } from '../../../common/src/errors/api-error.js';

export type ConcreteSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number };

export type PatternSegment =
  | ConcreteSegment
  /** `*`: any key of an object or any index of an array. */
  | { kind: 'anyKey' }
  /** `[*]`: any index of an array. */
  | { kind: 'anyIndex' }
  /** `a,b,[0]`: any of these. */
  | { kind: 'oneOf'; options: ConcreteSegment[] };

export interface PathPattern {
  segments: PatternSegment[];
  /** As the user wrote it, for messages. */
  text: string;
}

const ARRAY_SEGMENT = /^\[.*\]$/;

/** Splits on `separator` unless it is escaped with a backslash. */
export function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** `a\.b` → `a.b`: the escapes of `.`, `,` and `*` become the characters themselves. */
export function unescapeName(text: string): string {
  // Most names have no escapes: skip the regex (it showed in search profiles).
  return text.includes('\\') ? text.replace(/\\([.,*])/g, '$1') : text;
}

/** `[12]` → 12; `[*]` → undefined; anything else between brackets is refused. */
function parseArrayIndex(segment: string, maxArrayLength: number): number | undefined {
  const inner = segment.slice(1, -1);
  if (inner === '*') return undefined;
  if (!/^\d+$/.test(inner)) {
    throw new ApiError('DOCS_API_SEARCH_ARRAY_PATH_INVALID', {
      detail: `Array path ${segment} is not valid.`,
    });
  }
  const index = Number(inner);
  if (index > maxArrayLength - 1) {
    throw new ApiError('DOCS_API_GENERAL_ARRAY_LENGTH_EXCEEDED', { max: maxArrayLength });
  }
  return index;
}

function concreteSegment(raw: string, maxArrayLength: number): ConcreteSegment {
  if (ARRAY_SEGMENT.test(raw)) {
    const index = parseArrayIndex(raw, maxArrayLength);
    if (index === undefined) {
      throw new ApiError('DOCS_API_SEARCH_ARRAY_PATH_INVALID', {
        detail: `Array path ${raw} is not valid here: a glob cannot be one of several alternatives.`,
      });
    }
    return { kind: 'index', index };
  }
  return { kind: 'key', key: unescapeName(raw) };
}

export function parsePatternSegment(raw: string, maxArrayLength: number): PatternSegment {
  if (raw === '*') return { kind: 'anyKey' };
  if (raw === '[*]') return { kind: 'anyIndex' };
  const alternatives = splitUnescaped(raw, ',');
  if (alternatives.length > 1) {
    return { kind: 'oneOf', options: alternatives.map((a) => concreteSegment(a, maxArrayLength)) };
  }
  return concreteSegment(raw, maxArrayLength);
}

/** A `where`, `fields` or `sort` path: `race.competitors.[*].name`. */
export function parseFieldPath(
  text: string,
  maxArrayLength: number,
  invalid: (detail: string) => ApiError,
): PathPattern {
  const raw = splitUnescaped(text, '.');
  if (raw.some((s) => s === '' || splitUnescaped(s, ',').includes(''))) {
    throw invalid(`The field path '${text}' contains an empty field name.`);
  }
  return { text, segments: raw.map((s) => parsePatternSegment(s, maxArrayLength)) };
}

/** The document path of a URL (`/a/[0]/b`): keys and array indexes only. */
export function parseUrlPath(segments: readonly string[], maxArrayLength: number): ConcreteSegment[] {
  return segments.map((raw) => {
    if (ARRAY_SEGMENT.test(raw)) {
      const index = parseArrayIndex(raw, maxArrayLength);
      if (index === undefined) {
        throw new ApiError('DOCS_API_SEARCH_ARRAY_PATH_INVALID', {
          detail: `Array path ${raw} is not valid: a document path names one element.`,
        });
      }
      return { kind: 'index', index };
    }
    return { kind: 'key', key: unescapeName(raw) };
  });
}

export function isConcrete(segments: readonly PatternSegment[]): segments is ConcreteSegment[] {
  return segments.every((s) => s.kind === 'key' || s.kind === 'index');
}

/** Does a concrete path match the pattern, segment for segment? */
export function matchesPattern(
  path: readonly ConcreteSegment[],
  pattern: readonly PatternSegment[],
): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((p, i) => segmentMatches(path[i]!, p));
}

export function segmentMatches(segment: ConcreteSegment, pattern: PatternSegment): boolean {
  switch (pattern.kind) {
    case 'anyKey':
      return true;
    case 'anyIndex':
      return segment.kind === 'index';
    case 'oneOf':
      return pattern.options.some((o) => sameSegment(o, segment));
    default:
      return sameSegment(pattern, segment);
  }
}

function sameSegment(a: ConcreteSegment, b: ConcreteSegment): boolean {
  return a.kind === 'key' ? b.kind === 'key' && a.key === b.key : b.kind === 'index' && a.index === b.index;
}

/** Java's List.toString of the URL segments, as in Stargate's "A path [a, b] ..." messages. */
export function formatUrlSegments(segments: readonly string[]): string {
  return `[${segments.join(', ')}]`;
}
