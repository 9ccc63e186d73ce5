// Multi-tenancy on the gRPC API: a call's tenant comes from its :authority (or the fixed tenant),
// as an HTTP API's comes from Host; a call whose authority names none fails INVALID_ARGUMENT before
// anything else. Its messages then run as that tenant (the bridge client sends it as X-Tenant-Id)
// and are counted per tenant.
import type { Registry } from 'prom-client';
import { TenantRequestCounter } from '../../../common/src/tenancy/tenant-metrics.js';
import { createTenantResolver, type TenantSettings } from '../../../common/src/tenancy/tenant-resolver.js';

export interface CallTenancy {
  /** :authority → the tenant (throws the TENANT_UNRESOLVED ApiError). */
  resolve(authority: string): string | undefined;
  /** Counts one message (unary call or streamed message) of a tenant. */
  count(tenant: string | undefined, failed: boolean): void;
}

export function createCallTenancy(settings: TenantSettings, registry: Registry): CallTenancy | undefined {
  const resolve = createTenantResolver(settings);
  if (!resolve) return undefined;
  const requests = new TenantRequestCounter(registry, 'grpc_server_requests_counter');
  return {
    resolve,
    count: (tenant, failed) => {
      if (tenant !== undefined) requests.count(tenant, failed);
    },
  };
}
