// Reading documents: search a collection (where, fields, page-size, page-state, and beyond
// Stargate sort and count), get a document or the value at a path in it, and search inside one
// document (get with where or page-size).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { getAt, type Json } from '../document/json-tree.js';
import { projectFields } from '../document/project-fields.js';
import { parseFields } from '../parse/fields.js';
import { flag, pageSize, type QueryString, single } from '../parse/query-params.js';
import { parseSort } from '../parse/sort.js';
import { parseVectorSort } from '../parse/vector-sort.js';
import { parseWhere } from '../parse/where.js';
import {
  type ConcreteSegment,
  formatUrlSegments,
  type PathPattern,
  parsePatternSegment,
  parseUrlPath,
} from '../path/field-path.js';
import { wrapResponse } from '../respond/document-response.js';
import { scoredPageResponse } from '../respond/scored-page-response.js';
import { searchPageResponse } from '../respond/search-page-response.js';
import { JSON_CONTENT_TYPE, storedDocumentResponse } from '../respond/stored-document-response.js';
import { countDocuments, searchCollection } from '../search/collection-search.js';
import { decodePageState, encodePageState, searchFingerprint } from '../search/page-state.js';
import { findSubDocuments } from '../search/sub-document-search.js';
import { vectorSearch } from '../search/vector-search.js';
import type { RequestContext } from '../storage/request-context.js';
import { refuseVectorConditions } from '../vector/document-vector.js';
import type { DocsDeps } from './docs-deps.js';
import {
  type CollectionParams,
  type DocumentParams,
  documentPathSegments,
  query,
  requestContext,
  target,
} from './request-helpers.js';
import { errorResponses, noContent, pathParams, querystring, success } from './route-schemas.js';

const BASE = '/v2/namespaces/:namespace/collections/:collection';
const tags = ['documents'];
const IN_DOCUMENT_DEFAULT_PAGE_SIZE = 100;

export function documentReadRoutes(app: FastifyInstance, deps: DocsDeps): void {
  app.get<{ Params: CollectionParams }>(
    BASE,
    {
      schema: {
        tags,
        summary: 'Search documents in a collection',
        description:
          'A page of the documents matching `where` (all documents without it), keyed by document id. Beyond Stargate: `sort` orders the matches, `count=true` answers their number, and in a collection that declares a vector `sort={"$vector":[…]}` answers the `page-size` documents nearest to that vector, nearest first, in one page (with `include-similarity=true` each carries its score as `$similarity`).',
        params: pathParams(['namespace', 'collection']),
        querystring: querystring(
          [
            'where',
            'fields',
            'page-size',
            'page-state',
            'sort',
            'include-similarity',
            'count',
            'profile',
            'raw',
          ],
          { maxPageSize: deps.config.maxPageSize },
        ),
        response: {
          ...success(200, 'A page of documents'),
          ...noContent(204, 'No document matches'),
          ...errorResponses,
        },
      },
    },
    (req, reply) => search(deps, req, reply),
  );

  // The route without a path has no segments to cut from the URL.
  const getDocument = (req: FastifyRequest<{ Params: DocumentParams }>, reply: FastifyReply) =>
    read(deps, req, reply, []);
  const getAtPath = (req: FastifyRequest<{ Params: DocumentParams }>, reply: FastifyReply) =>
    read(deps, req, reply, documentPathSegments(req));
  const documentSchema = (summary: string, withPath: boolean) => ({
    schema: {
      tags,
      summary,
      description:
        'With `where` or `page-size`: the sub-documents matching the condition on one field (search inside the document), paged; 204 when none.',
      params: pathParams(
        withPath ? ['namespace', 'collection', 'documentId', '*'] : ['namespace', 'collection', 'documentId'],
      ),
      querystring: querystring(['where', 'fields', 'page-size', 'page-state', 'profile', 'raw']),
      response: {
        ...success(200, 'The document (or the part at the path)'),
        ...noContent(204, 'Nothing matches'),
        ...errorResponses,
      },
    },
  });
  app.get(`${BASE}/:documentId`, documentSchema('Get a document', false), getDocument);
  app.get(`${BASE}/:documentId/*`, documentSchema('Get a path in a document', true), getAtPath);
}

async function search(
  deps: DocsDeps,
  req: FastifyRequest<{ Params: CollectionParams }>,
  reply: FastifyReply,
) {
  const t = target(req.params);
  const q = query(req);
  const ctx = requestContext(req);
  const { maxArrayLength, maxPageSize } = deps.config;
  const whereText = single(q, 'where');
  const where = parseWhere(whereText, { maxArrayLength });
  refuseVectorConditions(where);
  const collection = await deps.collections.get(ctx, t.namespace, t.collection);
  const profile = () => ctx.recorder?.toProfile();
  if (flag(q, 'count')) {
    const { count, moreData } = await countDocuments(
      { store: deps.store, limits: deps.config },
      ctx,
      collection,
      where,
    );
    return { count, ...(moreData ? { moreData } : {}), ...(ctx.recorder ? { profile: profile() } : {}) };
  }
  const fields = parseFields(single(q, 'fields'), maxArrayLength);
  const sortText = single(q, 'sort');
  const size = pageSize(q, {
    defaultSize: 3,
    max: maxPageSize,
    minimumMessage: 'the minimum number of documents to return is one',
  });
  const raw = flag(q, 'raw');
  const vector = parseVectorSort(sortText);
  if (vector !== undefined) {
    const found = await vectorSearch({ store: deps.store, limits: deps.config }, ctx, collection, {
      vector,
      where,
      pageSize: size.size,
      pageState: single(q, 'page-state'),
    });
    const includeSimilarity = flag(q, 'include-similarity');
    return reply
      .type(JSON_CONTENT_TYPE)
      .send(scoredPageResponse(found, { fields, raw, includeSimilarity }, profile()));
  }
  const page = await searchCollection({ store: deps.store, limits: deps.config }, ctx, collection, {
    where,
    whereText,
    sortText,
    sort: parseSort(sortText, maxArrayLength),
    pageSize: size.size,
    pageState: single(q, 'page-state'),
  });
  if (!fields) {
    // Whole documents: their stored text goes out unparsed.
    return reply.type(JSON_CONTENT_TYPE).send(searchPageResponse(page.docs, raw, page.pageState, profile()));
  }
  const data: Record<string, Json> = {};
  for (const found of page.docs) {
    Object.defineProperty(data, found.id, { value: projectFields(found.doc, fields), enumerable: true });
  }
  return wrapResponse({ pageState: page.pageState, data, profile: profile() }, raw);
}

/** One document read: what every mode needs, parsed from the request. */
interface DocumentRead {
  deps: DocsDeps;
  reply: FastifyReply;
  target: CollectionParams;
  ctx: RequestContext;
  id: string;
  /** The path in the document, as URL segments ([] for the document itself). */
  urlSegments: string[];
  fields: PathPattern[] | undefined;
  raw: boolean;
}

/** GET of a document or a path in it, in one of three modes. */
async function read(
  deps: DocsDeps,
  req: FastifyRequest<{ Params: DocumentParams }>,
  reply: FastifyReply,
  urlSegments: string[],
) {
  const t = target(req.params);
  const q = query(req);
  const ctx = requestContext(req);
  const id = req.params.documentId;
  const { maxArrayLength } = deps.config;
  const whereText = single(q, 'where');
  const size = pageSize(q, {
    defaultSize: IN_DOCUMENT_DEFAULT_PAGE_SIZE,
    minimumMessage: 'the minimum number of results to return is one',
  });
  const fields = parseFields(single(q, 'fields'), maxArrayLength);
  const doc: DocumentRead = { deps, reply, target: t, ctx, id, urlSegments, fields, raw: flag(q, 'raw') };
  if (whereText !== undefined || size.given) return searchInDocument(doc, q, whereText, size.size);
  const path = parseUrlPath(urlSegments, maxArrayLength);
  if (path.length === 0 && !fields) return readWholeDocument(doc);
  return readAtPath(doc, path);
}

/** With `where` or `page-size`: the sub-documents matching a condition on one field, paged. */
async function searchInDocument(
  doc: DocumentRead,
  q: QueryString,
  whereText: string | undefined,
  size: number,
) {
  const { deps, target: t, ctx, id, urlSegments, fields } = doc;
  const { maxArrayLength } = deps.config;
  const prefix = urlSegments.map((s) => parsePatternSegment(s, maxArrayLength));
  const where = parseWhere(whereText, { maxArrayLength, prefix, prefixText: urlSegments.join('.') });
  const fingerprint = searchFingerprint([
    t.namespace,
    t.collection,
    id,
    urlSegments.join('/'),
    whereText,
    single(q, 'fields'),
  ]);
  const pageStateText = single(q, 'page-state');
  const start = pageStateText ? decodePageState(pageStateText, fingerprint) : undefined;
  if (start && start.kind !== 'offset') throw new ApiError('DOCS_PAGE_STATE_INVALID');
  const search = { prefix, where, fields };
  // Checked before reading, so a bad request is a 400 even when the document does not exist.
  findSubDocuments({}, search);
  const collection = await deps.collections.get(ctx, t.namespace, t.collection);
  const stored = await deps.store.read(ctx, collection, id);
  const matches = stored ? findSubDocuments(stored.doc, search) : [];
  if (matches.length === 0) return doc.reply.status(204).send();
  const offset = start?.offset ?? 0;
  const next = offset + size;
  return wrapResponse(
    {
      documentId: id,
      pageState:
        next < matches.length ? encodePageState(fingerprint, { kind: 'offset', offset: next }) : undefined,
      data: matches.slice(offset, next),
      profile: ctx.recorder?.toProfile(),
    },
    doc.raw,
  );
}

/** The whole document, no fields: its stored text goes out unparsed. */
async function readWholeDocument(doc: DocumentRead) {
  const { deps, target: t, ctx, id } = doc;
  const collection = await deps.collections.get(ctx, t.namespace, t.collection);
  const stored = await deps.store.readText(ctx, collection, id);
  if (stored === undefined) throw notFound(id, doc.urlSegments);
  return doc.reply
    .type(JSON_CONTENT_TYPE)
    .send(storedDocumentResponse(id, stored.json, doc.raw, ctx.recorder?.toProfile()));
}

/** The value at a path in the document (the document itself with fields), projected on fields. */
async function readAtPath(doc: DocumentRead, path: ConcreteSegment[]) {
  const { deps, target: t, ctx, id, fields } = doc;
  const collection = await deps.collections.get(ctx, t.namespace, t.collection);
  const stored = await deps.store.read(ctx, collection, id);
  let value: Json | undefined = stored?.doc;
  if (value !== undefined && fields) {
    value = projectFields(
      value,
      fields.map((f) => ({ segments: [...path, ...f.segments], text: f.text })),
    );
  }
  if (value !== undefined) value = getAt(value, path);
  if (value === undefined) throw notFound(id, doc.urlSegments);
  return wrapResponse({ documentId: id, data: value, profile: ctx.recorder?.toProfile() }, doc.raw);
}

function notFound(id: string, urlSegments: readonly string[]): ApiError {
  return new ApiError('DOCS_DOCUMENT_NOT_FOUND', {
    detail:
      urlSegments.length === 0
        ? `A document with the id ${id} does not exist.`
        : `A path ${formatUrlSegments(urlSegments)} in a document with the id ${id}, or the document itself, does not exist.`,
  });
}
