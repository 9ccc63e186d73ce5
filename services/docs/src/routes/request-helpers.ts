// Small pieces every Document API route needs: the request context (token, profile recorder),
// the collection addressed, and the document path segments of the URL.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { flag, type QueryString } from '../parse/query-params.js';
import { QueryRecorder } from '../respond/execution-profile.js';
import type { RequestContext } from '../storage/request-context.js';

export interface CollectionParams {
  namespace: string;
  collection: string;
}

export interface DocumentParams extends CollectionParams {
  documentId: string;
}

export function query(req: FastifyRequest): QueryString {
  return req.query as QueryString;
}

export function requestContext(req: FastifyRequest): RequestContext {
  const profile = flag(query(req), 'profile');
  return { token: req.token, recorder: profile ? new QueryRecorder() : undefined };
}

/** The collection a request addresses; its names were checked by the route's params schema (route-schemas.ts). */
export function target(params: CollectionParams): CollectionParams {
  return { namespace: params.namespace, collection: params.collection };
}

/** Path segments after /v2/namespaces/{ns}/collections/{c}/{id}/, each URL-decoded. */
export function documentPathSegments(req: FastifyRequest, dropLast = 0): string[] {
  const path = req.url.split('?')[0]!;
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .slice(6);
  const kept = dropLast > 0 ? segments.slice(0, -dropLast) : segments;
  return kept.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new ApiError('DOCS_REQUEST_INVALID', {
        detail: `the path segment '${s}' is not valid URL encoding`,
      });
    }
  });
}

/** An absolute URL for a Location header. */
export function locationOf(req: FastifyRequest, path: string): string {
  return `${req.protocol}://${req.host}${path}`;
}
