// Every route an app serves, as Fastify registered it (an onRoute hook installed before any route):
// what a test walks to prove a property of every route, so that a route added later is covered.
import type { FastifyInstance, RouteOptions } from 'fastify';

const routesByApp = new WeakMap<FastifyInstance, RouteOptions[]>();

export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  routesByApp.set(app, routes);
  // The same object Fastify builds the route from: later onRoute hooks' changes show here too.
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
}

/** The routes of an app built by buildHttpApp (empty for any other). */
export function routesOf(app: FastifyInstance): readonly RouteOptions[] {
  return routesByApp.get(app) ?? [];
}
