// The tenant of the request being served, carried along its async work (as the trace context is):
// the bridge client reads it for every request it sends, the schema caches key their entries by it,
// and no route or resolver has to pass it on. Undefined: multi-tenancy off.
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

export function currentTenant(): string | undefined {
  return storage.getStore();
}

/** Runs fn (and everything it starts) as a request of `tenant`; undefined: no tenant. */
export function runAsTenant<T>(tenant: string | undefined, fn: () => T): T {
  return tenant === undefined ? fn() : storage.run(tenant, fn);
}

/** A cache key of `name` for the current tenant: two tenants' keyspaces of one name never share an entry. */
export function tenantScopedKey(name: string): string {
  const tenant = storage.getStore();
  return tenant === undefined ? name : `${tenant}\u0000${name}`;
}
