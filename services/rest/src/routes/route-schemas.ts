// Path and query-string schemas shared by the REST routes, and the error responses every route
// documents. Body and response shapes live in schemas/rest/ and are referenced by $id.
import {
  COLUMN_NAME_PATTERN,
  MAX_COLUMN_NAME_LENGTH,
  MAX_IDENTIFIER_LENGTH,
  SCHEMA_NAME_PATTERN,
} from '../../../common/src/cql/identifier.js';
import { MAX_TIMESTAMP_MICROS, MAX_TTL_SECONDS } from '../../../common/src/cql/write-time-limits.js';
import { errorResponseDocs } from '../../../common/src/http/error-responses.js';
import { handlerParsedParameter, jsonQueryParameter } from '../../../common/src/http/query-parameters.js';
import { ref } from '../http/rest-schemas.js';
import { MAX_ANN_ROWS } from '../parse/vector-sort.js';

export const TAG_DATA = 'data';
export const TAG_SCHEMA = 'schemas';

/** A keyspace, table, index or type name in a path: what validateSchemaName accepts. */
export const schemaName = (description: string) =>
  ({
    type: 'string',
    minLength: 1,
    maxLength: MAX_IDENTIFIER_LENGTH,
    pattern: SCHEMA_NAME_PATTERN,
    description: `${description}: letters, digits and underscores`,
  }) as const;

/** A column name in a path: anything but control characters, as validateColumnName accepts. */
export const columnName = (description: string) =>
  ({
    type: 'string',
    minLength: 1,
    maxLength: MAX_COLUMN_NAME_LENGTH,
    pattern: COLUMN_NAME_PATTERN,
    description,
  }) as const;

const name = schemaName;

export const keyspaceParams = {
  type: 'object',
  properties: { keyspace: name('Keyspace name') },
  required: ['keyspace'],
} as const;

export const tableParams = {
  type: 'object',
  properties: { keyspace: name('Keyspace name'), table: name('Table name') },
  required: ['keyspace', 'table'],
} as const;

export const primaryKeyParams = {
  type: 'object',
  properties: {
    keyspace: name('Keyspace name'),
    table: name('Table name'),
    '*': {
      type: 'string',
      description:
        'Primary key values in order, separated by "/": the partition key, then (all or the first) clustering columns',
    },
  },
  required: ['keyspace', 'table'],
} as const;

export const rawQuery = {
  raw: { type: 'boolean', default: false, description: 'Return the data without the {"data": …} wrapper' },
};

export const compactMapDataQuery = {
  compactMapData: {
    type: 'boolean',
    description:
      'Maps as JSON objects (true) or as [{"key", "value"}] arrays (false); default from REST_COMPACT_MAP_DATA',
  },
};

/** `ttl` and `timestamp` of a row insert or update, checked by parse/write-options.ts. */
export const writeOptionsQuery = {
  ttl: handlerParsedParameter({
    type: 'integer',
    minimum: 0,
    maximum: MAX_TTL_SECONDS,
    description: `Beyond Stargate: seconds the written cells live (USING TTL), 0 (never expire, overriding the table's default_time_to_live) to ${MAX_TTL_SECONDS} (20 years); not on tables with counters`,
  }),
  timestamp: handlerParsedParameter({
    type: 'integer',
    minimum: 0,
    maximum: MAX_TIMESTAMP_MICROS,
    description: `Beyond Stargate: the write time (USING TIMESTAMP) in microseconds since 1970-01-01T00:00:00Z, 0 to ${MAX_TIMESTAMP_MICROS}; of two writes to a cell the one with the later timestamp wins; not on tables with counters`,
  }),
};

export interface RowsQuery {
  where?: string;
  fields?: string;
  'page-size'?: number;
  'page-state'?: string;
  raw?: boolean;
  sort?: string;
  compactMapData?: boolean;
}

/** Any JSON value but null (OpenAPI 3.0 has no type for "anything not null"). */
const NOT_NULL = {
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array' }, { type: 'object' }],
};

/**
 * `where` as parse/where.ts reads it: an object of columns, each an object of operators (matched
 * ignoring case; the canonical spelling is documented) with a value that is not null. Which
 * columns exist, and which values suit their types, only the table can tell.
 */
export const whereQuery = (description: string) =>
  jsonQueryParameter(description, {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        $eq: NOT_NULL,
        $lt: NOT_NULL,
        $lte: NOT_NULL,
        $gt: NOT_NULL,
        $gte: NOT_NULL,
        $in: { type: 'array', minItems: 1 },
        $exists: { type: 'boolean', enum: [true] },
        $contains: NOT_NULL,
        $containsKey: NOT_NULL,
        $containsEntry: { type: 'object', properties: { key: {}, value: {} }, required: ['key', 'value'] },
      },
      additionalProperties: false,
    },
  });

const WHERE_DESCRIPTION =
  'JSON conditions, e.g. {"id":{"$eq":1},"ts":{"$gt":"2024-01-01T00:00:00Z"}}; operators (any case) $eq $lt $lte $gt $gte (a value, or an array of values: one condition each), $in (a non-empty array), $exists (true), $contains $containsKey $containsEntry ({"key": …, "value": …}); {} means no condition';

export function rowsQuerystring(maxPageSize: number, where: 'required' | 'optional' | 'none') {
  const properties: Record<string, unknown> = {
    fields: {
      type: 'string',
      description:
        'Comma-separated columns to return (default: all). Beyond Stargate: ttl(col) returns the seconds col has left to live (null: no expiry) and writetime(col) its write time in microseconds since the epoch, under those names; not for primary key columns; for a non-frozen collection or UDT, an array with one value per element or field. On an ANN read (sort by $vector), similarity_cosine(col), similarity_dot_product(col) and similarity_euclidean(col) return the score of the vector column col against the query vector under that name',
    },
    'page-size': {
      type: 'integer',
      minimum: 1,
      maximum: maxPageSize,
      description: `Rows per page, 1 to ${maxPageSize} (default 100)`,
    },
    'page-state': pageStateQuery,
    sort: jsonQueryParameter(
      `JSON object of clustering columns and "asc" or "desc", e.g. {"ts":"desc"} (any value but "desc" sorts ascending). Beyond Stargate, an ANN read (vector search, Cassandra 5.0 SAI): {"embedding":{"$vector":[0.1,0.2,…]}} alone returns the page-size rows (1 to ${MAX_ANN_ROWS}, default 100) most similar to that vector by the similarity function of the column's SAI index, in one page (no page-state); the column must be a vector<float, n> with an SAI index and the vector must have n numbers (not all zeros on a COSINE index); fields may add similarity_cosine(embedding), similarity_dot_product(embedding) or similarity_euclidean(embedding), the score against the same vector`,
      {
        type: 'object',
        additionalProperties: {
          anyOf: [
            { type: 'string', description: '"asc" or "desc"' },
            { type: 'number', description: 'ascending' },
            { type: 'boolean', description: 'ascending' },
            {
              type: 'object',
              properties: {
                $vector: {
                  type: 'array',
                  items: { type: 'number' },
                  minItems: 1,
                  description: 'The query vector of an ANN read',
                },
              },
              required: ['$vector'],
              additionalProperties: false,
            },
          ],
        },
      },
    ),
    ...rawQuery,
    ...compactMapDataQuery,
  };
  if (where !== 'none') properties.where = whereQuery(WHERE_DESCRIPTION);
  return { type: 'object', properties, ...(where === 'required' ? { required: ['where'] } : {}) };
}

/**
 * A page state as parse/paging.ts accepts it (base64; an unencoded "+" arrives as a space),
 * checked there so that a refusal says what a page state is.
 */
export const pageStateQuery = handlerParsedParameter({
  type: 'string',
  pattern: '^[A-Za-z0-9+/ ]*={0,2}$',
  description: 'The pageState of the previous page (base64)',
});

/** A schema GET's 200: {"data": value}, or the bare value with raw=true. */
export function dataOrRawResponse(description: string, value: object) {
  return {
    description: `${description} (in {"data": …} unless raw=true)`,
    anyOf: [{ type: 'object', properties: { data: value }, required: ['data'] }, value],
  };
}

export const errorResponses = errorResponseDocs(ref('ApiError'));
