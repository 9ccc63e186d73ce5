import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  MAX_TENANT_SERIES,
  OTHER_TENANTS,
  TenantRequestCounter,
} from '../../../../services/common/src/tenancy/tenant-metrics.js';

describe('TenantRequestCounter', () => {
  it('counts per tenant and error, and past the cap of series counts new tenants as "other"', async () => {
    const registry = new Registry();
    const counter = new TenantRequestCounter(registry);
    counter.count('acme', false);
    counter.count('acme', true);
    for (let i = 0; i < MAX_TENANT_SERIES + 10; i++) counter.count(`t${i}`, false);
    counter.count('acme', false);
    const values = (await registry.getSingleMetric('http_server_requests_counter')!.get()).values;
    const of = (tenant: string, error: string) =>
      values.find((v) => v.labels.tenant === tenant && v.labels.error === error)?.value;
    expect(of('acme', 'false')).toBe(2);
    expect(of('acme', 'true')).toBe(1);
    expect(of(OTHER_TENANTS, 'false')).toBe(11);
    expect(new Set(values.map((v) => v.labels.tenant)).size).toBe(MAX_TENANT_SERIES + 1);
  });
});
