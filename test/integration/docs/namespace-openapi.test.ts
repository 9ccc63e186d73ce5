// GET /v2/namespaces/{ns}/openapi.json against real Cassandra: a collection with a JSON schema gets
// it (in OpenAPI 3.0 form) as its document type, one without gets any JSON object; the document
// validates with swagger-parser, follows schema changes, needs a token, 404s for an unknown
// namespace and answers 405 to other methods.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocsApiHarness, startDocsApi } from './docs-api-harness.js';

let api: DocsApiHarness;

const personSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0 },
    email: { type: ['string', 'null'], format: 'email' },
    kind: { const: 'person' },
    address: { $ref: '#/definitions/address' },
  },
  required: ['name'],
  additionalProperties: false,
  definitions: {
    address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

type Doc = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

async function document(): Promise<Doc> {
  const res = await api.call('GET', `/v2/namespaces/${api.namespace}/openapi.json`);
  expect(res.status, res.text).toBe(200);
  return res.body as Doc;
}

beforeAll(async () => {
  api = await startDocsApi('topenapi_docs');
  for (const name of ['people', 'notes']) {
    const created = await api.call('POST', `/v2/namespaces/${api.namespace}/collections`, { body: { name } });
    expect(created.status, created.text).toBe(201);
  }
  const set = await api.call('PUT', api.collectionPath('people', '/json-schema'), { body: personSchema });
  expect(set.status, set.text).toBe(200);
});

afterAll(async () => {
  await api?.close();
});

describe('the namespace document', () => {
  it('gives a collection with a JSON schema that schema as its document body type, others any object', async () => {
    const doc = await document();
    await SwaggerParser.validate(structuredClone(doc) as unknown as OpenAPI.Document);
    const people = `/v2/namespaces/${api.namespace}/collections/people`;
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        people,
        `${people}/{document-id}`,
        `/v2/namespaces/${api.namespace}/collections/notes`,
        `/v2/namespaces/${api.namespace}/collections/notes/{document-id}`,
      ].sort(),
    );
    expect(doc.paths[people]!.post!.requestBody!.content['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/people_Document',
    });
    expect(doc.components.schemas.people_Document).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        age: { type: 'integer', minimum: 0 },
        email: { type: 'string', format: 'email', nullable: true },
        kind: { enum: ['person'] },
        address: { $ref: '#/components/schemas/people_address' },
      },
      required: ['name'],
      additionalProperties: false,
    });
    expect(doc.components.schemas.people_address).toEqual({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    });
    // Without a JSON schema: what the API takes as a document, a non-empty object or array.
    expect(doc.components.schemas.notes_Document).toMatchObject({
      anyOf: [
        { type: 'object', minProperties: 1 },
        { type: 'array', minItems: 1 },
      ],
    });
    expect(doc.paths[people]!.delete).toMatchObject({ operationId: 'drop_collection_people' });
  });

  it('follows a changed JSON schema', async () => {
    const set = await api.call('PUT', api.collectionPath('notes', '/json-schema'), {
      body: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    });
    expect(set.status, set.text).toBe(200);
    const doc = await document();
    expect(doc.components.schemas.notes_Document).toEqual({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
    });
  });

  it('needs a token, answers 404 for an unknown namespace and 405 to other methods', async () => {
    const anonymous = await api.call('GET', `/v2/namespaces/${api.namespace}/openapi.json`, { token: null });
    expect(anonymous.status).toBe(401);
    const unknown = await api.call('GET', '/v2/namespaces/no_such_ns_topenapi/openapi.json');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      description: 'Unknown namespace no_such_ns_topenapi, you must create it first.',
      code: 404,
    });
    const post = await api.call('POST', `/v2/namespaces/${api.namespace}/openapi.json`, { body: {} });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});
