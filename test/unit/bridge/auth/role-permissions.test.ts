// A role's effective grants, decided in memory over system_auth records held in a map.
import { describe, expect, it } from 'vitest';
import {
  type EffectivePermissions,
  isGranted,
  type RoleRecord,
  resolvePermissions,
} from '../../../../services/bridge/src/auth/role-permissions.js';

function role(record: Partial<RoleRecord>): RoleRecord {
  return { superuser: false, canLogin: false, memberOf: [], grants: [], ...record };
}

async function resolve(name: string, records: Record<string, RoleRecord>): Promise<EffectivePermissions> {
  return resolvePermissions(name, async (n) => records[n]);
}

function grantsOf(perms: EffectivePermissions): Record<string, string[]> {
  return Object.fromEntries([...perms.grants].map(([resource, set]) => [resource, [...set].sort()]));
}

describe('resolvePermissions', () => {
  it('takes the role’s own grants, permission names upper-cased', async () => {
    const perms = await resolve('app', {
      app: role({ canLogin: true, grants: [{ resource: 'data/ks', permissions: ['select', 'MODIFY'] }] }),
    });
    expect(perms).toMatchObject({ role: 'app', superuser: false, canLogin: true });
    expect(grantsOf(perms)).toEqual({ 'data/ks': ['MODIFY', 'SELECT'] });
  });

  it('adds the grants of roles granted to it, transitively, and merges them per resource', async () => {
    const perms = await resolve('app', {
      app: role({
        canLogin: true,
        memberOf: ['reader'],
        grants: [{ resource: 'data/ks', permissions: ['MODIFY'] }],
      }),
      reader: role({ memberOf: ['auditor'], grants: [{ resource: 'data/ks', permissions: ['SELECT'] }] }),
      auditor: role({ grants: [{ resource: 'data/audit/log', permissions: ['SELECT'] }] }),
    });
    expect(grantsOf(perms)).toEqual({ 'data/ks': ['MODIFY', 'SELECT'], 'data/audit/log': ['SELECT'] });
  });

  it('is superuser when any role it holds is; can log in only by its own record', async () => {
    const perms = await resolve('app', {
      app: role({ memberOf: ['admin'] }),
      admin: role({ superuser: true, canLogin: true }),
    });
    expect(perms).toMatchObject({ superuser: true, canLogin: false });
  });

  it('reads each role once in a cycle, and an unknown role grants nothing', async () => {
    const reads: string[] = [];
    const records: Record<string, RoleRecord> = {
      a: role({
        canLogin: true,
        memberOf: ['b', 'gone'],
        grants: [{ resource: 'data/a', permissions: ['SELECT'] }],
      }),
      b: role({ memberOf: ['a'], grants: [{ resource: 'data/b', permissions: ['SELECT'] }] }),
    };
    const perms = await resolvePermissions('a', async (n) => {
      reads.push(n);
      return records[n];
    });
    expect(reads).toEqual(['a', 'b', 'gone']);
    expect(grantsOf(perms)).toEqual({ 'data/a': ['SELECT'], 'data/b': ['SELECT'] });
    expect(await resolve('nobody', records)).toMatchObject({
      superuser: false,
      canLogin: false,
      grants: new Map(),
    });
  });

  it('follows role grants 32 levels deep and no further', async () => {
    const records: Record<string, RoleRecord> = {};
    for (let i = 0; i < 40; i++) {
      records[`r${i}`] = role({
        memberOf: [`r${i + 1}`],
        grants: [{ resource: `data/k${i}`, permissions: ['SELECT'] }],
      });
    }
    const perms = await resolve('r0', records);
    expect(perms.grants.has('data/k31')).toBe(true);
    expect(perms.grants.has('data/k32')).toBe(false);
  });
});

describe('isGranted', () => {
  const perms: EffectivePermissions = {
    role: 'app',
    superuser: false,
    canLogin: true,
    grants: new Map([
      ['data/ks', new Set(['SELECT'])],
      ['data/other/t', new Set(['MODIFY'])],
      ['data', new Set(['CREATE'])],
    ]),
  };
  const table = ['data/ks/t', 'data/ks', 'data'];
  const other = ['data/other/t', 'data/other', 'data'];

  it.each([
    ['SELECT', table, true, 'granted on the keyspace'],
    ['MODIFY', table, false, 'granted on another table only'],
    ['MODIFY', other, true, 'granted on the table itself'],
    ['SELECT', other, false, 'granted on another keyspace only'],
    ['CREATE', other, true, 'granted on all keyspaces'],
    ['DROP', table, false, 'granted nowhere'],
    ['select', table, false, 'names are compared upper-case, as stored'],
  ])('%s on %j → %s (%s)', (permission, chain, granted) => {
    expect(isGranted(perms, permission as string, chain as string[])).toBe(granted);
  });

  it('grants everything to a superuser', () => {
    expect(isGranted({ ...perms, superuser: true }, 'DROP', ['data'])).toBe(true);
  });
});
