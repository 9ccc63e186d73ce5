// A request with `Content-Type: application/json` and no body is a request without a body, as
// Stargate treats it: Postman, Stargate's own curl examples and many client libraries send the
// header on DELETE and bodiless POSTs. Fastify's own parser refuses it (FST_ERR_CTP_EMPTY_JSON_BODY).
// Here a route that takes no body gets an undefined body, and one whose schema declares a body
// answers 400 "Request body is missing".
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';

export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  // Fastify's parser otherwise, with its defaults against prototype poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (!isEmptyBody(body as string)) {
      parseJson(req, body as string, done);
      return;
    }
    const missing = missingBodyError(req);
    if (missing) done(missing, undefined);
    else done(null, undefined);
  });
}

/** No body at all, or only whitespace (which no JSON value is). */
export function isEmptyBody(text: string): boolean {
  return text.trim() === '';
}

/** For a request without a body: the 400 when its route declares one, else undefined. */
export function missingBodyError(req: FastifyRequest): ApiError | undefined {
  return req.routeOptions.schema?.body === undefined ? undefined : new ApiError('REQUEST_BODY_MISSING');
}
