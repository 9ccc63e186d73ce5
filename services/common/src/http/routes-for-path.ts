// Which routes serve a concrete path, whatever their method: the 405 answer lists their methods
// (method-not-allowed.ts), and authentication lets a request that matched no route through without
// a token only where every route of its path is public (authentication.ts).
import type { FastifyInstance, RouteOptions } from 'fastify';
import { routesOf } from './route-list.js';

interface CompiledRoute {
  regex: RegExp;
  route: RouteOptions;
}

export type RoutesForPath = (path: string) => RouteOptions[];

const lookups = new WeakMap<FastifyInstance, RoutesForPath>();

/**
 * The lookup of an app built by buildHttpApp. Routes are read at request time (a route's config
 * may be changed by a later onRoute hook, e.g. markRoutesPublic) and compiled once each.
 */
export function routesForPath(app: FastifyInstance): RoutesForPath {
  let lookup = lookups.get(app);
  if (lookup) return lookup;
  const compiled: CompiledRoute[] = [];
  let seen = 0;
  lookup = (path) => {
    const routes = routesOf(app);
    for (let i = seen; i < routes.length; i++) {
      const route = routes[i]!;
      // A catch-all (@fastify/cors' OPTIONS * that answers preflights) serves no path in
      // particular: counted, it would turn every unknown path into a 405.
      if (route.url !== '*' && route.url !== '/*') compiled.push({ regex: routeRegex(route.url), route });
    }
    seen = routes.length;
    return compiled.filter(({ regex }) => regex.test(path)).map(({ route }) => route);
  };
  lookups.set(app, lookup);
  return lookup;
}

/** The methods of routes, upper case, sorted, once each. */
export function methodsOf(routes: readonly RouteOptions[]): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      methods.add(method.toUpperCase());
    }
  }
  return [...methods].sort();
}

/** The path of a request URL, without its query string. */
export function pathOf(url: string): string {
  return url.split('?')[0] ?? '';
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
