// A role's effective grants under Cassandra's model: its own permissions plus those of every role
// granted to it (transitively), or everything for a superuser. Read from system_auth with the
// service account and cached briefly, so a REVOKE takes effect within the cache window.
import type cassandra from 'cassandra-driver';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import type { Guard } from './token-store.js';

export interface EffectivePermissions {
  role: string;
  superuser: boolean;
  canLogin: boolean;
  /** resource ('data', 'data/ks', 'data/ks/table', 'functions/ks', ...) → permission names */
  grants: Map<string, Set<string>>;
}

const LOCAL_QUORUM = 6;
const read = { prepare: true, isIdempotent: true, consistency: LOCAL_QUORUM };
const MAX_ROLE_DEPTH = 32;
/** Roles whose grants are kept; the least recently asked goes first. */
const MAX_CACHED_ROLES = 10_000;

export class RolePermissions {
  private readonly cache = new BoundedCache<string, { at: number; value: Promise<EffectivePermissions> }>({
    maxEntries: MAX_CACHED_ROLES,
  });

  constructor(
    private readonly client: () => cassandra.Client,
    private readonly cacheMs: number,
    /** Runs a read of system_auth so that it fails fast in an outage (CassandraSession.guarded). */
    private readonly guard: Guard = (_keyspace, _consistency, run) => run(),
  ) {}

  get(role: string): Promise<EffectivePermissions> {
    const hit = this.cache.get(role);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.value;
    const value = this.load(role);
    this.cache.set(role, { at: Date.now(), value });
    value.catch(() => {
      if (this.cache.get(role)?.value === value) this.cache.delete(role);
    });
    return value;
  }

  /** Reads system_auth for one role: its roles row and its permissions (undefined: no such role). */
  private async readRole(name: string): Promise<RoleRecord | undefined> {
    const client = this.client();
    const rs = await this.guard('system_auth', LOCAL_QUORUM, () =>
      client.execute(
        'SELECT is_superuser, can_login, member_of FROM system_auth.roles WHERE role = ?',
        [name],
        read,
      ),
    );
    const row = rs.first();
    if (!row) return undefined;
    const perms = await this.guard('system_auth', LOCAL_QUORUM, () =>
      client.execute(
        'SELECT resource, permissions FROM system_auth.role_permissions WHERE role = ?',
        [name],
        read,
      ),
    );
    return {
      superuser: row.is_superuser === true,
      canLogin: row.can_login === true,
      memberOf: (row.member_of as string[] | null) ?? [],
      grants: perms.rows.map((p) => ({
        resource: String(p.resource),
        permissions: (p.permissions as string[] | null) ?? [],
      })),
    };
  }

  private load(role: string): Promise<EffectivePermissions> {
    return resolvePermissions(role, (name) => this.readRole(name));
  }
}

/** What system_auth holds about one role. */
export interface RoleRecord {
  superuser: boolean;
  canLogin: boolean;
  memberOf: string[];
  grants: Array<{ resource: string; permissions: string[] }>;
}

/**
 * The decision, apart from Cassandra: a role's effective permissions from its record and those of
 * the roles granted to it, transitively (cycles read once, at most MAX_ROLE_DEPTH levels).
 * readRole is system_auth in the bridge and a map in tests.
 */
export async function resolvePermissions(
  role: string,
  readRole: (name: string) => Promise<RoleRecord | undefined>,
): Promise<EffectivePermissions> {
  const result: EffectivePermissions = { role, superuser: false, canLogin: false, grants: new Map() };
  const seen = new Set<string>();
  let frontier = [role];
  for (let depth = 0; frontier.length > 0 && depth < MAX_ROLE_DEPTH; depth++) {
    const next: string[] = [];
    for (const name of frontier) {
      if (seen.has(name)) continue;
      seen.add(name);
      const record = await readRole(name);
      if (!record) continue;
      if (name === role) result.canLogin = record.canLogin;
      if (record.superuser) result.superuser = true;
      for (const parent of record.memberOf) next.push(parent);
      for (const grant of record.grants) {
        const set = result.grants.get(grant.resource) ?? new Set<string>();
        for (const perm of grant.permissions) set.add(perm.toUpperCase());
        result.grants.set(grant.resource, set);
      }
    }
    frontier = next;
  }
  return result;
}

/** Whether the permission is granted on the resource or on any resource that contains it. */
export function isGranted(
  perms: EffectivePermissions,
  permission: string,
  resourceChain: readonly string[],
): boolean {
  if (perms.superuser) return true;
  return resourceChain.some((r) => perms.grants.get(r)?.has(permission) === true);
}
