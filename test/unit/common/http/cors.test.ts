// CORS settings: what CORS_ALLOWED_ORIGINS accepts, and what a Fastify app with them answers to a
// preflight and a cross-origin call (browsers are exercised in test/integration/browser/).
import Fastify from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../../services/common/src/config/load-config.js';
import { type CorsSettings, installCors } from '../../../../services/common/src/http/cors.js';

const settings = (env: Record<string, string>) => loadConfig<CorsSettings>(['common', 'api-common'], env);

describe('CORS_ALLOWED_ORIGINS', () => {
  test('off by default; origins exactly as browsers send them, or *', () => {
    expect(settings({}).corsAllowedOrigins).toBe('');
    expect(
      settings({ CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:3000' }),
    ).toMatchObject({ corsAllowedOrigins: 'https://app.example.com, http://localhost:3000' });
    expect(settings({ CORS_ALLOWED_ORIGINS: '*' }).corsAllowedOrigins).toBe('*');
  });

  test.each([
    ['https://app.example.com/', "'https://app.example.com/' is not an origin"],
    ['app.example.com', "'app.example.com' is not an origin"],
    ['http://a.example,ftp://b.example', "'ftp://b.example' is not an origin"],
  ])('%s is refused at start-up, naming the entry', (value, problem) => {
    expect(() => settings({ CORS_ALLOWED_ORIGINS: value })).toThrow(problem);
  });
});

describe('installCors', () => {
  const apps: Array<ReturnType<typeof Fastify>> = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function appWith(env: Record<string, string>) {
    const app = Fastify();
    apps.push(app);
    await installCors(app, settings(env));
    app.post('/data', async () => ({ ok: true }));
    return app;
  }

  const preflight = {
    method: 'OPTIONS' as const,
    url: '/data',
    headers: {
      origin: 'http://127.0.0.2:3000',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-cassandra-token',
    },
  };

  test('off: a preflight finds no route', async () => {
    const app = await appWith({});
    expect((await app.inject(preflight)).statusCode).toBe(404);
  });

  test('an allowed origin: the preflight allows the token header; the call names the origin', async () => {
    const app = await appWith({ CORS_ALLOWED_ORIGINS: 'http://127.0.0.2:3000' });
    const answer = await app.inject(preflight);
    expect(answer.statusCode).toBe(204);
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': 'http://127.0.0.2:3000',
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'Content-Type, Accept, X-Cassandra-Token',
      'access-control-max-age': '600',
    });
    const call = await app.inject({
      method: 'POST',
      url: '/data',
      headers: { origin: 'http://127.0.0.2:3000' },
    });
    expect(call.headers['access-control-allow-origin']).toBe('http://127.0.0.2:3000');
    expect(call.headers['access-control-expose-headers']).toMatch(/^Retry-After, ?Location, ?Allow$/);
  });

  test('another origin gets no Access-Control-Allow-Origin, so its browser keeps the answer from it', async () => {
    const app = await appWith({ CORS_ALLOWED_ORIGINS: 'http://127.0.0.2:3000' });
    const answer = await app.inject({
      ...preflight,
      headers: { ...preflight.headers, origin: 'http://evil.test' },
    });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});
