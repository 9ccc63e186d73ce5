// Which methods the app's routes serve for a concrete path, so that a known path asked with a
// method it does not serve answers 405 with `Allow` (RFC 9110 §15.5.6) instead of 404.
import type { FastifyInstance } from 'fastify';

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
