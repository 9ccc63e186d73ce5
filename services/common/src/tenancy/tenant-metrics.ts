// Requests per tenant, as Stargate's APIs count them when multi-tenant
// (http_server_requests_counter{tenant,error}). The label takes validated tenant ids only, and at
// most MAX_TENANT_SERIES distinct ones per process: past that, requests count under "other", so a
// client inventing subdomains cannot grow the metrics without bound.
import { Counter, type Registry } from 'prom-client';

export const MAX_TENANT_SERIES = 500;
export const OTHER_TENANTS = 'other';

export class TenantRequestCounter {
  private readonly counter: Counter<'tenant' | 'error'>;
  private readonly seen = new Set<string>();

  constructor(registry: Registry, name = 'http_server_requests_counter') {
    this.counter = new Counter({
      name,
      help: 'Requests per tenant (multi-tenancy on); error="true" when the request failed',
      labelNames: ['tenant', 'error'] as const,
      registers: [registry],
    });
  }

  count(tenant: string, error: boolean): void {
    let label = tenant;
    if (!this.seen.has(tenant)) {
      if (this.seen.size >= MAX_TENANT_SERIES) label = OTHER_TENANTS;
      else this.seen.add(tenant);
    }
    this.counter.inc({ tenant: label, error: String(error) });
  }
}
