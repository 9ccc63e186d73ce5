// The typed OpenAPI document of one namespace (GET /v2/namespaces/{ns}/openapi.json): per
// collection its document routes, with the collection's JSON schema (PUT …/json-schema) as the
// document type, converted to OpenAPI 3.0, or any JSON object when it declares none. A pure
// function of the collections; routes/namespace-openapi.ts caches it per schema hash.
import { MAX_TTL_SECONDS } from '../../../common/src/cql/write-time-limits.js';
import { errorResponseDocs } from '../../../common/src/http/error-responses.js';
import { jsonSchemaToOpenApi30 } from '../../../common/src/openapi/json-schema-to-openapi30.js';
import type { Json } from '../document/json-tree.js';
import { WHERE } from '../routes/route-schemas.js';

export interface NamespaceCollection {
  name: string;
  jsonSchema?: Json;
}

export interface NamespaceDocumentSettings {
  maxPageSize: number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const errorResponses = errorResponseDocs(json(ref('DocsApiError')));

/** What a document may be without a JSON schema: a non-empty object or array (normalize-document.ts). */
const GENERIC_DOCUMENT = {
  anyOf: [
    { type: 'object', minProperties: 1, additionalProperties: true },
    { type: 'array', minItems: 1, items: {} },
  ],
  description: 'A JSON document: a non-empty object or array (the collection declares no JSON schema)',
};

function collectionPaths(namespace: string, name: string, settings: NamespaceDocumentSettings) {
  const base = `/v2/namespaces/${namespace}/collections/${name}`;
  const tags = [name];
  const documentType = ref(`${name}_Document`);
  const written = { 200: { description: 'Written', ...json(ref('DocumentId')) }, ...errorResponses };
  const ttl = {
    name: 'ttl',
    in: 'query',
    description: `Seconds the document lives, 1 to ${MAX_TTL_SECONDS}`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_TTL_SECONDS },
  };
  const documentId = {
    name: 'document-id',
    in: 'path',
    required: true,
    description: 'The document id',
    schema: { type: 'string', minLength: 1 },
  };
  return {
    [base]: {
      get: {
        tags,
        operationId: `search_${name}`,
        summary: `Search the documents of ${name}`,
        parameters: [
          {
            name: 'where',
            in: 'query',
            description: 'Search conditions as JSON, e.g. {"price":{"$gt":10}}',
            content: { 'application/json': { schema: WHERE } },
          },
          {
            name: 'page-size',
            in: 'query',
            description: `Documents per page, 1 to ${settings.maxPageSize} (default 3)`,
            schema: { type: 'integer', minimum: 1, maximum: settings.maxPageSize },
          },
          {
            name: 'page-state',
            in: 'query',
            description: 'The pageState of the previous page',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: {
            description: 'A page of documents, keyed by document id',
            ...json({
              type: 'object',
              properties: {
                pageState: { type: 'string' },
                data: { type: 'object', additionalProperties: documentType },
              },
              required: ['data'],
            }),
          },
          204: { description: 'No document matches' },
          ...errorResponses,
        },
      },
      post: {
        tags,
        operationId: `create_${name}`,
        summary: `Create a document in ${name} (a random id)`,
        parameters: [ttl],
        requestBody: { required: true, ...json(documentType) },
        responses: { 201: { description: 'Created', ...json(ref('DocumentId')) }, ...errorResponses },
      },
      delete: {
        tags,
        operationId: `drop_collection_${name}`,
        summary: `Delete the collection ${name} and all its documents`,
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      },
    },
    [`${base}/{document-id}`]: {
      get: {
        tags,
        operationId: `get_${name}`,
        summary: `A document of ${name}`,
        parameters: [documentId],
        responses: {
          200: {
            description: 'The document',
            ...json({
              type: 'object',
              properties: { documentId: { type: 'string' }, data: documentType },
              required: ['documentId', 'data'],
            }),
          },
          ...errorResponses,
        },
      },
      put: {
        tags,
        operationId: `replace_${name}`,
        summary: `Create or replace a document of ${name}`,
        parameters: [documentId, ttl],
        requestBody: { required: true, ...json(documentType) },
        responses: written,
      },
      patch: {
        tags,
        operationId: `update_${name}`,
        summary: `Merge fields into a document of ${name} (refused with 400 when the collection has a JSON schema, as Stargate)`,
        parameters: [documentId],
        requestBody: { required: true, ...json({ type: 'object', additionalProperties: true }) },
        responses: written,
      },
      delete: {
        tags,
        operationId: `delete_${name}`,
        summary: `Delete a document of ${name}`,
        parameters: [documentId],
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      },
    },
  };
}

export function namespaceDocument(
  namespace: string,
  hash: number,
  collections: readonly NamespaceCollection[],
  settings: NamespaceDocumentSettings,
): object {
  const schemas: Record<string, object> = {
    DocsApiError: {
      type: 'object',
      properties: { description: { type: 'string' }, code: { type: 'integer' } },
      required: ['description', 'code'],
    },
    DocumentId: { type: 'object', properties: { documentId: { type: 'string' } }, required: ['documentId'] },
  };
  for (const collection of collections) {
    if (collection.jsonSchema === undefined) {
      schemas[`${collection.name}_Document`] = GENERIC_DOCUMENT;
      continue;
    }
    const converted = jsonSchemaToOpenApi30(collection.jsonSchema, collection.name);
    Object.assign(schemas, converted.definitions);
    schemas[`${collection.name}_Document`] = converted.schema;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: `Document API v2: namespace ${namespace}`,
      description: `The collections of namespace '${namespace}', each with its JSON schema as the document type (any JSON object when it declares none), generated from the live schema (hash ${hash}). Every call needs the X-Cassandra-Token header; the generic document (/api/docs/openapi.json) describes every route and option.`,
      version: String(hash),
    },
    tags: collections.map((c) => ({ name: c.name, description: `Collection ${c.name}` })),
    paths: Object.assign({}, ...collections.map((c) => collectionPaths(namespace, c.name, settings))),
    components: {
      securitySchemes: { Token: { type: 'apiKey', in: 'header', name: 'X-Cassandra-Token' } },
      schemas,
    },
    security: [{ Token: [] }],
  };
}
