// How a tenant's keyspaces are stored (BRIDGE_TENANT_KEYSPACES=true): keyspace `ks` of tenant
// `acme` is the Cassandra keyspace `acme_ks`, its global name. Tenant ids never contain `_`
// (common/src/tenancy/tenant-id.ts), so a stored name has one owner: the part before its first `_`.
// Cassandra caps keyspace names at 48 characters, so a tenant's own names are shorter by its
// prefix.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeError } from '../errors/bridge-error.js';

export const MAX_KEYSPACE_NAME_LENGTH = 48;

export class TenantKeyspaces {
  readonly prefix: string;

  constructor(readonly tenant: string) {
    this.prefix = `${tenant}_`;
  }

  /** The stored (global) name of the tenant's keyspace `name`; 400 when it would be too long. */
  decorate(name: string): string {
    const stored = this.prefix + name;
    if (stored.length > MAX_KEYSPACE_NAME_LENGTH) {
      throw BridgeError.invalid(
        `Keyspace name '${name}' is too long: tenant '${this.tenant}' may use keyspace names of at most ` +
          `${MAX_KEYSPACE_NAME_LENGTH - this.prefix.length} characters (Cassandra's limit of ` +
          `${MAX_KEYSPACE_NAME_LENGTH} includes the tenant prefix '${this.prefix}')`,
      );
    }
    return stored;
  }

  /** The tenant's own name of a stored keyspace; undefined when it is not this tenant's. */
  undecorate(stored: string): string | undefined {
    return stored.startsWith(this.prefix) && stored.length > this.prefix.length
      ? stored.slice(this.prefix.length)
      : undefined;
  }

  /** An error message from Cassandra, with this tenant's stored names shown as the tenant knows them. */
  undecorateMessage(message: string): string {
    return message.replace(new RegExp(`\\b${this.prefix}(?=\\w)`, 'g'), '');
  }

  notTheirs(name: string): BridgeError {
    return new BridgeError(
      GrpcStatus.PERMISSION_DENIED,
      `Keyspace '${name}' is not a keyspace of tenant '${this.tenant}': a tenant reaches only its own keyspaces`,
    );
  }
}
