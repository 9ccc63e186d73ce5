// Issue 16 item 4: the OpenAPI documents of REST and Docs describe query parameters as the server
// accepts them: JSON-valued ones (`where`, `sort`, Docs' `fields`) as content: application/json
// with the schema of the parsed value, numbers with the bounds their handlers check, page states
// with their alphabet; and nothing of our own markers leaks into the documents.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../../../services/common/src/config/load-config.js';
import { buildHttpApp } from '../../../../services/common/src/http/build-http-app.js';
import { createLogger } from '../../../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../../../services/common/src/metrics/registry.js';
import { registerDocsApi } from '../../../../services/docs/src/app.js';
import { type DocsConfig, docsConfigSchemas } from '../../../../services/docs/src/config.js';
import { registerRestApi } from '../../../../services/rest/src/app.js';
import { type RestConfig, restConfigSchemas } from '../../../../services/rest/src/config.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Record<string, unknown>;
  content?: Record<string, { schema: Record<string, unknown> }>;
}
type Document = { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };

async function documentOf(register: (app: FastifyInstance, context: ApiContext) => Promise<void>) {
  const logger = createLogger('test', 'silent');
  const registry = createMetricsRegistry('test');
  const app = buildHttpApp({ logger, registry, readiness: async () => ({ ready: true }) });
  // Nothing is called on the bridge or the schema cache while routes are registered.
  await register(app, { logger, registry, bridge: {}, schemaCache: {} } as unknown as ApiContext);
  await app.ready();
  // As served: JSON (the generator leaves symbol-keyed bookkeeping on its objects).
  const document = JSON.parse(JSON.stringify(app.swagger())) as Document;
  await app.close();
  return document;
}

function queryParameter(doc: Document, path: string, method: string, name: string): Parameter {
  const found = doc.paths[path]?.[method]?.parameters?.find((p) => p.in === 'query' && p.name === name);
  if (!found) throw new Error(`no query parameter ${name} on ${method} ${path}`);
  return found;
}

describe('REST', async () => {
  const config = loadConfig<RestConfig>(restConfigSchemas, { REST_MAX_PAGE_SIZE: '500' });
  const doc = await documentOf((app, context) => registerRestApi(app, context, config));
  const search = '/v2/keyspaces/{keyspace}/{table}';

  it('where: required JSON text of an object of columns, each an object of operators', () => {
    const where = queryParameter(doc, search, 'get', 'where');
    expect(where.required).toBe(true);
    expect(where.schema).toBeUndefined();
    const schema = where.content?.['application/json']?.schema as {
      type: string;
      additionalProperties: {
        type: string;
        properties: Record<string, unknown>;
        additionalProperties: boolean;
      };
    };
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties.type).toBe('object');
    expect(Object.keys(schema.additionalProperties.properties).sort()).toEqual(
      [
        '$contains',
        '$containsEntry',
        '$containsKey',
        '$eq',
        '$exists',
        '$gt',
        '$gte',
        '$in',
        '$lt',
        '$lte',
      ].sort(),
    );
    expect(schema.additionalProperties.properties.$in).toEqual({ type: 'array', minItems: 1 });
    expect(schema.additionalProperties.additionalProperties).toBe(false);
    const count = queryParameter(doc, `${search}/count`, 'get', 'where');
    expect(count.required).toBe(false);
    expect({ ...count.content?.['application/json']?.schema, description: '' }).toEqual({
      ...schema,
      description: '',
    });
  });

  it('sort: JSON text of an object; page-size and page-state with what the server checks', () => {
    for (const path of [search, `${search}/rows`, `${search}/{primaryKey}`]) {
      expect(queryParameter(doc, path, 'get', 'sort').content?.['application/json']?.schema).toMatchObject({
        type: 'object',
      });
      expect(queryParameter(doc, path, 'get', 'page-size').schema).toEqual({
        type: 'integer',
        minimum: 1,
        maximum: 500,
      });
      expect(queryParameter(doc, path, 'get', 'page-state').schema).toEqual({
        type: 'string',
        pattern: '^[A-Za-z0-9+/ ]*={0,2}$',
      });
    }
  });
});

describe('Docs', async () => {
  const config = loadConfig<DocsConfig>(docsConfigSchemas, {});
  const doc = await documentOf((app, context) => registerDocsApi(app, context, config));
  const collection = '/v2/namespaces/{namespace}/collections/{collection}';

  it('where, fields and sort: JSON text with the schema of their parsed value', () => {
    const json = (path: string, name: string) =>
      queryParameter(doc, path, 'get', name).content?.['application/json']?.schema;
    expect(json(collection, 'where')).toMatchObject({
      type: 'object',
      properties: { $or: { type: 'array' }, $and: { type: 'array' }, $not: { type: 'object' } },
      additionalProperties: { type: 'object', additionalProperties: false },
    });
    expect({ ...json(`${collection}/{documentId}`, 'where'), description: '' }).toEqual({
      ...json(collection, 'where'),
      description: '',
    });
    expect(json(collection, 'fields')).toMatchObject({
      type: 'array',
      items: { type: 'string', minLength: 1 },
    });
    // Fields to 1 or -1, or (in a collection that declares a vector) a `$vector` alone.
    expect(json(collection, 'sort')?.oneOf).toMatchObject([
      {
        type: 'object',
        minProperties: 1,
        maxProperties: 8,
        not: { required: ['$vector'] },
        additionalProperties: { type: 'integer', enum: [1, -1] },
      },
      {
        type: 'object',
        properties: { $vector: { type: 'array', minItems: 1, maxItems: 8192, items: { type: 'number' } } },
        required: ['$vector'],
        additionalProperties: false,
      },
    ]);
  });

  it('page-size bounded as each handler bounds it, ttl as documents may live', () => {
    expect(queryParameter(doc, collection, 'get', 'page-size').schema).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: config.maxPageSize,
    });
    expect(queryParameter(doc, `${collection}/{documentId}`, 'get', 'page-size').schema).toEqual({
      type: 'integer',
      minimum: 1,
    });
    expect(queryParameter(doc, collection, 'post', 'ttl').schema).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 630_720_000,
    });
  });

  it('carries none of our markers', () => {
    expect(JSON.stringify(doc)).not.toMatch(/x-parsed-by-handler|x-consume/);
  });
});
