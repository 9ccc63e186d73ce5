// Response serializers are compiled on a route's first response, and still shape it by its schema.
import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../services/common/src/http/build-http-app.js';
import { createLogger } from '../../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../../services/common/src/metrics/registry.js';

describe('response serialization', () => {
  it('follows the route schema: only listed properties, in their JSON types', async () => {
    const app = buildHttpApp({
      logger: createLogger('test', 'silent'),
      registry: createMetricsRegistry('test'),
      readiness: async () => ({ ready: true }),
    });
    app.addSchema({ $id: 'Count', type: 'object', properties: { n: { type: 'integer' } } });
    app.get(
      '/count',
      { schema: { response: { 200: { $ref: 'Count#' }, 404: { type: 'object', properties: {} } } } },
      async () => ({ n: '42', secret: 'not in the schema' }),
    );
    const res = await app.inject({ method: 'GET', url: '/count' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"n":42}');
    expect((await app.inject({ method: 'GET', url: '/count' })).body).toBe('{"n":42}');
    await app.close();
  });
});
