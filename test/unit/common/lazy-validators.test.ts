// Request validators are compiled on a route's first request, and still validate and coerce as
// Fastify's default compiler does, except bodies: checked as sent (no coercion, nothing dropped).
import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../services/common/src/http/build-http-app.js';
import { createLogger } from '../../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../../services/common/src/metrics/registry.js';

const newApp = () =>
  buildHttpApp({
    logger: createLogger('test', 'silent'),
    registry: createMetricsRegistry('test'),
    readiness: async () => ({ ready: true }),
  });

describe('request validation', () => {
  it('coerces what matches the schema and refuses what does not, every time', async () => {
    const app = newApp();
    app.addSchema({ $id: 'Size', type: 'integer', minimum: 1 });
    app.post(
      '/rows/:id',
      {
        schema: {
          params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
          querystring: { type: 'object', properties: { size: { $ref: 'Size#' } } },
          body: {
            type: 'object',
            properties: { name: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
      async (req) => ({ params: req.params, query: req.query }),
    );
    const ok = await app.inject({ method: 'POST', url: '/rows/7?size=3', payload: { name: 'a' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ params: { id: 7 }, query: { size: 3 } });
    for (let i = 0; i < 2; i++) {
      const badQuery = await app.inject({ method: 'POST', url: '/rows/7?size=0', payload: { name: 'a' } });
      expect(badQuery.statusCode).toBe(400);
      expect(badQuery.json().description).toContain('querystring/size must be >= 1');
      const badBody = await app.inject({ method: 'POST', url: '/rows/x', payload: { name: 'a' } });
      expect(badBody.statusCode).toBe(400);
      expect(badBody.json().description).toContain('params/id must be integer');
      const missing = await app.inject({ method: 'POST', url: '/rows/7', payload: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().description).toContain("body must have required property 'name'");
      const number = await app.inject({ method: 'POST', url: '/rows/7', payload: { name: 0 } });
      expect(number.statusCode).toBe(400);
      expect(number.json().description).toContain('body/name must be string');
      const extra = await app.inject({ method: 'POST', url: '/rows/7', payload: { name: 'a', x: 1 } });
      expect(extra.statusCode).toBe(400);
      expect(extra.json().description).toContain('body must NOT have additional properties');
    }
    await app.close();
  });

  it('refuses header schemas, which it would not lowercase as Fastify’s default compiler does', async () => {
    const app = newApp();
    app.get(
      '/h',
      { schema: { headers: { type: 'object', properties: { 'X-Token': { type: 'string' } } } } },
      async () => ({}),
    );
    await expect(app.ready()).rejects.toThrow(/header schemas are not supported/);
  });
});
