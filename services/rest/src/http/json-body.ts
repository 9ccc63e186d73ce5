// Row bodies are parsed without losing digits (lossless-json): numbers reach the codecs as their
// exact text, so 2^63-1 or a 40-digit decimal is stored as sent. The raw text is kept for
// POST's echo. Registered only where rows are written.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JsonInput } from '../../../common/src/codecs/json-codec.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { isEmptyBody, missingBodyError } from '../../../common/src/http/empty-json-body.js';
import { JsonTextError, parseJsonText } from '../parse/json-text.js';

const rawBodies = new WeakMap<FastifyRequest, string>();

export function installLosslessJsonBody(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    // No body: the route's schema decides whether it needs one (see empty-json-body.ts).
    if (isEmptyBody(text)) {
      const missing = missingBodyError(req);
      if (missing) done(missing, undefined);
      else done(null, undefined);
      return;
    }
    let json: JsonInput;
    try {
      json = parseJsonText(text);
    } catch (err) {
      if (!(err instanceof JsonTextError)) throw err;
      done(new ApiError('REQUEST_BODY_INVALID_JSON', { detail: err.message }), undefined);
      return;
    }
    rawBodies.set(req, text);
    done(null, json);
  });
}

/** The body exactly as sent (for POST's 201 echo). */
export function rawJsonBody(req: FastifyRequest): string {
  return rawBodies.get(req) ?? JSON.stringify(req.body);
}
