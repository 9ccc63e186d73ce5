// /v2/namespaces/{ns}/collections: list, create, delete, upgrade (none available), and the
// collection's JSON schema (get, put).
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { Json } from '../document/json-tree.js';
import { ref } from '../http/docs-schemas.js';
import { flag } from '../parse/query-params.js';
import { parseVectorDeclaration } from '../vector/vector-settings.js';
import type { DocsDeps } from './docs-deps.js';
import { type CollectionParams, locationOf, query, requestContext, target } from './request-helpers.js';
import { errorResponses, noContent, pathParams, querystring, success } from './route-schemas.js';

const BASE = '/v2/namespaces/:namespace/collections';
const tags = ['collections'];

export function collectionRoutes(app: FastifyInstance, deps: DocsDeps): void {
  app.get<{ Params: { namespace: string } }>(
    BASE,
    {
      schema: {
        tags,
        summary: 'List collections',
        params: pathParams(['namespace']),
        querystring: querystring(['raw']),
        response: { ...success(200, 'The collections'), ...errorResponses },
      },
    },
    async (req) => {
      const entries = await deps.collections.list(requestContext(req), req.params.namespace);
      const data = entries.map(({ name, vector }) => ({
        name,
        upgradeAvailable: false,
        ...(vector ? { vector } : {}),
      }));
      return flag(query(req), 'raw') ? data : { data };
    },
  );

  app.post<{ Params: { namespace: string }; Body: { name: string; vector?: unknown } }>(
    BASE,
    {
      schema: {
        tags,
        summary: 'Create a collection',
        description:
          'Beyond Stargate: with `vector` ({"dimension": n, "metric": "cosine"}) its documents may carry a `$vector` and searches may sort by similarity to one.',
        params: pathParams(['namespace']),
        body: ref('DocsCollectionCreate'),
        response: { ...noContent(201, 'Created'), ...errorResponses },
      },
      // A bad `vector` is answered with a message naming what is wrong (vector-settings.ts).
      attachValidation: true,
    },
    async (req, reply) => {
      const { namespace } = req.params;
      const body = req.body as { name: string; vector?: unknown } | undefined;
      const hasVector = typeof body === 'object' && body !== null && body.vector !== undefined;
      if (req.validationError) {
        const inBody = (req.validationError as { validationContext?: string }).validationContext === 'body';
        if (inBody && hasVector) parseVectorDeclaration(body.vector);
        throw req.validationError;
      }
      const vector = hasVector ? parseVectorDeclaration(body.vector) : undefined;
      await deps.collections.create(requestContext(req), namespace, req.body.name, vector);
      const location = locationOf(req, `/v2/namespaces/${namespace}/collections/${req.body.name}`);
      return reply.status(201).header('location', location).send();
    },
  );

  app.delete<{ Params: CollectionParams }>(
    `${BASE}/:collection`,
    {
      schema: {
        tags,
        summary: 'Delete a collection',
        params: pathParams(['namespace', 'collection']),
        response: { ...noContent(204, 'Deleted'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const t = target(req.params);
      await deps.collections.drop(requestContext(req), t.namespace, t.collection);
      return reply.status(204).send();
    },
  );

  app.post<{ Params: CollectionParams }>(
    `${BASE}/:collection/upgrade`,
    {
      schema: {
        tags,
        summary: 'Upgrade a collection (no upgrade is available: collections are created with SAI indexes)',
        params: pathParams(['namespace', 'collection']),
        body: ref('DocsCollectionUpgrade'),
        response: errorResponses,
      },
    },
    async (req) => {
      const t = target(req.params);
      await deps.collections.get(requestContext(req), t.namespace, t.collection);
      throw new ApiError('DOCS_API_GENERAL_UPGRADE_INVALID');
    },
  );

  app.get<{ Params: CollectionParams }>(
    `${BASE}/:collection/json-schema`,
    {
      schema: {
        tags,
        summary: 'Get the JSON schema of a collection',
        params: pathParams(['namespace', 'collection']),
        response: { ...success(200, 'The JSON schema'), ...errorResponses },
      },
    },
    async (req) => {
      const t = target(req.params);
      const collection = await deps.collections.get(requestContext(req), t.namespace, t.collection);
      if (collection.jsonSchema === undefined) throw new ApiError('DOCS_API_JSON_SCHEMA_DOES_NOT_EXIST');
      return { schema: collection.jsonSchema };
    },
  );

  app.put<{ Params: CollectionParams; Body: Json }>(
    `${BASE}/:collection/json-schema`,
    {
      schema: {
        tags,
        summary: 'Set the JSON schema of a collection (draft-07, 2019-09 or 2020-12)',
        description:
          'Documents written as a whole are validated against it; partial updates (PATCH, PUT at a path, functions) are refused while it is set.',
        params: pathParams(['namespace', 'collection']),
        response: { ...success(200, 'The JSON schema set'), ...errorResponses },
      },
    },
    async (req) => {
      const t = target(req.params);
      if (req.body === undefined)
        throw new ApiError('DOCS_REQUEST_INVALID', { detail: 'payload not provided' });
      await deps.collections.setJsonSchema(requestContext(req), t.namespace, t.collection, req.body);
      return { schema: req.body };
    },
  );
}
