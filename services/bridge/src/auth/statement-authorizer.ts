// Decides whether the caller's role may run a statement (or read a schema element), from the
// statement's requirements, the role's effective grants and, where the text is not enough, the
// keyspace's schema: the parts of an aggregate, functions named like native ones, masked columns.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { PRIVATE_KEYSPACES } from '../../../common/src/auth/private-keyspaces.js';
import type { SchemaRead__Output } from '../../../common/src/proto/generated/stargate/SchemaRead.js';
import type { ClassifiedStatement } from '../cql/classify-statement.js';
import { BridgeError } from '../errors/bridge-error.js';
import type { Principal } from './authenticator.js';
import { type EffectivePermissions, isGranted, type RolePermissions } from './role-permissions.js';
import type { KeyspaceFacts, SchemaFacts } from './schema-facts.js';
import {
  type ColumnUse,
  columnUses,
  NoKeyspaceError,
  type Requirement,
  requirementsOf,
  tableResources,
} from './statement-permissions.js';

const PUBLIC_SCHEMA_KEYSPACES = new Set(['system_schema', 'system']);

export class StatementAuthorizer {
  constructor(
    private readonly roles: RolePermissions,
    private readonly schema: SchemaFacts,
  ) {}

  async authorize(
    principal: Principal,
    statement: ClassifiedStatement,
    keyspace: string | undefined,
  ): Promise<void> {
    let requirements: Requirement[];
    let uses: ColumnUse[];
    try {
      requirements = requirementsOf(statement, keyspace);
      uses = columnUses(statement, keyspace || undefined);
    } catch (err) {
      if (err instanceof NoKeyspaceError) throw BridgeError.invalid(err.message);
      throw err;
    }
    if (requirements.every((r) => r.kind === 'allowed') && uses.length === 0) return;
    const perms = await this.roles.get(principal.role);
    if (perms.superuser) return;
    // What the text decides first: the schema is read only for a role that may run the statement.
    for (const r of requirements) {
      if (!satisfies(perms, r)) throw denied(principal.role, r);
    }
    for (const r of requirements) {
      if (r.kind === 'execute') await this.checkFunction(perms, r);
    }
    for (const use of uses) await this.checkMasks(perms, use);
  }

  /**
   * A call of an aggregate runs its state and final functions: EXECUTE is needed on them too, as in
   * Cassandra. A native function's name needs EXECUTE when the keyspace defines a function of that name.
   */
  private async checkFunction(
    perms: EffectivePermissions,
    r: Extract<Requirement, { kind: 'execute' }>,
  ): Promise<void> {
    // The state and final functions live in the aggregate's keyspace.
    if (isGranted(perms, 'EXECUTE', [`functions/${r.keyspace}`, 'functions'])) return;
    const facts = await this.schema.keyspace(r.keyspace);
    if (r.ifDefined) {
      if (!definesFunction(facts, r.name)) return;
      if (!mayExecute(perms, r.keyspace, r.name)) {
        throw new BridgeError(
          GrpcStatus.PERMISSION_DENIED,
          `User ${perms.role} has no EXECUTE permission on function ${r.keyspace}.${r.name}: ` +
            `${r.keyspace} defines a function named like the native ${r.name}, which Cassandra may call instead`,
        );
      }
    }
    for (const parts of facts.aggregates.get(r.name) ?? []) {
      for (const [role, name] of [
        ['state', parts.stateFunction],
        ['final', parts.finalFunction],
      ] as const) {
        if (name !== undefined && !mayExecute(perms, r.keyspace, name)) {
          throw new BridgeError(
            GrpcStatus.PERMISSION_DENIED,
            `User ${perms.role} has no EXECUTE permission on function ${r.keyspace}.${name}, ` +
              `the ${role} function of aggregate ${r.keyspace}.${r.name}`,
          );
        }
      }
    }
  }

  /**
   * Dynamic data masking: Cassandra masks values for a role without UNMASK, but the bridge runs
   * statements with its own session, which sees them in clear. So a role without UNMASK may not
   * read a masked column through the gateway, and filtering on one needs SELECT_MASKED (as in
   * Cassandra; the values returned would still have to be masked).
   */
  private async checkMasks(perms: EffectivePermissions, use: ColumnUse): Promise<void> {
    const resources = tableResources(use.keyspace, use.table);
    if (isGranted(perms, 'UNMASK', resources)) return;
    const masked = (await this.schema.keyspace(use.keyspace)).maskedColumns.get(use.table);
    if (!masked || masked.size === 0) return;
    const target = `${use.keyspace}.${use.table}`;
    const returned = use.returns === '*' ? [...masked] : use.returns.filter((c) => masked.has(c));
    if (returned.length > 0) {
      throw new BridgeError(
        GrpcStatus.PERMISSION_DENIED,
        `User ${perms.role} has no UNMASK permission on ${target} or any of its parents, and ` +
          `${columnList(returned)} ${returned.length === 1 ? 'is' : 'are'} masked: the gateway cannot return masked values, select unmasked columns only`,
      );
    }
    const filtered = use.filters.filter((c) => masked.has(c));
    if (filtered.length > 0 && !isGranted(perms, 'SELECT_MASKED', resources)) {
      throw new BridgeError(
        GrpcStatus.PERMISSION_DENIED,
        `User ${perms.role} has no SELECT_MASKED permission on ${target} or any of its parents, ` +
          `needed to filter on ${columnList(filtered)}`,
      );
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

function columnList(columns: string[]): string {
  const names = [...new Set(columns)].sort();
  return names.length === 1 ? `column ${names[0]}` : `columns ${names.join(', ')}`;
}

function definesFunction(facts: KeyspaceFacts, name: string): boolean {
  return facts.functions.has(name) || facts.aggregates.has(name);
}

/** EXECUTE on a function of that name (any overload), its keyspace's functions or all functions. */
function mayExecute(perms: EffectivePermissions, keyspace: string, name: string): boolean {
  if (isGranted(perms, 'EXECUTE', [`functions/${keyspace}`, 'functions'])) return true;
  const prefix = `functions/${keyspace}/${name}[`;
  for (const [resource, permissions] of perms.grants) {
    if (resource.startsWith(prefix) && permissions.has('EXECUTE')) return true;
  }
  return false;
}

function satisfies(perms: EffectivePermissions, r: Requirement): boolean {
  switch (r.kind) {
    case 'allowed':
      return true;
    case 'superuser':
      return perms.superuser;
    case 'permission':
      return isGranted(perms, r.permission, r.resources);
    case 'execute':
      // A native function's name: decided with the keyspace's functions (checkFunction).
      return r.ifDefined === true || mayExecute(perms, r.keyspace, r.name);
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
