// The keyspaces no API caller reaches except a superuser: Cassandra's roles and the bridge's own
// token table (kept in Stargate's layout, data_endpoint_auth."token"). The bridge's authorizer and
// GraphQL's choice of a default keyspace both read them from here; so do the bridge's tenant
// rewrite and JWT row claims, which leave Cassandra's own keyspaces alone.

/** The keyspace of the bridge's auth tokens. */
export const AUTH_KEYSPACE = 'data_endpoint_auth';

/** Reachable through a statement only with superuser rights. */
export const PRIVATE_KEYSPACES: ReadonlySet<string> = new Set(['system_auth', AUTH_KEYSPACE]);

/** Cassandra's own keyspaces (schema, roles, tracing, virtual tables). */
export const SYSTEM_KEYSPACES: ReadonlySet<string> = new Set([
  'system',
  'system_schema',
  'system_auth',
  'system_traces',
  'system_distributed',
  'system_views',
  'system_virtual_schema',
]);
