// Requests that match no route (issue 16 item 1): an unknown path or a method the path does not
// serve needs a token like any other request, unless only public routes serve the path; with a
// valid token it gets 404, or 405 with Allow. With CORS on, its catch-all OPTIONS route (preflights)
// must not turn unknown paths into 405s nor make public paths private.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, test } from 'vitest';
import { TokenValidator } from '../../../../services/common/src/auth/token-validator.js';
import { BridgeCallError } from '../../../../services/common/src/bridge/bridge-call-error.js';
import { loadConfig } from '../../../../services/common/src/config/load-config.js';
import {
  installAuthentication,
  markRoutesPublic,
} from '../../../../services/common/src/http/authentication.js';
import { buildHttpApp } from '../../../../services/common/src/http/build-http-app.js';
import { type CorsSettings, installCors } from '../../../../services/common/src/http/cors.js';

const GOOD = 'good-token';
const bridge = {
  async authenticate({ token }: { token: string }): Promise<number> {
    if (token === GOOD) return 60_000;
    throw new BridgeCallError(GrpcStatus.UNAUTHENTICATED, 'Invalid token', new Map());
  },
};

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function appWith(corsOrigins: string): Promise<FastifyInstance> {
  const app = buildHttpApp({
    logger: pino({ level: 'silent' }),
    registry: new Registry(),
    readiness: async () => ({ ready: true }),
  });
  apps.push(app);
  await installCors(
    app,
    loadConfig<CorsSettings>(['common', 'api-common'], { CORS_ALLOWED_ORIGINS: corsOrigins }),
  );
  installAuthentication(app, new TokenValidator(bridge, { rejectedCacheMs: 0 }));
  app.get('/items/:id', async () => ({ ok: true }));
  app.delete('/items/:id', async () => ({ ok: true }));
  await app.register(async (ui) => {
    markRoutesPublic(ui);
    ui.get('/ui/*', async () => 'page');
  });
  // A path a public and a private route both serve is not public.
  app.post('/ui/upload', async () => ({ ok: true }));
  return app;
}

async function ask(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT', url: string, token?: string) {
  const res = await app.inject({ method, url, headers: token ? { 'x-cassandra-token': token } : {} });
  return [res.statusCode, res.headers.allow ?? null, res.json()];
}

describe.each([
  ['CORS off', ''],
  ['CORS on', 'http://127.0.0.2:3000'],
])('%s', (_name, origins) => {
  test('an unknown path: 401 without a valid token, 404 with one', async () => {
    const app = await appWith(origins);
    const refused = [401, null, { description: expect.any(String), code: 401 }];
    expect(await ask(app, 'GET', '/nowhere')).toEqual(refused);
    expect(await ask(app, 'GET', '/nowhere', 'unknown')).toEqual(refused);
    expect(await ask(app, 'GET', '/nowhere?x=1', GOOD)).toEqual([
      404,
      null,
      { description: 'No route for GET /nowhere', code: 404 },
    ]);
  });

  test('a method the path does not serve: 401 without a valid token, 405 with Allow with one', async () => {
    const app = await appWith(origins);
    expect(await ask(app, 'PUT', '/items/1')).toEqual([
      401,
      null,
      { description: expect.any(String), code: 401 },
    ]);
    expect((await ask(app, 'PUT', '/items/1', 'unknown')).slice(0, 1)).toEqual([401]);
    expect(await ask(app, 'PUT', '/items/1', GOOD)).toEqual([
      405,
      'DELETE, GET, HEAD',
      { description: 'Method PUT is not allowed on /items/1', code: 405 },
    ]);
  });

  test('a path only public routes serve needs no token, one a private route serves too does', async () => {
    const app = await appWith(origins);
    expect(await ask(app, 'POST', '/health/live')).toEqual([
      405,
      'GET, HEAD',
      { description: 'Method POST is not allowed on /health/live', code: 405 },
    ]);
    expect((await ask(app, 'POST', '/ui/page')).slice(0, 2)).toEqual([405, 'GET, HEAD']);
    expect((await ask(app, 'PUT', '/ui/upload')).slice(0, 1)).toEqual([401]);
    expect((await ask(app, 'PUT', '/ui/upload', GOOD)).slice(0, 2)).toEqual([405, 'GET, HEAD, POST']);
  });
});
