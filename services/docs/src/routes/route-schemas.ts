// OpenAPI descriptions of the Document API's path and query parameters. Query values are checked
// by the handlers (parse/*.ts) so that errors carry Stargate's codes and messages; these schemas
// only document them (every value is a string here).
import { SCHEMA_NAME_PATTERN } from '../../../common/src/cql/identifier.js';
import { errorResponseDocs } from '../../../common/src/http/error-responses.js';
import { ref } from '../http/docs-schemas.js';

const str = (description: string) => ({ type: 'string', description });

export const params = {
  // Names are checked as checkNamespaceName / checkCollectionName do; a refused one is a 404 there
  // (Stargate's), and http/docs-errors.ts keeps it one when this pattern refuses it first.
  namespace: {
    ...str('The namespace (keyspace): letters, digits and underscores.'),
    pattern: SCHEMA_NAME_PATTERN,
  },
  collection: { ...str('The collection: letters, digits and underscores.'), pattern: SCHEMA_NAME_PATTERN },
  documentId: str('The document id.'),
  '*': str('A path in the document, one URL segment per key or array index ([0]).'),
};

export const query = {
  raw: str('true: answer only the contents of `data`.'),
  profile: str('true: add the CQL the request ran (`profile`).'),
  where: str(
    'Search conditions as JSON, e.g. {"price":{"$gt":10}}: $eq $ne $lt $lte $gt $gte $exists $in $nin, $and $or $not, $selectivity; paths with dots, [n], * and [*].',
  ),
  fields: str('JSON array of the paths to return, e.g. ["name","address.city"].'),
  pageSize: str('Documents per page.'),
  pageState: str('The pageState of the previous page.'),
  ttl: str('Time to live of the document in seconds.'),
  ttlAuto: str('Accepted for compatibility: partial updates always keep the document’s time to live.'),
  idPath: str('Path of the document id inside each document, e.g. a.b.[0]; random ids without it.'),
  sort: str(
    'Beyond Stargate: JSON object of paths to 1 or -1, e.g. {"price":-1}; sorts up to DOCS_MAX_SORT_DOCUMENTS matches.',
  ),
  count: str('Beyond Stargate: true answers {"count": n} for the documents matching `where`.'),
};

export function querystring(
  names: Array<keyof typeof query | 'page-size' | 'page-state' | 'ttl-auto' | 'id-path'>,
) {
  const aliases: Record<string, keyof typeof query> = {
    'page-size': 'pageSize',
    'page-state': 'pageState',
    'ttl-auto': 'ttlAuto',
    'id-path': 'idPath',
  };
  return {
    type: 'object',
    properties: Object.fromEntries(names.map((n) => [n, query[aliases[n] ?? (n as keyof typeof query)]])),
  };
}

export function pathParams(names: Array<keyof typeof params>) {
  return {
    type: 'object',
    properties: Object.fromEntries(names.map((n) => [n, params[n]])),
    required: names,
  };
}

export const errorResponses = errorResponseDocs(ref('DocsApiError'));

/** A success status in `responses`: its body is any JSON (routes write it as text, unchecked here). */
export function success(status: 200 | 201 | 202, description: string) {
  return { [status]: { description } };
}

/** A success status with no body. */
export function noContent(status: 201 | 204, description: string) {
  return { [status]: { description, type: 'null' } };
}
