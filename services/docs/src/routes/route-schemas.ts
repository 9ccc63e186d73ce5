// OpenAPI descriptions of the Document API's path and query parameters. Query values are checked
// by the handlers (parse/*.ts) so that errors carry Stargate's codes and messages; these schemas
// only document them (every value is a string here).
import { ref } from '../http/docs-schemas.js';

const str = (description: string) => ({ type: 'string', description });

export const params = {
  namespace: str('The namespace (keyspace): letters, digits and underscores.'),
  collection: str('The collection: letters, digits and underscores.'),
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

export const errorResponses = {
  400: { ...ref('DocsApiError'), description: 'Bad request' },
  401: { ...ref('DocsApiError'), description: 'Missing token' },
  404: { ...ref('DocsApiError'), description: 'Not found' },
};
