// Which tenant a request belongs to, as Stargate's APIs resolve it: nobody's (multi-tenancy off,
// the default), one configured tenant for the whole process, or the first label of the host the
// client called (`acme.api.example.com` → `acme`, from Host or the gRPC :authority).
import { ConfigError } from '../config/load-config.js';
import { ApiError } from '../errors/api-error.js';
import { isValidTenantId, TENANT_ID_RULE } from './tenant-id.js';

export type TenantSource = 'off' | 'fixed' | 'subdomain';

export interface TenantSettings {
  tenantSource: TenantSource;
  tenantFixedId: string;
}

/** host (Host header or :authority) → the tenant, undefined when multi-tenancy is off. */
export type TenantResolver = (host: string | undefined) => string | undefined;

export function createTenantResolver(settings: TenantSettings): TenantResolver | undefined {
  switch (settings.tenantSource) {
    case 'fixed': {
      const tenant = settings.tenantFixedId;
      // The config schema checks it too; this keeps a resolver built in code honest.
      if (!isValidTenantId(tenant)) throw new ConfigError(`TENANT_FIXED_ID must be ${TENANT_ID_RULE}`);
      return () => tenant;
    }
    case 'subdomain':
      return tenantOfHost;
    default:
      return undefined;
  }
}

/** The first label of a host name, lower-cased; a 400 / INVALID_ARGUMENT when it has none that fits. */
export function tenantOfHost(host: string | undefined): string {
  const name = hostName(host ?? '');
  const dot = name.indexOf('.');
  // A bare name ("localhost") or an address has no subdomain to read.
  if (dot <= 0 || isAddress(name)) {
    throw new ApiError('TENANT_UNRESOLVED', {
      detail: `the host ${JSON.stringify(name)} has no subdomain naming a tenant (call <tenant>.${name || 'host'})`,
    });
  }
  const label = name.slice(0, dot).toLowerCase();
  if (!isValidTenantId(label)) {
    throw new ApiError('TENANT_UNRESOLVED', {
      detail: `the subdomain ${JSON.stringify(label.slice(0, 64))} is not a tenant id (${TENANT_ID_RULE})`,
    });
  }
  return label;
}

/** host[:port] or [v6]:port → the name alone. */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

function isAddress(name: string): boolean {
  return name.startsWith('[') || /^[0-9.]+$/.test(name);
}
