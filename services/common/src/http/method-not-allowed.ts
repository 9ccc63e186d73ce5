// Which methods the app's routes serve for a concrete path, so that a known path asked with a
// method it does not serve answers 405 with `Allow` (RFC 9110 §15.5.6) instead of 404.
import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from './error-handler.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * For a wildcard route that serves only some of the paths it matches (Docs' POST
     * …/{documentId}/* serves only …/function): false means this method is not served there.
     */
    servesPath?: (path: string) => boolean;
  }
}

interface RoutePattern {
  regex: RegExp;
  methods: Set<string>;
}

export type AllowedMethods = (path: string) => string[];

/** Records every route added after this call (onRoute); the lookup reads the table at request time. */
export function trackRouteMethods(app: FastifyInstance): AllowedMethods {
  const patterns = new Map<string, RoutePattern>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let pattern = patterns.get(route.url);
    if (!pattern) {
      pattern = { regex: routeRegex(route.url), methods: new Set() };
      patterns.set(route.url, pattern);
    }
    for (const method of methods) pattern.methods.add(method.toUpperCase());
  });
  return (path) => {
    const allowed = new Set<string>();
    for (const { regex, methods } of patterns.values()) {
      if (regex.test(path)) for (const method of methods) allowed.add(method);
    }
    return [...allowed].sort();
  };
}

/**
 * Answers 405 + Allow to a request that matched no route (or a route whose `servesPath` refuses
 * the path) on a path other methods serve, and 404 to one a wildcard route refuses outright. In
 * preParsing: after authentication of routed requests (onRequest), before Fastify parses a body,
 * which would otherwise refuse e.g. a QUERY without Content-Type (RFC 10008) with 400 first.
 */
export function answerMethodNotAllowed(app: FastifyInstance): void {
  const allowedMethods = trackRouteMethods(app);
  app.addHook('preParsing', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const serves = req.routeOptions.config?.servesPath;
    const refused = serves !== undefined && !serves(path);
    if (!req.is404 && !refused) return;
    const allowed = allowedMethods(path).filter((method) => !refused || method !== req.method);
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

/** find-my-way's syntax as we use it: `:name` is one segment, a trailing `*` the rest of the path. */
function routeRegex(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}
