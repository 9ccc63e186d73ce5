// The single place where HTTP errors become Stargate's body: {"description": "...", "code": <status>}.
// Client errors log at info, server errors at error (with the stack, never shown to the client),
// refusals for load at debug.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { answerMethodNotAllowed } from './method-not-allowed.js';

export interface ErrorBody {
  description: string;
  code: number;
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof ApiError) return { description: err.message, code: err.httpStatus };
  const fe = err as Partial<FastifyError> & { validation?: unknown };
  if (fe.validation) {
    return { description: `Invalid request: ${fe.message ?? 'validation failed'}`, code: 400 };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { description: 'Request body is larger than the configured limit', code: 413 };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { description: `Request body is not valid JSON: ${fe.message}`, code: 400 };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { description: fe.message ?? 'Unsupported media type', code: 415 };
  }
  if (fe instanceof SyntaxError)
    return { description: `Request body is not valid JSON: ${fe.message}`, code: 400 };
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) return { description: fe.message ?? 'Bad request', code: status };
  return { description: 'Internal server error', code: 500 };
}

/** Fastify's `frameworkErrors`: refusals made before routing (a URL that cannot be decoded). */
export function answerFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const body = toErrorBody(err);
  void reply.status(body.code).type('application/json').send(body);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const body = toErrorBody(err);
    // A refusal for load is expected under overload: one error line per refusal would add load.
    if (err instanceof ApiError && err.loadRejection)
      req.log.debug({ code: body.code }, 'request refused for load');
    else if (body.code >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: body.code, description: body.description }, 'request rejected');
    if (err instanceof ApiError && err.headers) reply.headers(err.headers);
    return reply.status(body.code).type('application/json').send(body);
  });
  answerMethodNotAllowed(app);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    return reply.status(404).send({ description: `No route for ${req.method} ${path}`, code: 404 });
  });
}
