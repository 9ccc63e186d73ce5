// The REST API's OpenAPI document at /api/rest/openapi (and /api/rest/openapi.json); Swagger UI
// at /swagger-ui (common/src/http/openapi.ts).
import type { FastifyInstance } from 'fastify';
import { registerOpenApi as registerApiDocument } from '../../../common/src/http/openapi.js';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await registerApiDocument(app, {
    title: 'REST API v2',
    description:
      'Stargate-compatible REST API for Apache Cassandra: rows (search, read, write, count, bulk insert, and beyond Stargate vector search: sort={"col":{"$vector":[…]}} on a vector column with an SAI index) and schema (keyspaces, tables, columns, indexes, user-defined types). Every /v2 call needs the X-Cassandra-Token header.',
    tags: [
      { name: 'data', description: 'Rows' },
      { name: 'schemas', description: 'Keyspaces, tables, columns, indexes, user-defined types' },
    ],
    documentPaths: ['/api/rest/openapi', '/api/rest/openapi.json'],
    // find-my-way's wildcard carries the primary key values.
    wildcard: { param: 'primaryKey' },
  });
}
