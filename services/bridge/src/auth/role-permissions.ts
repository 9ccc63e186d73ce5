// A role's effective grants under Cassandra's model: its own permissions plus those of every role
// granted to it (transitively), or everything for a superuser. Read from system_auth with the
// service account and cached briefly, so a REVOKE takes effect within the cache window.
import type cassandra from 'cassandra-driver';
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

export class RolePermissions {
  private readonly cache = new Map<string, { at: number; value: Promise<EffectivePermissions> }>();

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
    value.catch(() => this.cache.delete(role));
    return value;
  }

  private async load(role: string): Promise<EffectivePermissions> {
    const client = this.client();
    const result: EffectivePermissions = { role, superuser: false, canLogin: false, grants: new Map() };
    const seen = new Set<string>();
    let frontier = [role];
    for (let depth = 0; frontier.length > 0 && depth < MAX_ROLE_DEPTH; depth++) {
      const next: string[] = [];
      for (const name of frontier) {
        if (seen.has(name)) continue;
        seen.add(name);
        const rs = await this.guard('system_auth', LOCAL_QUORUM, () =>
          client.execute(
            'SELECT is_superuser, can_login, member_of FROM system_auth.roles WHERE role = ?',
            [name],
            read,
          ),
        );
        const row = rs.first();
        if (!row) continue;
        if (name === role) result.canLogin = row.can_login === true;
        if (row.is_superuser === true) result.superuser = true;
        for (const parent of (row.member_of as string[] | null) ?? []) next.push(parent);
        const perms = await this.guard('system_auth', LOCAL_QUORUM, () =>
          client.execute(
            'SELECT resource, permissions FROM system_auth.role_permissions WHERE role = ?',
            [name],
            read,
          ),
        );
        for (const p of perms.rows) {
          const resource = String(p.resource);
          const set = result.grants.get(resource) ?? new Set<string>();
          for (const perm of (p.permissions as string[] | null) ?? []) set.add(perm.toUpperCase());
          result.grants.set(resource, set);
        }
      }
      frontier = next;
    }
    return result;
  }
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
