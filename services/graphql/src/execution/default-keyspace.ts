// The keyspace /graphql serves, chosen as Stargate does: the oldest keyspace (by the write time of
// its definition) that is not a system keyspace. Looked up once and remembered for a while.
import { AUTH_KEYSPACE } from '../../../common/src/auth/private-keyspaces.js';
import type { Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { tenantScopedKey } from '../../../common/src/tenancy/tenant-context.js';
import type { ResolverDeps } from '../resolvers/graphql-context.js';
import { selectAll } from '../resolvers/select-all.js';

const REMEMBER_MS = 30_000;
// One remembered choice per tenant (multi-tenancy: each sees its own keyspaces); bounded.
const MAX_REMEMBERED = 1000;

export function isSystemKeyspace(name: string): boolean {
  return (
    name === 'system' ||
    name.startsWith('system_') ||
    name === AUTH_KEYSPACE ||
    name === 'solr_admin' ||
    name.startsWith('dse_')
  );
}

/** Rows of (keyspace_name, writetime(durable_writes)) → the default keyspace, if any. */
export function chooseDefaultKeyspace(
  rows: ReadonlyArray<readonly [string, bigint | undefined]>,
): string | undefined {
  let best: [string, bigint] | undefined;
  for (const [name, writeTime] of rows) {
    if (writeTime === undefined || writeTime <= 0n || isSystemKeyspace(name)) continue;
    if (!best || writeTime < best[1] || (writeTime === best[1] && name < best[0])) best = [name, writeTime];
  }
  return best?.[0];
}

export class DefaultKeyspace {
  private readonly cached = new Map<string, { name: string | undefined; until: number }>();

  constructor(private readonly deps: Pick<ResolverDeps, 'bridge' | 'deadlineMs'>) {}

  async get(token: string): Promise<string | undefined> {
    const key = tenantScopedKey('');
    const cached = this.cached.get(key);
    if (cached && cached.until > Date.now()) return cached.name;
    const rows = await selectAll(
      this.deps,
      token,
      'SELECT keyspace_name, writetime(durable_writes) FROM system_schema.keyspaces',
    );
    const name = chooseDefaultKeyspace(rows.map((r) => [String(r[0]?.string), writeTimeOf(r[1])] as const));
    if (this.cached.size >= MAX_REMEMBERED) this.cached.clear();
    this.cached.set(key, { name, until: Date.now() + REMEMBER_MS });
    return name;
  }

  /** The remembered keyspace turned out not to exist: look again next time. */
  forget(): void {
    this.cached.delete(tenantScopedKey(''));
  }
}

function writeTimeOf(value: Value__Output | undefined): bigint | undefined {
  return value?.int === undefined ? undefined : BigInt(value.int);
}
