// The typed OpenAPI document of one keyspace (GET /v2/keyspaces/{ks}/openapi.json), built from its
// live description: per table, its row routes with the real column types (common/src/openapi/
// cql-json-schema.ts) and its primary key columns as typed path parameters. A pure function of
// the description and the settings; routes/keyspace-openapi.ts caches it per schema hash.
import { MAX_TIMESTAMP_MICROS, MAX_TTL_SECONDS } from '../../../common/src/cql/write-time-limits.js';
import { errorResponseDocs } from '../../../common/src/http/error-responses.js';
import {
  cqlJsonSchema,
  type OpenApiSchema,
  pathValueSchema,
} from '../../../common/src/openapi/cql-json-schema.js';
import type { KeyspaceDescription } from '../../../common/src/schema/schema-cache.js';
import { type ColumnView, type TableView, tableViews } from '../../../common/src/schema/table-view.js';

export interface KeyspaceDocumentSettings {
  maxPageSize: number;
  /** The compactMapData default: the map shape responses use. */
  compactMapData: boolean;
}

const API_ERROR = { $ref: '#/components/schemas/ApiError' };
const errorResponses = errorResponseDocs({ content: { 'application/json': { schema: API_ERROR } } });

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

/** A path parameter name as OpenAPI tools turn it into code: the column's, when it is a plain identifier. */
function parameterName(column: ColumnView, index: number): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(column.name) ? column.name : `key${index + 1}`;
}

function queryParameter(name: string, schema: OpenApiSchema, description: string, required = false) {
  return { name, in: 'query', required, description, schema };
}

function readParameters(settings: KeyspaceDocumentSettings) {
  return [
    queryParameter(
      'fields',
      { type: 'string' },
      'Comma-separated columns to return (default: all); ttl(col) and writetime(col) return those under their own names',
    ),
    queryParameter(
      'page-size',
      { type: 'integer', minimum: 1, maximum: settings.maxPageSize },
      `Rows per page, 1 to ${settings.maxPageSize} (default 100)`,
    ),
    queryParameter(
      'page-state',
      { type: 'string', pattern: '^[A-Za-z0-9+/ ]*={0,2}$' },
      'The pageState of the previous page (base64)',
    ),
    // Kept a JSON string: its values are "asc"/"desc" or, for vector columns, {"$vector": [...]}.
    queryParameter(
      'sort',
      { type: 'string' },
      'JSON object of columns and "asc" or "desc", e.g. {"ts":"desc"}; vector columns may sort by similarity ({"embedding":{"$vector":[…]}})',
    ),
  ];
}

const whereParameter = {
  name: 'where',
  in: 'query',
  required: true,
  description:
    'JSON conditions, e.g. {"id":{"$eq":1}}; operators $eq $lt $lte $gt $gte $in $exists $contains $containsKey $containsEntry',
  content: {
    'application/json': {
      schema: { type: 'object', additionalProperties: { type: 'object', additionalProperties: true } },
    },
  },
};

function writeParameters(table: TableView) {
  // Cassandra refuses USING TTL and TIMESTAMP on counter tables: not offered there.
  if (table.regularColumns.some((c) => c.isCounter)) return [];
  return [
    queryParameter(
      'ttl',
      { type: 'integer', minimum: 0, maximum: MAX_TTL_SECONDS },
      `Seconds the written cells live, 0 (never expire) to ${MAX_TTL_SECONDS}`,
    ),
    queryParameter(
      'timestamp',
      { type: 'integer', minimum: 0, maximum: MAX_TIMESTAMP_MICROS },
      'The write time in microseconds since 1970-01-01T00:00:00Z',
    ),
  ];
}

/** Component schemas of one table: its row as read, as inserted, as updated, and a page of rows. */
function tableSchemas(table: TableView, settings: KeyspaceDocumentSettings): Record<string, OpenApiSchema> {
  const read = { direction: 'read', compactMapData: settings.compactMapData } as const;
  const write = { direction: 'write', compactMapData: settings.compactMapData } as const;
  const properties = (columns: readonly ColumnView[], context: typeof read | typeof write) =>
    Object.fromEntries(columns.map((c) => [c.name, cqlJsonSchema(c.type, context)]));
  const keyNames = table.primaryKey.map((c) => c.name);
  const updatable = table.ordered.filter((c) => !c.isPrimaryKey);
  const name = table.name;
  return {
    [`${name}_Row`]: {
      type: 'object',
      description: `A row of ${table.keyspace}.${name} as the API answers (columns asked for in fields, else all)`,
      properties: properties(table.ordered, read),
      // ttl(col) and writetime(col) fields come back under those names.
      additionalProperties: true,
    },
    [`${name}_RowInput`]: {
      type: 'object',
      description: `A row of ${table.keyspace}.${name} to insert: its primary key and any other columns`,
      properties: properties(table.ordered, write),
      required: keyNames,
      additionalProperties: false,
    },
    [`${name}_RowUpdate`]: {
      type: 'object',
      description: `Columns of ${table.keyspace}.${name} to change (the primary key is in the path)`,
      properties: properties(updatable, write),
      minProperties: 1,
      additionalProperties: false,
    },
    [`${name}_Rows`]: {
      type: 'object',
      properties: {
        count: { type: 'integer', description: 'Rows in this page' },
        pageState: {
          type: 'string',
          description: 'Pass as page-state for the next page; absent on the last',
        },
        data: { type: 'array', items: ref(`${name}_Row`) },
      },
      required: ['count', 'data'],
    },
  };
}

function tablePaths(table: TableView, settings: KeyspaceDocumentSettings): Record<string, object> {
  const name = table.name;
  const base = `/v2/keyspaces/${table.keyspace}/${name}`;
  const tags = [name];
  const rows = { 200: { description: 'A page of rows', ...json(ref(`${name}_Rows`)) }, ...errorResponses };
  const keyParameters = (columns: readonly ColumnView[]) =>
    columns.map((c, i) => ({
      name: parameterName(c, i),
      in: 'path',
      required: true,
      description: `${c.kind === 'partition' ? 'Partition' : 'Clustering'} key column '${c.name}'`,
      schema: pathValueSchema(c.type),
    }));
  const keyPath = (columns: readonly ColumnView[]) =>
    `${base}/${columns.map((c, i) => `{${parameterName(c, i)}}`).join('/')}`;
  const paths: Record<string, object> = {
    [base]: {
      get: {
        tags,
        operationId: `search_${name}`,
        summary: `Search ${name}`,
        parameters: [whereParameter, ...readParameters(settings)],
        responses: rows,
      },
      post: {
        tags,
        operationId: `insert_${name}`,
        summary: `Add a row to ${name}`,
        parameters: writeParameters(table),
        requestBody: { required: true, ...json(ref(`${name}_RowInput`)) },
        responses: {
          201: { description: 'The row as sent', ...json(ref(`${name}_RowInput`)) },
          ...errorResponses,
        },
      },
    },
    [`${base}/rows`]: {
      get: {
        tags,
        operationId: `list_${name}`,
        summary: `All rows of ${name}`,
        parameters: readParameters(settings),
        responses: rows,
      },
    },
  };
  const update = (verb: 'put' | 'patch') => ({
    tags,
    operationId: `${verb === 'put' ? 'replace' : 'update'}_${name}`,
    summary: `${verb === 'put' ? 'Replace' : 'Update'} columns of one row of ${name}`,
    parameters: [...keyParameters(table.primaryKey), ...writeParameters(table)],
    requestBody: { required: true, ...json(ref(`${name}_RowUpdate`)) },
    responses: {
      200: {
        description: 'The changes as sent',
        ...json({ type: 'object', properties: { data: ref(`${name}_RowUpdate`) }, required: ['data'] }),
      },
      ...errorResponses,
    },
  });
  const deleted = { 204: { description: 'Deleted' }, ...errorResponses };
  // Only the whole primary key: PUT and PATCH of a key prefix are always refused (an update names one
  // row), and a document must not offer a path a method can never succeed on.
  const updatable = table.ordered.some((c) => !c.isPrimaryKey);
  paths[keyPath(table.primaryKey)] = {
    get: {
      tags,
      operationId: `get_${name}`,
      summary: `One row of ${name} by its primary key`,
      parameters: [...keyParameters(table.primaryKey), ...readParameters(settings)],
      responses: rows,
    },
    ...(updatable ? { put: update('put'), patch: update('patch') } : {}),
    delete: {
      tags,
      operationId: `delete_${name}`,
      summary: `Delete one row of ${name}`,
      parameters: keyParameters(table.primaryKey),
      responses: deleted,
    },
  };
  return paths;
}

export function keyspaceDocument(
  description: KeyspaceDescription,
  settings: KeyspaceDocumentSettings,
): object {
  const keyspace = description.cqlKeyspace?.name ?? '';
  const tables = [...tableViews(description).values()].sort((a, b) => a.name.localeCompare(b.name));
  return {
    openapi: '3.0.3',
    info: {
      title: `REST API v2: keyspace ${keyspace}`,
      description: `The rows of keyspace '${keyspace}' with their column types, generated from its schema (hash ${description.hash?.value ?? 0}). Every call needs the X-Cassandra-Token header. Responses use the server's compactMapData default; the generic document (/api/rest/openapi.json) describes every option.`,
      version: String(description.hash?.value ?? 0),
    },
    tags: tables.map((t) => ({ name: t.name, description: `Table ${keyspace}.${t.name}` })),
    paths: Object.assign({}, ...tables.map((t) => tablePaths(t, settings))),
    components: {
      securitySchemes: { Token: { type: 'apiKey', in: 'header', name: 'X-Cassandra-Token' } },
      schemas: {
        ApiError: {
          type: 'object',
          description: 'Every error: what went wrong and the HTTP status.',
          properties: { description: { type: 'string' }, code: { type: 'integer' } },
          required: ['description', 'code'],
        },
        ...Object.assign({}, ...tables.map((t) => tableSchemas(t, settings))),
      },
    },
    security: [{ Token: [] }],
  };
}
