// What a tenant id may be, on both sides of the bridge. It becomes part of keyspace names (the
// bridge stores keyspace `ks` of tenant `acme` as `acme_ks`) and a metrics label, so it is short
// and made of lower-case letters and digits only: no `_` (the separator, so `a_b` + `c` and `a` +
// `b_c` cannot meet) and no `-` (not allowed in a keyspace name).
export const TENANT_ID_PATTERN = /^[a-z0-9]{1,24}$/;
export const TENANT_ID_RULE = '1 to 24 lower-case letters or digits';

/** X-Tenant-Id: the gRPC metadata key of a unary bridge call (the multiplexed stream has a field). */
export const TENANT_METADATA_KEY = 'x-tenant-id';

export function isValidTenantId(value: string): boolean {
  return TENANT_ID_PATTERN.test(value);
}
