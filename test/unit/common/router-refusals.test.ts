// What the router refuses before any route runs is answered with our error body, and a long path
// parameter reaches its route (Fastify's router would cap it at 100 characters).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../services/common/src/http/build-http-app.js';
import { createLogger } from '../../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../../services/common/src/metrics/registry.js';

const app = buildHttpApp({
  logger: createLogger('test', 'silent'),
  registry: createMetricsRegistry('test'),
  readiness: async () => ({ ready: true }),
});
let base = '';

beforeAll(async () => {
  app.get('/things/:name', async (req) => ({ length: (req.params as { name: string }).name.length }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => app.close());

describe('router refusals', () => {
  it('a parameter that is not valid percent-encoding gets 400 with the error body', async () => {
    const res = await fetch(`${base}/things/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      description: "'/things/%E0%A4%A' is not a valid url component",
      code: 400,
    });
  });

  it('a 5,000-character parameter reaches its route', async () => {
    const res = await fetch(`${base}/things/${'n'.repeat(5000)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ length: 5000 });
  });
});
