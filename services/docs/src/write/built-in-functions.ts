// POST …/{id}[/{path}]/function: `$push` appends to the array at the path and answers the array,
// `$pop` removes its last element and answers it, `$set` sets several dotted paths at once and
// answers {} (Stargate: DA/service/function/impl/*Function.java). Each is one read and one atomic
// write of the document.
import { ApiError } from '../../../common/src/errors/api-error.js';
import { getAt, isObject, type Json, setAt } from '../document/json-tree.js';
import { type ConcreteSegment, formatUrlSegments, parseUrlPath, splitUnescaped } from '../path/field-path.js';
import type { RequestContext } from '../storage/request-context.js';
import type { DocumentWriter, Target } from './document-writer.js';

const FUNCTIONS = ['$pop', '$push', '$set'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export interface FunctionCall {
  operation: FunctionName;
  value: Json;
}

/** Checks the request body: {"operation": "$push" | "$pop" | "$set", "value": ...}. */
export function parseFunctionCall(body: unknown): FunctionCall {
  if (!isObject(body as Json)) {
    throw new ApiError('DOCS_REQUEST_INVALID', { detail: 'payload not provided' });
  }
  const { operation, value } = body as { operation?: unknown; value?: Json };
  if (typeof operation !== 'string' || operation.trim() === '') {
    throw new ApiError('DOCS_REQUEST_INVALID', { detail: '`operation` is required for function execution' });
  }
  if (!(FUNCTIONS as readonly string[]).includes(operation)) {
    throw new ApiError('DOCS_API_INVALID_BUILTIN_FUNCTION', {
      detail: `Invalid Built-In function name: ${operation}; available built-in functions are [$pop, $push, $set].`,
    });
  }
  return { operation: operation as FunctionName, value: value === undefined ? null : value };
}

export async function executeFunction(
  writer: DocumentWriter,
  ctx: RequestContext,
  t: Target,
  id: string,
  urlSegments: string[],
  path: ConcreteSegment[],
  call: FunctionCall,
  maxArrayLength: number,
): Promise<Json> {
  const loaded = await writer.readForUpdate(ctx, t, id, path);
  const target = loaded ? getAt(loaded.current.doc, path) : undefined;
  if (!loaded || target === undefined) {
    throw new ApiError('DOCS_DOCUMENT_NOT_FOUND', {
      detail:
        urlSegments.length === 0
          ? `A document with the id ${id} does not exist.`
          : `A path ${formatUrlSegments(urlSegments)} in a document with the id ${id}, or the document itself, does not exist.`,
    });
  }
  const { collection, current } = loaded;
  switch (call.operation) {
    case '$push': {
      if (!Array.isArray(target)) {
        throw new ApiError('DOCS_API_SEARCH_ARRAY_PATH_INVALID', {
          detail: `The path provided to push to has no array, found ${JSON.stringify(target)}.`,
        });
      }
      const array = [...target, writer.normalizeValue(call.value, path.length + 1)];
      if (array.length > maxArrayLength) {
        throw new ApiError('DOCS_API_GENERAL_ARRAY_LENGTH_EXCEEDED', { max: maxArrayLength });
      }
      await writer.writeUpdated(ctx, collection, id, setAt(current.doc, path, array), current.ttlSeconds);
      return array;
    }
    case '$pop': {
      if (!Array.isArray(target)) {
        throw new ApiError('DOCS_API_SEARCH_ARRAY_PATH_INVALID', {
          detail: `The path provided to pop from has no array, found ${JSON.stringify(target)}.`,
        });
      }
      if (target.length === 0) throw new ApiError('DOCS_API_ARRAY_POP_OUT_OF_BOUNDS');
      const popped = target[target.length - 1]!;
      await writer.writeUpdated(
        ctx,
        collection,
        id,
        setAt(current.doc, path, target.slice(0, -1)),
        current.ttlSeconds,
      );
      return popped;
    }
    default: {
      if (!isObject(call.value)) {
        throw new ApiError('DOCS_REQUEST_INVALID', {
          detail: '`$set` takes a JSON object of dotted paths to the values to set there',
        });
      }
      if (collection.jsonSchema !== undefined)
        throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID_PARTIAL_UPDATE');
      let doc = current.doc;
      for (const [dotted, value] of Object.entries(call.value)) {
        const sub = parseUrlPath(splitUnescaped(dotted, '.'), maxArrayLength);
        if (sub.length === 0 || sub.some((s) => s.kind === 'key' && s.key === '')) {
          throw new ApiError('DOCS_REQUEST_INVALID', {
            detail: `the \`$set\` path '${dotted}' has an empty field name`,
          });
        }
        const full = [...path, ...sub];
        doc = setAt(doc, full, writer.normalizeValue(value, full.length));
      }
      await writer.writeUpdated(ctx, collection, id, doc, current.ttlSeconds);
      return {};
    }
  }
}
