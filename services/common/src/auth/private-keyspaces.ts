// The keyspaces no API caller reaches except a superuser: Cassandra's roles and the bridge's own
// token table (kept in Stargate's layout, data_endpoint_auth."token"). The bridge's authorizer and
// GraphQL's choice of a default keyspace both read them from here.

/** The keyspace of the bridge's auth tokens. */
export const AUTH_KEYSPACE = 'data_endpoint_auth';

/** Reachable through a statement only with superuser rights. */
export const PRIVATE_KEYSPACES: ReadonlySet<string> = new Set(['system_auth', AUTH_KEYSPACE]);
