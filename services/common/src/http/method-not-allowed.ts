// A known path asked with a method it does not serve answers 405 with `Allow` (RFC 9110 §15.5.6),
// listing the methods the app's routes serve for it, instead of 404.
import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from './error-handler.js';
import { methodsOf, pathOf, routesForPath } from './routes-for-path.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * For a wildcard route that serves only some of the paths it matches (Docs' POST
     * …/{documentId}/* serves only …/function): false means this method is not served there.
     */
    servesPath?: (path: string) => boolean;
  }
}

/**
 * Answers 405 + Allow to a request that matched no route (or a route whose `servesPath` refuses
 * the path) on a path other methods serve, and 404 to one a wildcard route refuses outright. In
 * preParsing: after authentication (onRequest; a path only public routes serve needs no token), before Fastify parses a body,
 * which would otherwise refuse e.g. a QUERY without Content-Type (RFC 10008) with 400 first.
 */
export function answerMethodNotAllowed(app: FastifyInstance): void {
  const routesServing = routesForPath(app);
  app.addHook('preParsing', async (req, reply) => {
    const path = pathOf(req.url);
    const serves = req.routeOptions.config?.servesPath;
    const refused = serves !== undefined && !serves(path);
    if (!req.is404 && !refused) return;
    // Routes whose servesPath refuses this path do not serve it, whatever their method.
    const serving = routesServing(path).filter((route) => route.config?.servesPath?.(path) ?? true);
    const allowed = methodsOf(serving);
    if (allowed.length > 0) {
      const body: ErrorBody = { description: `Method ${req.method} is not allowed on ${path}`, code: 405 };
      return reply.status(405).header('allow', allowed.join(', ')).type('application/json').send(body);
    }
    // A routed request: the not-found handler would not run.
    if (refused) {
      const body: ErrorBody = { description: `No route for ${req.method} ${path}`, code: 404 };
      return reply.status(404).type('application/json').send(body);
    }
  });
}
