// OpenAPI descriptions of the Document API's path and query parameters. Query values are checked
// by the handlers (parse/*.ts) so that errors carry Stargate's codes and messages; these schemas
// document what the handlers accept (JSON values with the schema of the parsed value, numbers with
// their bounds), and validators see every value as a string (common/src/http/query-parameters.ts).
import { SCHEMA_NAME_PATTERN } from '../../../common/src/cql/identifier.js';
import { MAX_TTL_SECONDS } from '../../../common/src/cql/write-time-limits.js';
import { errorResponseDocs } from '../../../common/src/http/error-responses.js';
import { handlerParsedParameter, jsonQueryParameter } from '../../../common/src/http/query-parameters.js';
import { ref } from '../http/docs-schemas.js';
import { MAX_VECTOR_DIMENSION } from '../vector/vector-settings.js';

const str = (description: string) => ({ type: 'string', description });

const params = {
  // Names in URLs are `\w+` (Stargate's route patterns), checked here only: a refused one is
  // Stargate's 404 (http/docs-errors.ts turns the validation error into it).
  namespace: {
    ...str('The namespace (keyspace): letters, digits and underscores.'),
    pattern: SCHEMA_NAME_PATTERN,
  },
  collection: { ...str('The collection: letters, digits and underscores.'), pattern: SCHEMA_NAME_PATTERN },
  documentId: str('The document id.'),
  '*': str('A path in the document, one URL segment per key or array index ([0]).'),
};

/** A JSON scalar (the operand of $eq … $gte). */
const SCALAR = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] };

/** The conditions on one field (parse/where.ts): operators with their operands, and a hint. */
const FIELD_CONDITIONS = {
  type: 'object',
  properties: {
    $eq: SCALAR,
    $ne: SCALAR,
    $lt: SCALAR,
    $lte: SCALAR,
    $gt: SCALAR,
    $gte: SCALAR,
    // Scalars or null, never an object or an array.
    $in: { type: 'array', minItems: 1, items: { not: { anyOf: [{ type: 'object' }, { type: 'array' }] } } },
    $nin: { type: 'array', minItems: 1, items: { not: { anyOf: [{ type: 'object' }, { type: 'array' }] } } },
    $exists: { type: 'boolean' },
    $selectivity: { type: 'number' },
  },
  additionalProperties: false,
};

/**
 * `where` as parse/where.ts reads it. Beyond this shape the handler also refuses field paths it
 * cannot address ('', unescaped [ ] . ' \), operands of different types on one field, and a
 * $selectivity hint beside several conditions: OpenAPI 3.0 cannot say those.
 */
export const WHERE = {
  type: 'object',
  properties: {
    $or: { type: 'array' },
    $and: { type: 'array' },
    $not: { type: 'object' },
  },
  additionalProperties: FIELD_CONDITIONS,
};

/** The last repeated value counts, as in Stargate; flags are "true" (any case) or false. */
const query = {
  raw: str('true: answer only the contents of `data`.'),
  profile: str('true: add the CQL the request ran (`profile`).'),
  where: jsonQueryParameter(
    'Search conditions as JSON, e.g. {"price":{"$gt":10}}: $eq $ne $lt $lte $gt $gte $exists $in $nin, $and $or $not, $selectivity; paths with dots, [n], * and [*].',
    WHERE,
  ),
  fields: jsonQueryParameter('JSON array of the paths to return, e.g. ["name","address.city"].', {
    type: 'array',
    items: { type: 'string', minLength: 1 },
  }),
  pageSize: handlerParsedParameter({ type: 'integer', minimum: 1, description: 'Results per page.' }),
  // Opaque, and read only where a search pages: a reading of one document ignores it.
  pageState: str('The pageState of the previous page, as issued.'),
  ttl: handlerParsedParameter({
    type: 'integer',
    minimum: 1,
    maximum: MAX_TTL_SECONDS,
    description: 'Time to live of the document in seconds (at most 20 years).',
  }),
  ttlAuto: str('Accepted for compatibility: partial updates always keep the document’s time to live.'),
  idPath: str('Path of the document id inside each document, e.g. a.b.[0]; random ids without it.'),
  sort: jsonQueryParameter(
    'Beyond Stargate: JSON object of 1 to 8 paths to 1 or -1, e.g. {"price":-1}; sorts up to DOCS_MAX_SORT_DOCUMENTS matches. Or, in a collection that declares a vector, {"$vector":[0.1,0.2,…]} alone (as many numbers as its dimension): the page-size documents nearest to it, nearest first, in one page (no page-state); with a `where`, the nearest of those it matches.',
    {
      oneOf: [
        {
          type: 'object',
          minProperties: 1,
          maxProperties: 8,
          not: { required: ['$vector'] },
          additionalProperties: { type: 'integer', enum: [1, -1] },
        },
        {
          type: 'object',
          properties: {
            $vector: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_VECTOR_DIMENSION,
              items: { type: 'number' },
            },
          },
          required: ['$vector'],
          additionalProperties: false,
        },
      ],
    },
  ),
  includeSimilarity: str(
    'Beyond Stargate: true adds `$similarity` (the score of the collection’s metric, higher is nearer) to each document of a search sorted by `$vector`.',
  ),
  count: str('Beyond Stargate: true answers {"count": n} for the documents matching `where`.'),
};

type QueryName =
  | keyof typeof query
  | 'page-size'
  | 'page-state'
  | 'ttl-auto'
  | 'id-path'
  | 'include-similarity';

/** The query parameters of a route; `maxPageSize` bounds page-size where the handler does. */
export function querystring(names: QueryName[], options: { maxPageSize?: number } = {}) {
  const aliases: Record<string, keyof typeof query> = {
    'page-size': 'pageSize',
    'page-state': 'pageState',
    'ttl-auto': 'ttlAuto',
    'id-path': 'idPath',
    'include-similarity': 'includeSimilarity',
  };
  const schemaOf = (name: QueryName) => {
    const schema = query[aliases[name] ?? (name as keyof typeof query)];
    if (name !== 'page-size' || options.maxPageSize === undefined) return schema;
    return {
      ...schema,
      maximum: options.maxPageSize,
      description: `Documents per page, 1 to ${options.maxPageSize} (default 3).`,
    };
  };
  return {
    type: 'object',
    properties: Object.fromEntries(names.map((n) => [n, schemaOf(n)])),
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
