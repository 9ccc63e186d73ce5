import { describe, expect, it } from 'vitest';
import {
  createTenantResolver,
  tenantOfHost,
} from '../../../../services/common/src/tenancy/tenant-resolver.js';

describe('tenant resolution', () => {
  it('is off by default', () => {
    expect(createTenantResolver({ tenantSource: 'off', tenantFixedId: '' })).toBeUndefined();
  });

  it('gives the fixed tenant to every request', () => {
    expect(createTenantResolver({ tenantSource: 'fixed', tenantFixedId: 'acme' })?.('x.example.com')).toBe(
      'acme',
    );
    expect(() => createTenantResolver({ tenantSource: 'fixed', tenantFixedId: '' })).toThrow(
      /TENANT_FIXED_ID/,
    );
  });

  it.each([
    ['acme.localhost', 'acme'],
    ['ACME.api.example.com:8082', 'acme'],
    ['t42.localhost:443', 't42'],
  ])('reads the subdomain of %s', (host, tenant) => {
    expect(tenantOfHost(host)).toBe(tenant);
  });

  it.each([
    ['localhost:8082', /has no subdomain/],
    ['127.0.0.1:8082', /has no subdomain/],
    ['[::1]:8082', /has no subdomain/],
    [undefined, /has no subdomain/],
    ['my-shop.example.com', /"my-shop" is not a tenant id/],
    ['a_b.example.com', /not a tenant id/],
  ])('refuses %s with a 400', (host, message) => {
    expect(() => tenantOfHost(host)).toThrow(expect.objectContaining({ httpStatus: 400, grpcStatus: 3 }));
    expect(() => tenantOfHost(host)).toThrow(message);
  });
});
