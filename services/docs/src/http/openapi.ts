// The Document API's OpenAPI document at /api/docs/openapi.json (and /api/docs/openapi); Swagger UI
// at /swagger-ui (common/src/http/openapi.ts).
import type { FastifyInstance } from 'fastify';
import { registerOpenApi as registerApiDocument } from '../../../common/src/http/openapi.js';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await registerApiDocument(app, {
    title: 'Document API v2',
    description:
      'Stargate-compatible Document API for Apache Cassandra: JSON documents in collections, searched with `where` through storage-attached indexes. Every /v2 call needs the X-Cassandra-Token header.',
    tags: [
      { name: 'documents', description: 'Documents: write, read, search, update, delete, functions' },
      { name: 'collections', description: 'Collections of a namespace and their JSON schemas' },
      { name: 'namespaces', description: 'Namespaces (Cassandra keyspaces)' },
    ],
    documentPaths: ['/api/docs/openapi', '/api/docs/openapi.json'],
    // find-my-way's wildcard carries the document path; POST on it runs a function.
    wildcard: {
      param: 'documentPath',
      url: (base, method) => (method === 'POST' ? `${base}/function` : base),
    },
  });
}
