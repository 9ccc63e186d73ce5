// Checks a document (or the part written at a sub-path) against the limits before anything is
// written, and returns it with escaped field names resolved (`a\.b` is stored as the key `a.b`),
// as Stargate's JsonDocumentShredder does.
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { DocsLimits } from '../config.js';
import { isObject, type Json, type JsonObject, setOwn } from './json-tree.js';

/** After removing the escapes, a field name may not contain these (DocsApiUtils.containsIllegalSequences). */
const ILLEGAL_IN_FIELD_NAME = /['\\.[]/;

export interface NormalizedDocument {
  value: Json;
  /** Leaf values the stored form holds (one indexed row each). */
  leafCount: number;
}

export function normalizeDocument(
  value: Json,
  limits: Pick<DocsLimits, 'maxDepth' | 'maxArrayLength' | 'maxDocumentLeaves'>,
  /** Segments above the written value (a sub-path write). */
  prefixDepth = 0,
): NormalizedDocument {
  let leafCount = 0;
  const leaf = () => {
    leafCount++;
    if (leafCount > limits.maxDocumentLeaves) {
      throw new ApiError('DOCS_DOCUMENT_TOO_MANY_LEAVES', { max: limits.maxDocumentLeaves });
    }
  };
  const walk = (v: Json, depth: number): Json => {
    // Anything this deep holds a leaf deeper still: refused here, before the walk goes down a
    // body nested 100,000 levels deep (it ran out of stack: 500).
    if (depth > limits.maxDepth) throw depthExceeded(limits.maxDepth);
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength) {
        throw new ApiError('DOCS_API_GENERAL_ARRAY_LENGTH_EXCEEDED', { max: limits.maxArrayLength });
      }
      if (v.length === 0) leaf();
      return v.map((item) => walk(item, depth + 1));
    }
    if (isObject(v)) {
      const entries = Object.entries(v);
      if (entries.length === 0) leaf();
      const out: JsonObject = {};
      for (const [name, item] of entries) setOwn(out, fieldName(name), walk(item, depth + 1));
      return out;
    }
    leaf();
    return v;
  };
  return { value: walk(value, prefixDepth), leafCount };
}

function fieldName(name: string): string {
  if (name === '') {
    throw new ApiError('DOCS_API_GENERAL_INVALID_FIELD_NAME', {
      detail: 'JSON objects containing empty field names are not supported at the moment.',
    });
  }
  if (ILLEGAL_IN_FIELD_NAME.test(name.replace(/\\[.,*]/g, ''))) {
    throw new ApiError('DOCS_API_GENERAL_INVALID_FIELD_NAME', {
      detail: `Array paths contained in square brackets, periods, single quotes, and backslash are not allowed in field names, invalid field ${name}`,
    });
  }
  return name.replace(/\\([.,*])/g, '$1');
}

/** A whole document (POST, root PUT, batch) must be a non-empty object or array. */
export function checkDocumentRoot(value: Json): void {
  if ((Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)) {
    throw new ApiError('DOCS_API_PUT_PAYLOAD_INVALID', {
      detail:
        'Updating a key with just an empty object or an empty array is not allowed. Hint: update the parent path with a defined object instead.',
    });
  }
  if (!Array.isArray(value) && !isObject(value)) {
    throw new ApiError('DOCS_API_PUT_PAYLOAD_INVALID', {
      detail:
        'Updating a key with just a JSON primitive is not allowed. Hint: update the parent path with a defined object instead.',
    });
  }
}

/**
 * The limits on a whole document after a partial update merged new parts into it (its field
 * names were checked when they were written).
 */
export function checkDocumentLimits(
  doc: Json,
  limits: Pick<DocsLimits, 'maxDepth' | 'maxArrayLength' | 'maxDocumentLeaves'>,
): void {
  let leaves = 0;
  const walk = (v: Json, depth: number): void => {
    if (depth > limits.maxDepth) throw depthExceeded(limits.maxDepth);
    const children = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : undefined;
    if (Array.isArray(v) && v.length > limits.maxArrayLength) {
      throw new ApiError('DOCS_API_GENERAL_ARRAY_LENGTH_EXCEEDED', { max: limits.maxArrayLength });
    }
    if (!children || children.length === 0) {
      if (++leaves > limits.maxDocumentLeaves) {
        throw new ApiError('DOCS_DOCUMENT_TOO_MANY_LEAVES', { max: limits.maxDocumentLeaves });
      }
      return;
    }
    for (const child of children) walk(child, depth + 1);
  };
  walk(doc, 0);
}

function depthExceeded(max: number): ApiError {
  return new ApiError('DOCS_API_GENERAL_DEPTH_EXCEEDED', { max });
}
