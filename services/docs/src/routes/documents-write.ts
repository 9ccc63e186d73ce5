// Writing documents: create (random id), batch, replace, replace / patch / delete at a path, and
// the built-in functions ($push, $pop, $set).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { Json } from '../document/json-tree.js';
import { ref } from '../http/docs-schemas.js';
import { flag, single, ttl } from '../parse/query-params.js';
import { parseUrlPath } from '../path/field-path.js';
import { wrapResponse } from '../respond/document-response.js';
import type { RequestContext } from '../storage/request-context.js';
import { executeFunction, parseFunctionCall } from '../write/built-in-functions.js';
import type { DocsDeps } from './docs-deps.js';
import {
  type CollectionParams,
  type DocumentParams,
  documentPathSegments,
  locationOf,
  query,
  requestContext,
  target,
} from './request-helpers.js';
import { errorResponses, noContent, pathParams, querystring, success } from './route-schemas.js';

const BASE = '/v2/namespaces/:namespace/collections/:collection';
const tags = ['documents'];
const FUNCTION_SEGMENT = 'function';

/** The JSON body; a request without one is refused as Stargate does ("payload must not be empty"). */
function body(req: FastifyRequest): Json {
  if (req.body === undefined)
    throw new ApiError('DOCS_REQUEST_INVALID', { detail: 'payload must not be empty' });
  return req.body as Json;
}

/** Stargate's answer to a write: {"documentId"} (and the profile when asked for). */
function written(documentId: string, ctx: RequestContext) {
  const profile = ctx.recorder?.toProfile();
  return profile ? { documentId, profile } : { documentId };
}

export function documentWriteRoutes(app: FastifyInstance, deps: DocsDeps): void {
  const { writer, config } = deps;
  const docParams = pathParams(['namespace', 'collection', 'documentId']);
  const docPathParams = pathParams(['namespace', 'collection', 'documentId', '*']);

  app.post<{ Params: CollectionParams }>(
    BASE,
    {
      schema: {
        tags,
        summary: 'Create a document',
        description: 'A new document with a random id; the collection is created if it does not exist.',
        params: pathParams(['namespace', 'collection']),
        querystring: querystring(['ttl', 'profile']),
        response: { ...success(201, 'Created'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const t = target(req.params);
      const ctx = requestContext(req);
      const id = await writer.create(ctx, t, body(req), ttl(query(req)));
      const location = locationOf(
        req,
        `/v2/namespaces/${t.namespace}/collections/${t.collection}/${encodeURIComponent(id)}`,
      );
      return reply.status(201).header('location', location).send(written(id, ctx));
    },
  );

  app.post<{ Params: CollectionParams }>(
    `${BASE}/batch`,
    {
      schema: {
        tags,
        summary: 'Create or replace many documents',
        description:
          'A JSON array of documents. With `id-path` each document is written under the id found at that path (replacing a document with that id); otherwise ids are random. Every document is checked before any is written.',
        params: pathParams(['namespace', 'collection']),
        querystring: querystring(['id-path', 'ttl', 'profile']),
        response: { ...success(202, 'Written'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const t = target(req.params);
      const ctx = requestContext(req);
      const q = query(req);
      const documentIds = await writer.batch(ctx, t, body(req), single(q, 'id-path'), ttl(q));
      const profile = ctx.recorder?.toProfile();
      return reply.status(202).send(profile ? { documentIds, profile } : { documentIds });
    },
  );

  app.put<{ Params: DocumentParams }>(
    `${BASE}/:documentId`,
    {
      schema: {
        tags,
        summary: 'Create or replace a document',
        params: docParams,
        querystring: querystring(['ttl', 'profile']),
        response: { ...success(200, 'Written'), ...errorResponses },
      },
    },
    async (req) => {
      const t = target(req.params);
      const ctx = requestContext(req);
      await writer.replace(ctx, t, req.params.documentId, body(req), ttl(query(req)));
      return written(req.params.documentId, ctx);
    },
  );

  app.put<{ Params: DocumentParams }>(
    `${BASE}/:documentId/*`,
    {
      schema: {
        tags,
        summary: 'Replace the value at a path in a document',
        params: docPathParams,
        querystring: querystring(['ttl-auto', 'profile']),
        response: { ...success(200, 'Written'), ...errorResponses },
      },
    },
    async (req) => {
      const t = target(req.params);
      const ctx = requestContext(req);
      const path = parseUrlPath(documentPathSegments(req), config.maxArrayLength);
      await writer.replaceAt(ctx, t, req.params.documentId, path, body(req));
      return written(req.params.documentId, ctx);
    },
  );

  const patch = async (req: FastifyRequest<{ Params: DocumentParams }>) => {
    const t = target(req.params);
    const ctx = requestContext(req);
    const path = parseUrlPath(documentPathSegments(req), config.maxArrayLength);
    await writer.patch(ctx, t, req.params.documentId, path, body(req));
    return written(req.params.documentId, ctx);
  };
  const patchSchema = (withPath: boolean) => ({
    schema: {
      tags,
      summary: withPath ? 'Merge an object into the object at a path' : 'Merge an object into a document',
      description:
        'The keys of the body replace those of the object (other keys stay); a non-empty JSON object only.',
      params: withPath ? docPathParams : docParams,
      querystring: querystring(['ttl-auto', 'profile']),
      response: { ...success(200, 'Updated'), ...errorResponses },
    },
  });
  app.patch(`${BASE}/:documentId`, patchSchema(false), patch);
  app.patch(`${BASE}/:documentId/*`, patchSchema(true), patch);

  const remove = async (req: FastifyRequest<{ Params: DocumentParams }>, reply: FastifyReply) => {
    const t = target(req.params);
    const path = parseUrlPath(documentPathSegments(req), config.maxArrayLength);
    await writer.delete(requestContext(req), t, req.params.documentId, path);
    return reply.status(204).send();
  };
  const deleteSchema = (withPath: boolean) => ({
    schema: {
      tags,
      summary: withPath ? 'Delete the value at a path in a document' : 'Delete a document',
      params: withPath ? docPathParams : docParams,
      querystring: querystring(['profile']),
      response: { ...noContent(204, 'Deleted'), ...errorResponses },
    },
  });
  app.delete(`${BASE}/:documentId`, deleteSchema(false), remove);
  app.delete(`${BASE}/:documentId/*`, deleteSchema(true), remove);

  const callFunction = async (req: FastifyRequest<{ Params: DocumentParams }>) => {
    const t = target(req.params);
    const ctx = requestContext(req);
    const segments = documentPathSegments(req);
    if (segments[segments.length - 1] !== FUNCTION_SEGMENT) {
      throw new ApiError('ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0]! });
    }
    const urlSegments = segments.slice(0, -1);
    const path = parseUrlPath(urlSegments, config.maxArrayLength);
    const call = parseFunctionCall(req.body);
    const data = await executeFunction(
      writer,
      ctx,
      t,
      req.params.documentId,
      urlSegments,
      path,
      call,
      config.maxArrayLength,
    );
    return wrapResponse(
      { documentId: req.params.documentId, data, profile: ctx.recorder?.toProfile() },
      flag(query(req), 'raw'),
    );
  };
  const functionSchema = (withPath: boolean) => ({
    schema: {
      tags,
      summary: 'Run a built-in function ($push, $pop, $set) on a document',
      description:
        '`$push` answers the whole array, `$pop` the removed element, `$set` an empty object. The URL ends with /function.',
      params: withPath ? docPathParams : docParams,
      querystring: querystring(['profile', 'raw']),
      body: ref('DocsFunctionCall'),
      response: { ...success(200, 'The result'), ...errorResponses },
    },
  });
  app.post(`${BASE}/:documentId/${FUNCTION_SEGMENT}`, functionSchema(false), callFunction);
  // POST serves only …/{documentPath}/function: on other document paths it is an undeclared
  // method (405 with Allow), answered before the body is parsed or validated.
  app.post(
    `${BASE}/:documentId/*`,
    {
      ...functionSchema(true),
      config: { servesPath: (path: string) => path.endsWith(`/${FUNCTION_SEGMENT}`) },
    },
    callFunction,
  );
}
