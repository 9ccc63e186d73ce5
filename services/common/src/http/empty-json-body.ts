// A request with `Content-Type: application/json` and no body is a request without a body, as
// Stargate treats it: Postman, Stargate's own curl examples and many client libraries send the
// header on DELETE and bodiless POSTs. Fastify's own parser refuses it (FST_ERR_CTP_EMPTY_JSON_BODY);
// here the body is left undefined, so a route that takes none works and one that needs one answers
// its schema's 400 ("body must be object").
import type { FastifyInstance } from 'fastify';

export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  // Fastify's parser otherwise, with its defaults against prototype poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (isEmptyBody(body as string)) {
      done(null, undefined);
      return;
    }
    parseJson(req, body as string, done);
  });
}

/** No body at all, or only whitespace (which no JSON value is). */
export function isEmptyBody(text: string): boolean {
  return text.trim() === '';
}
