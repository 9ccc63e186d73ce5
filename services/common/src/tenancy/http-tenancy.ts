// Multi-tenancy for an HTTP API: each request's tenant is resolved from its Host (or the fixed
// tenant) before authentication, the rest of the request runs as that tenant (tenant-context.ts:
// the bridge client sends it as X-Tenant-Id, caches key by it), its log lines carry it and it is
// counted per tenant. Public routes (health, metrics, documents) and preflights need no tenant:
// probes call pod addresses, which have no subdomain.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Registry } from 'prom-client';
import { runAsTenant } from './tenant-context.js';
import { TenantRequestCounter } from './tenant-metrics.js';
import type { TenantResolver } from './tenant-resolver.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's tenant (multi-tenancy on and resolved). */
    tenant?: string;
  }
}

export function installTenancy(app: FastifyInstance, resolve: TenantResolver, registry: Registry): void {
  const requests = new TenantRequestCounter(registry);
  app.decorateRequest('tenant', undefined);
  app.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (req.is404 || req.routeOptions.config.public === true || isPreflight(req)) return done();
    let tenant: string | undefined;
    try {
      tenant = resolve(req.headers.host);
    } catch (err) {
      return done(err as Error);
    }
    if (tenant === undefined) return done();
    req.tenant = tenant;
    req.log = req.log.child({ tenant });
    // Everything after this hook (authentication, the handler, its bridge calls) runs as the tenant.
    runAsTenant(tenant, () => done());
  });
  app.addHook('onResponse', (req, reply, done) => {
    if (req.tenant !== undefined) requests.count(req.tenant, reply.statusCode >= 400);
    done();
  });
}

function isPreflight(req: FastifyRequest): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}
