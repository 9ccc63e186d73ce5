// Decides whether the caller's role may run a statement (or read a schema element), from the
// statement's requirements and the role's effective grants.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { PRIVATE_KEYSPACES } from '../../../common/src/auth/private-keyspaces.js';
import type { SchemaRead__Output } from '../../../common/src/proto/generated/stargate/SchemaRead.js';
import type { ClassifiedStatement } from '../cql/classify-statement.js';
import { BridgeError } from '../errors/bridge-error.js';
import type { Principal } from './authenticator.js';
import { type EffectivePermissions, isGranted, type RolePermissions } from './role-permissions.js';
import { NoKeyspaceError, type Requirement, requirementsOf } from './statement-permissions.js';

const PUBLIC_SCHEMA_KEYSPACES = new Set(['system_schema', 'system']);

export class StatementAuthorizer {
  constructor(private readonly roles: RolePermissions) {}

  async authorize(
    principal: Principal,
    statement: ClassifiedStatement,
    keyspace: string | undefined,
  ): Promise<void> {
    let requirements: Requirement[];
    try {
      requirements = requirementsOf(statement, keyspace);
    } catch (err) {
      if (err instanceof NoKeyspaceError) throw BridgeError.invalid(err.message);
      throw err;
    }
    if (requirements.every((r) => r.kind === 'allowed')) return;
    const perms = await this.roles.get(principal.role);
    for (const r of requirements) {
      if (!satisfies(perms, r)) throw denied(principal.role, r);
    }
  }

  /** AuthorizeSchemaReads: a role may see a keyspace or table it holds any permission on. */
  async authorizeSchemaReads(principal: Principal, reads: SchemaRead__Output[]): Promise<boolean[]> {
    const perms = await this.roles.get(principal.role);
    return reads.map((read) => {
      const keyspace = read.keyspaceName ?? '';
      if (perms.superuser) return true;
      if (PRIVATE_KEYSPACES.has(keyspace)) return false;
      if (PUBLIC_SCHEMA_KEYSPACES.has(keyspace)) return true;
      const element = read.elementName?.value;
      // ElementType TABLE = 1
      const tableLevel = read.elementType === 1;
      for (const [resource, permissions] of perms.grants) {
        if (permissions.size === 0) continue;
        if (resource === 'data' || resource === `data/${keyspace}`) return true;
        if (
          tableLevel && element !== undefined
            ? resource === `data/${keyspace}/${element}`
            : resource.startsWith(`data/${keyspace}/`)
        ) {
          return true;
        }
      }
      return false;
    });
  }
}

function satisfies(perms: EffectivePermissions, r: Requirement): boolean {
  switch (r.kind) {
    case 'allowed':
      return true;
    case 'superuser':
      return perms.superuser;
    case 'permission':
      return isGranted(perms, r.permission, r.resources);
    case 'execute': {
      if (isGranted(perms, 'EXECUTE', [`functions/${r.keyspace}`, 'functions'])) return true;
      const prefix = `functions/${r.keyspace}/${r.name}[`;
      for (const [resource, permissions] of perms.grants) {
        if (resource.startsWith(prefix) && permissions.has('EXECUTE')) return true;
      }
      return false;
    }
  }
}

function denied(role: string, r: Requirement): BridgeError {
  switch (r.kind) {
    case 'superuser':
      return new BridgeError(
        GrpcStatus.PERMISSION_DENIED,
        `User ${role} is not authorized: ${r.reason} requires superuser rights`,
      );
    case 'permission':
      return new BridgeError(
        GrpcStatus.PERMISSION_DENIED,
        `User ${role} has no ${r.permission} permission on ${r.target} or any of its parents`,
      );
    case 'execute':
      return new BridgeError(
        GrpcStatus.PERMISSION_DENIED,
        `User ${role} has no EXECUTE permission on function ${r.keyspace}.${r.name}`,
      );
    default:
      return new BridgeError(GrpcStatus.PERMISSION_DENIED, `User ${role} is not authorized`);
  }
}
