// The route serving a generated per-keyspace OpenAPI document (REST: /v2/keyspaces/{ks}/openapi.json,
// Docs: /v2/namespaces/{ns}/openapi.json): GET answers the document (after authentication: the
// description is read with the caller's token), every other method 405 with Allow, before any body
// is read. Unknown keyspaces are the caller's `describe` to report (a 404 ApiError).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../http/error-handler.js';
import type { SchemaDocumentCache } from './schema-document-cache.js';

export interface SchemaDocumentRoute<Params> {
  /** Fastify URL, e.g. "/v2/keyspaces/:keyspace/openapi.json". */
  url: string;
  params: object;
  summary: string;
  tags: string[];
  responses: object;
  /** The keyspace the request names, its description hash and how to build its document; throws a 404 ApiError when unknown. */
  describe(
    req: FastifyRequest<{ Params: Params }>,
  ): Promise<{ keyspace: string; hash: number; build: () => object }>;
}

const ALLOWED = 'GET, HEAD';

export function registerSchemaDocumentRoute<Params>(
  app: FastifyInstance,
  cache: SchemaDocumentCache,
  route: SchemaDocumentRoute<Params>,
): void {
  app.get<{ Params: Params }>(
    route.url,
    {
      schema: {
        tags: route.tags,
        summary: route.summary,
        params: route.params,
        response: {
          200: { description: 'An OpenAPI 3.0 document', type: 'object', additionalProperties: true },
          ...route.responses,
        },
      },
    },
    async (req, reply) => {
      const { keyspace, hash, build } = await route.describe(req);
      return reply
        .code(200)
        .type('application/json; charset=utf-8')
        .send(cache.text(keyspace, hash, build));
    },
  );
  // Without these, POST would reach the row insert route with the table "openapi.json" (a 400).
  const notAllowed = async (req: FastifyRequest, reply: FastifyReply) => {
    const body: ErrorBody = {
      description: `Method ${req.method} is not allowed on ${req.url.split('?', 1)[0]}`,
      code: 405,
    };
    return reply.code(405).header('allow', ALLOWED).type('application/json').send(body);
  };
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: route.url,
    schema: { hide: true },
    preParsing: notAllowed,
    handler: notAllowed,
  });
}
