// Every route of an HTTP API answers only to a valid X-Cassandra-Token, checked first (before
// parsing, validation, caches or 404s of keyspaces and tables), unless its route config says
// `public: true` (health, metrics, OpenAPI documents, Swagger UI, the GraphQL playground page).
// Public is opt-in, so a new route is protected unless it says otherwise. A request that matches
// no route (404, or 405 where other methods serve its path) is no exception: it needs a token
// unless every route serving its path is public (POST /health/live is 405 to anyone).
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { TokenValidator } from '../auth/token-validator.js';
import { fromBridgeError } from '../errors/from-bridge-status.js';
import { requireTokenHeader } from './auth-token.js';
import { pathOf, routesForPath } from './routes-for-path.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** true: answered without a token. */
    public?: boolean;
  }
  interface FastifyRequest {
    /**
     * The caller's X-Cassandra-Token, read once by the authentication hook; handlers of routes
     * that are not public use it ('' on public routes and CORS preflights, which need none).
     */
    token: string;
  }
}

/** Route config of a route anyone may call. */
export const PUBLIC_ROUTE = { public: true } as const;

/** Marks every route added to this scope (and its children, e.g. a plugin's) public. */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), public: true };
  });
}

export function installAuthentication(app: FastifyInstance, validator: TokenValidator): void {
  // A primitive default: every request object gets the property with the same shape.
  app.decorateRequest('token', '');
  const routesServing = routesForPath(app);
  const isPublic = (req: FastifyRequest): boolean => {
    if (!req.is404) return req.routeOptions.config.public === true;
    const routes = routesServing(pathOf(req.url));
    return routes.length > 0 && routes.every((route) => route.config?.public === true);
  };
  // A callback hook, not an async one: a trusted token costs no promise.
  app.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    // A CORS preflight never carries credentials (Fetch standard), so it cannot be asked for a token.
    if (isPublic(req) || isPreflight(req)) return done();
    let token: string;
    try {
      token = requireTokenHeader(req);
    } catch (err) {
      return done(err as Error);
    }
    req.token = token;
    if (validator.isTrusted(token)) return done();
    validator.validate(token).then(
      () => done(),
      (err: unknown) => done(fromBridgeError(err) as Error),
    );
  });
}

function isPreflight(req: FastifyRequest): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}
