// /v2/schemas/namespaces: list, get, create (replicas or datacenters), delete.
import type { FastifyInstance } from 'fastify';
import { ref } from '../http/docs-schemas.js';
import { flag } from '../parse/query-params.js';
import type { CreateNamespaceRequest } from '../schema/namespaces.js';
import type { DocsDeps } from './docs-deps.js';
import { locationOf, query, requestContext } from './request-helpers.js';
import { errorResponses, noContent, pathParams, querystring, success } from './route-schemas.js';

const BASE = '/v2/schemas/namespaces';
const tags = ['namespaces'];

export function namespaceRoutes(app: FastifyInstance, deps: DocsDeps): void {
  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: 'List namespaces',
        querystring: querystring(['raw']),
        response: { ...success(200, 'The namespaces'), ...errorResponses },
      },
    },
    async (req) => {
      const data = await deps.namespaces.list(requestContext(req));
      return flag(query(req), 'raw') ? data : { data };
    },
  );

  app.get<{ Params: { namespace: string } }>(
    `${BASE}/:namespace`,
    {
      schema: {
        tags,
        summary: 'Get a namespace',
        params: pathParams(['namespace']),
        querystring: querystring(['raw']),
        response: { ...success(200, 'The namespace'), ...errorResponses },
      },
    },
    async (req) => {
      const data = await deps.namespaces.get(requestContext(req), req.params.namespace);
      return flag(query(req), 'raw') ? data : { data };
    },
  );

  app.post<{ Body: CreateNamespaceRequest }>(
    BASE,
    {
      schema: {
        tags,
        summary: 'Create a namespace',
        body: ref('DocsNamespaceCreate'),
        response: { ...success(201, 'Created'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const body = req.body;
      await deps.namespaces.create(requestContext(req), body);
      const created: CreateNamespaceRequest = { name: body.name };
      if (body.replicas !== undefined) created.replicas = body.replicas;
      if (body.datacenters !== undefined) created.datacenters = body.datacenters;
      return reply
        .status(201)
        .header('location', locationOf(req, `${BASE}/${body.name}`))
        .send(created);
    },
  );

  app.delete<{ Params: { namespace: string } }>(
    `${BASE}/:namespace`,
    {
      schema: {
        tags,
        summary: 'Delete a namespace',
        params: pathParams(['namespace']),
        response: { ...noContent(204, 'Deleted'), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deps.namespaces.drop(requestContext(req), req.params.namespace);
      return reply.status(204).send();
    },
  );
}
