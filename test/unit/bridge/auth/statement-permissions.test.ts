// The bridge's security core in memory: for each statement, what it requires (permission and
// resource, or superuser rights) and whether a role holding a given set of grants may run it.
// "needs" lists the requirements, most specific resource first; the verdict comes from
// StatementAuthorizer over a role whose grants are those of the named set and over the schema
// below (functions, aggregates, masked columns). A verdict "denied: …" also names the message.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type {
  EffectivePermissions,
  RolePermissions,
} from '../../../../services/bridge/src/auth/role-permissions.js';
import type { KeyspaceFacts, SchemaFacts } from '../../../../services/bridge/src/auth/schema-facts.js';
import { StatementAuthorizer } from '../../../../services/bridge/src/auth/statement-authorizer.js';
import {
  type ColumnUse,
  columnUses,
  type Requirement,
  requirementsOf,
} from '../../../../services/bridge/src/auth/statement-permissions.js';
import { classifyStatement } from '../../../../services/bridge/src/cql/classify-statement.js';
import { CqlLexError } from '../../../../services/bridge/src/cql/tokenize-cql.js';
import { BridgeError } from '../../../../services/bridge/src/errors/bridge-error.js';

const EVERY_PERMISSION = ['CREATE', 'ALTER', 'DROP', 'SELECT', 'MODIFY', 'AUTHORIZE', 'DESCRIBE', 'EXECUTE'];

// Grant sets as Cassandra stores them in system_auth.role_permissions (resource → permissions).
const GRANTS = {
  'no grants': {},
  'SELECT on ks': { 'data/ks': ['SELECT'] },
  'SELECT on ks.t': { 'data/ks/t': ['SELECT'] },
  'MODIFY on ks': { 'data/ks': ['MODIFY'] },
  'MODIFY on ks, other': { 'data/ks': ['MODIFY'], 'data/other': ['MODIFY'] },
  'SELECT on ks, EXECUTE on ks.f': {
    'data/ks': ['SELECT'],
    'functions/ks/f[org.apache.cassandra.db.marshal.Int32Type]': ['EXECUTE'],
  },
  'SELECT on ks, other; EXECUTE on ks.f': {
    'data/ks': ['SELECT'],
    'data/other': ['SELECT'],
    'functions/ks/f[org.apache.cassandra.db.marshal.Int32Type]': ['EXECUTE'],
  },
  'SELECT on ks, EXECUTE in ks': { 'data/ks': ['SELECT'], 'functions/ks': ['EXECUTE'] },
  'all on ks': { 'data/ks': EVERY_PERMISSION },
  'all on all keyspaces': { data: EVERY_PERMISSION },
  'all on all keyspaces and functions': { data: EVERY_PERMISSION, functions: EVERY_PERMISSION },
  'CREATE on functions in ks': { 'functions/ks': ['CREATE'] },
  'CREATE, ALTER on functions in ks': { 'functions/ks': ['CREATE', 'ALTER'] },
  'CREATE, EXECUTE on functions in ks': { 'functions/ks': ['CREATE', 'EXECUTE'] },
  'SELECT on ks, EXECUTE on ks.agg': { 'data/ks': ['SELECT'], [fn('agg')]: ['EXECUTE'] },
  'SELECT on ks, EXECUTE on ks.agg, ks.acc': {
    'data/ks': ['SELECT'],
    [fn('agg')]: ['EXECUTE'],
    [fn('acc')]: ['EXECUTE'],
  },
  'SELECT on ks, EXECUTE on ks.agg, ks.acc, ks.fin': {
    'data/ks': ['SELECT'],
    [fn('agg')]: ['EXECUTE'],
    [fn('acc')]: ['EXECUTE'],
    [fn('fin')]: ['EXECUTE'],
  },
  'SELECT on ks, EXECUTE on ks.count, ks.acc, ks.fin': {
    'data/ks': ['SELECT'],
    [fn('count')]: ['EXECUTE'],
    [fn('acc')]: ['EXECUTE'],
    [fn('fin')]: ['EXECUTE'],
  },
  'SELECT on ks, EXECUTE on ks.abs': { 'data/ks': ['SELECT'], [fn('abs')]: ['EXECUTE'] },
  'SELECT on ks.m': { 'data/ks/m': ['SELECT'] },
  'SELECT, UNMASK on ks.m': { 'data/ks/m': ['SELECT', 'UNMASK'] },
  'SELECT, SELECT_MASKED on ks.m': { 'data/ks/m': ['SELECT', 'SELECT_MASKED'] },
  'SELECT, UNMASK on ks': { 'data/ks': ['SELECT', 'UNMASK'] },
  'SELECT on ks, UNMASK on ks.t': { 'data/ks': ['SELECT'], 'data/ks/t': ['UNMASK'] },
  'MODIFY on ks.m': { 'data/ks/m': ['MODIFY'] },
  superuser: 'superuser',
} as const;
type GrantSet = keyof typeof GRANTS;

function fn(name: string): string {
  return `functions/ks/${name}[org.apache.cassandra.db.marshal.Int32Type]`;
}

// The schema the authorizer reads besides the statement: in ks, the aggregates agg and count (state
// function acc, final function fin), functions named like native ones (abs, key, values), and the
// table m with two masked columns. Keyspace other defines the function f only.
const SCHEMA: Record<string, KeyspaceFacts> = {
  ks: {
    functions: new Set(['f', 'g', 'acc', 'fin', 'abs', 'key', 'values']),
    aggregates: new Map([
      ['agg', [{ stateFunction: 'acc', finalFunction: 'fin' }]],
      ['count', [{ stateFunction: 'acc', finalFunction: 'fin' }]],
    ]),
    maskedColumns: new Map([['m', new Set(['secret', 'Pin'])]]),
  },
  other: { functions: new Set(['f']), aggregates: new Map(), maskedColumns: new Map() },
};
const NO_FACTS: KeyspaceFacts = { functions: new Set(), aggregates: new Map(), maskedColumns: new Map() };
const schema: SchemaFacts = { keyspace: async (name) => SCHEMA[name] ?? NO_FACTS };

function permissionsOf(set: GrantSet): EffectivePermissions {
  const grants = GRANTS[set];
  if (grants === 'superuser') return { role: 'r', superuser: true, canLogin: true, grants: new Map() };
  return {
    role: 'r',
    superuser: false,
    canLogin: true,
    grants: new Map(Object.entries(grants).map(([resource, perms]) => [resource, new Set<string>(perms)])),
  };
}

function describeRequirement(r: Requirement): string {
  switch (r.kind) {
    case 'allowed':
      return 'nothing';
    case 'superuser':
      return `superuser (${r.reason})`;
    case 'permission':
      return `${r.permission} on ${r.resources[0]}`;
    case 'execute':
      return `EXECUTE on ${r.keyspace}.${r.name}${r.ifDefined ? ' if user-defined' : ''}`;
  }
}

function describeUse(u: ColumnUse): string {
  const returns = u.returns === '*' ? '*' : u.returns.join(', ') || 'nothing';
  return `${u.keyspace}.${u.table} returns ${returns}; filters ${u.filters.join(', ') || 'nothing'}`;
}

/** The columns the statement returns or filters on, per table. */
function uses(cql: string, keyspace: string | undefined): string {
  const found = columnUses(classifyStatement(cql, keyspace), keyspace);
  return found.length === 0 ? 'nothing' : found.map(describeUse).join(' + ');
}

/** What the statement requires, or why it is refused before any permission is looked at. */
function needs(cql: string, keyspace: string | undefined): string {
  try {
    const requirements = requirementsOf(classifyStatement(cql, keyspace), keyspace);
    return requirements.length === 0 ? 'nothing' : requirements.map(describeRequirement).join(' + ');
  } catch (err) {
    return `invalid: ${(err as Error).message}`;
  }
}

async function verdict(cql: string, keyspace: string | undefined, set: GrantSet): Promise<string> {
  const roles = { get: async () => permissionsOf(set) } as unknown as RolePermissions;
  try {
    const statement = classifyStatement(cql, keyspace);
    await new StatementAuthorizer(roles, schema).authorize({ role: 'r' }, statement, keyspace);
    return 'allowed';
  } catch (err) {
    if (err instanceof CqlLexError) return 'invalid';
    if (err instanceof BridgeError && err.code === GrpcStatus.PERMISSION_DENIED)
      return `denied: ${err.message}`;
    if (err instanceof BridgeError && err.code === GrpcStatus.INVALID_ARGUMENT) return 'invalid';
    throw err;
  }
}

/** cql, QueryParameters.keyspace, what it needs, the grant set of the role, the verdict */
type Row = [cql: string, keyspace: string | undefined, needs: string, grants: GrantSet, verdict: Verdict];
type Verdict = 'allowed' | 'denied' | `denied: ${string}` | 'invalid';
const none = undefined;

const NO_KEYSPACE = 'invalid: No keyspace specified: qualify the table or set QueryParameters.keyspace';
const NO_KEYSPACE_DDL = 'invalid: No keyspace specified: qualify the name or set QueryParameters.keyspace';
const UNCLASSIFIED = 'superuser (a statement the gateway cannot classify)';
const ROLES = 'superuser (role and permission management)';
const BAD_KEYSPACE =
  'invalid: Invalid keyspace name in QueryParameters.keyspace: only letters, digits and underscores are allowed, got ';

function runTable(title: string, rows: Row[]): void {
  describe(title, () => {
    const cases = rows.map((row) => {
      const [cql, keyspace, needs, grants, verdict] = row;
      const where = keyspace === undefined ? '' : ` [keyspace ${keyspace}]`;
      return [`${JSON.stringify(cql)}${where} needs ${needs}; with ${grants}: ${verdict}`, row] as const;
    });
    it.each(cases)('%s', async (_title, [cql, keyspace, expectedNeeds, grants, expectedVerdict]) => {
      expect(needs(cql, keyspace)).toBe(expectedNeeds);
      expect(await verdictAs(expectedVerdict, cql, keyspace, grants)).toBe(expectedVerdict);
    });
  });
}

/** The verdict, with the denial's message when the row names one. */
async function verdictAs(expected: Verdict, cql: string, keyspace: string | undefined, set: GrantSet) {
  const got = await verdict(cql, keyspace, set);
  return expected === 'denied' && got.startsWith('denied: ') ? 'denied' : got;
}

/** cql, QueryParameters.keyspace, the columns it returns and filters on, the grant set, the verdict */
type MaskRow = [cql: string, keyspace: string | undefined, uses: string, grants: GrantSet, verdict: Verdict];

function runMaskTable(title: string, rows: MaskRow[]): void {
  describe(title, () => {
    const cases = rows.map((row) => {
      const [cql, keyspace, uses, grants, verdict] = row;
      const where = keyspace === undefined ? '' : ` [keyspace ${keyspace}]`;
      return [`${JSON.stringify(cql)}${where} uses ${uses}; with ${grants}: ${verdict}`, row] as const;
    });
    it.each(cases)('%s', async (_title, [cql, keyspace, expectedUses, grants, expectedVerdict]) => {
      expect(uses(cql, keyspace)).toBe(expectedUses);
      expect(await verdictAs(expectedVerdict, cql, keyspace, grants)).toBe(expectedVerdict);
    });
  });
}

// biome-ignore format: a table, one row per line
runTable('reads and writes', [
  ['SELECT * FROM ks.t', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ['SELECT * FROM ks.t', none, 'SELECT on data/ks/t', 'SELECT on ks.t', 'allowed'],
  ['SELECT * FROM ks.t', none, 'SELECT on data/ks/t', 'MODIFY on ks', 'denied'],
  ['SELECT * FROM ks.u', none, 'SELECT on data/ks/u', 'SELECT on ks.t', 'denied'],
  ['SELECT * FROM t', 'ks', 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ['SELECT * FROM t', 'ks', 'SELECT on data/ks/t', 'no grants', 'denied'],
  ['SELECT * FROM other.t', 'ks', 'SELECT on data/other/t', 'SELECT on ks', 'denied'],
  ['SELECT * FROM t', none, NO_KEYSPACE, 'superuser', 'invalid'],
  ['SELECT JSON k, v FROM ks.t', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ["SELECT * FROM ks.t WHERE v = 'FROM other.t'", none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ['SELECT * FROM ks.t WHERE v = $$ FROM other.t $$', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ["INSERT INTO ks.t (k, v) VALUES (1, 'x')", none, 'MODIFY on data/ks/t', 'MODIFY on ks', 'allowed'],
  ["INSERT INTO ks.t (k, v) VALUES (1, 'x')", none, 'MODIFY on data/ks/t', 'SELECT on ks', 'denied'],
  ['INSERT INTO ks.t JSON $${"k": 1}$$', none, 'MODIFY on data/ks/t', 'MODIFY on ks', 'allowed'],
  ['UPDATE ks.t USING TTL 5 SET v = 1 WHERE k = 1', none, 'MODIFY on data/ks/t', 'MODIFY on ks', 'allowed'],
  ['UPDATE ks.t SET v = 1 WHERE k = 1 IF v = 0', none, 'MODIFY on data/ks/t', 'SELECT on ks', 'denied'],
  ['DELETE FROM ks.t WHERE k = 1', none, 'MODIFY on data/ks/t', 'MODIFY on ks', 'allowed'],
  ["DELETE m['from'] FROM t WHERE k = 1", 'ks', 'MODIFY on data/ks/t', 'MODIFY on ks', 'allowed'],
  ['TRUNCATE ks.t', none, 'MODIFY on data/ks/t', 'MODIFY on ks', 'allowed'],
  ['TRUNCATE TABLE ks.t', none, 'MODIFY on data/ks/t', 'SELECT on ks', 'denied'],
]);

// biome-ignore format: a table, one row per line
runTable('comments, quoting and case', [
  ['-- other.t\nSELECT * FROM ks.t', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ['SELECT * FROM ks.t // other.t', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ['SELECT * FROM /* ks.t */ other.t', none, 'SELECT on data/other/t', 'SELECT on ks', 'denied'],
  ['SELECT * FROM other/* */./* */t', none, 'SELECT on data/other/t', 'SELECT on ks', 'denied'],
  // Cassandra ends -- and // comments at \r as well: what follows is the table it reads
  ['SELECT * FROM --\rother.t /*\n ks.t */', none, 'SELECT on data/other/t', 'SELECT on ks', 'denied'],
  ['SELECT * FROM //\rother.t /*\n ks.t */', none, 'SELECT on data/other/t', 'SELECT on ks', 'denied'],
  ['SeLeCt * FrOm KS.T', none, 'SELECT on data/ks/t', 'SELECT on ks.t', 'allowed'],
  ['SELECT * FROM "ks"."t"', none, 'SELECT on data/ks/t', 'SELECT on ks.t', 'allowed'],
  ['SELECT * FROM "KS"."T"', none, 'SELECT on data/KS/T', 'SELECT on ks', 'denied'],
  ['SELECT * FROM "My Table"', 'ks', 'SELECT on data/ks/My Table', 'SELECT on ks', 'allowed'],
  ['SELECT "from" FROM other.t', none, 'SELECT on data/other/t', 'SELECT on ks', 'denied'],
]);

// biome-ignore format: a table, one row per line
runTable('batches', [
  ['BEGIN BATCH INSERT INTO ks.t (k) VALUES (1); UPDATE other.t SET v = 1 WHERE k = 1; APPLY BATCH', none, 'MODIFY on data/ks/t + MODIFY on data/other/t', 'MODIFY on ks', 'denied'],
  ['BEGIN BATCH INSERT INTO ks.t (k) VALUES (1); UPDATE other.t SET v = 1 WHERE k = 1; APPLY BATCH', none, 'MODIFY on data/ks/t + MODIFY on data/other/t', 'MODIFY on ks, other', 'allowed'],
  ['begin unlogged batch insert into t (k) values (1) delete from other.t where k = 1 apply batch', 'ks', 'MODIFY on data/ks/t + MODIFY on data/other/t', 'MODIFY on ks', 'denied'],
  ['BEGIN COUNTER BATCH UPDATE ks.c SET n = n + 1 WHERE k = 1 APPLY BATCH', none, 'MODIFY on data/ks/c', 'MODIFY on ks', 'allowed'],
  ['BEGIN BATCH USING TIMESTAMP 1 INSERT INTO ks.t (k, m) VALUES (1, {1: 2}) INSERT INTO data_endpoint_auth."token" (auth_token) VALUES (uuid()) APPLY BATCH', none, 'MODIFY on data/ks/t + superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['BEGIN BATCH INSERT INTO ks.t (k) VALUES (1) /* APPLY BATCH */ UPDATE system_auth.roles SET is_superuser = true WHERE role = $$r$$ APPLY BATCH', none, 'MODIFY on data/ks/t + superuser (access to system_auth)', 'all on ks', 'denied'],
  ['BEGIN TRANSACTION SELECT * FROM system_auth.roles; COMMIT TRANSACTION', none, UNCLASSIFIED, 'all on all keyspaces', 'denied'],
]);

// biome-ignore format: a table, one row per line
runTable('USE', [
  ['USE ks', none, UNCLASSIFIED, 'all on ks', 'denied'],
  ['use "KS"', none, UNCLASSIFIED, 'superuser', 'allowed'],
]);

// biome-ignore format: a table, one row per line
runTable('functions and aggregates', [
  // native names need EXECUTE only if the keyspace defines a function of that name (ks does not, but for count,
  // which count(*) never calls); writetime, ttl and cast are grammar
  ['SELECT token(k), writetime(v), TTL(v), toJson(v), blobAsText(b), CAST(v AS text), count(*), max(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.token if user-defined + EXECUTE on ks.tojson if user-defined + EXECUTE on ks.blobastext if user-defined + EXECUTE on ks.max if user-defined', 'SELECT on ks', 'allowed'],
  ['SELECT system.now() FROM ks.t', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ['SELECT ks.f(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.f', 'SELECT on ks', 'denied'],
  ['SELECT ks.f(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.f', 'SELECT on ks, EXECUTE on ks.f', 'allowed'],
  ['SELECT ks.g(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.g', 'SELECT on ks, EXECUTE on ks.f', 'denied'],
  ['SELECT ks.g(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.g', 'SELECT on ks, EXECUTE in ks', 'allowed'],
  ['SELECT f(v) FROM t', 'ks', 'SELECT on data/ks/t + EXECUTE on ks.f', 'SELECT on ks, EXECUTE on ks.f', 'allowed'],
  // an unqualified function name is looked up in the table's keyspace, not the session's
  ['SELECT f(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.f', 'SELECT on ks, EXECUTE on ks.f', 'allowed'],
  ['SELECT f(v) FROM other.t', 'ks', 'SELECT on data/other/t + EXECUTE on other.f', 'SELECT on ks, other; EXECUTE on ks.f', 'denied'],
  ['SELECT "F"(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.F', 'SELECT on ks, EXECUTE on ks.f', 'denied'],
  ['SELECT ks.agg(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.agg', 'SELECT on ks, EXECUTE in ks', 'allowed'],
  // calling an aggregate runs its state and final functions: EXECUTE on all three, as in Cassandra
  ['SELECT ks.agg(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.agg', 'SELECT on ks, EXECUTE on ks.agg', 'denied: User r has no EXECUTE permission on function ks.acc, the state function of aggregate ks.agg'],
  ['SELECT ks.agg(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.agg', 'SELECT on ks, EXECUTE on ks.agg, ks.acc', 'denied: User r has no EXECUTE permission on function ks.fin, the final function of aggregate ks.agg'],
  ['SELECT ks.agg(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.agg', 'SELECT on ks, EXECUTE on ks.agg, ks.acc, ks.fin', 'allowed'],
  ['SELECT agg(v) FROM t', 'ks', 'SELECT on data/ks/t + EXECUTE on ks.agg', 'SELECT on ks, EXECUTE on ks.agg', 'denied: User r has no EXECUTE permission on function ks.acc, the state function of aggregate ks.agg'],
  ['SELECT k, "agg"(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.agg', 'SELECT on ks, EXECUTE on ks.agg, ks.acc', 'denied: User r has no EXECUTE permission on function ks.fin, the final function of aggregate ks.agg'],
  ['SELECT ks.agg(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.agg', 'SELECT on ks, EXECUTE on ks.f', 'denied: User r has no EXECUTE permission on function ks.agg'],
  // a user-defined function named like a native one: qualified or quoted, always the UDF
  ['SELECT ks.abs(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.abs', 'SELECT on ks', 'denied: User r has no EXECUTE permission on function ks.abs'],
  ['SELECT ks.token(k), ks.now() FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.token + EXECUTE on ks.now', 'SELECT on ks, EXECUTE in ks', 'allowed'],
  ['SELECT "ks"."now"() FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.now', 'SELECT on ks', 'denied: User r has no EXECUTE permission on function ks.now'],
  ['SELECT "abs"(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.abs', 'SELECT on ks, EXECUTE on ks.abs', 'allowed'],
  ['SELECT system.abs(v) FROM ks.t', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  // ... unqualified: Cassandra may pick it over the native function, so EXECUTE is needed when the keyspace defines it
  ['SELECT abs(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.abs if user-defined', 'SELECT on ks', 'denied: User r has no EXECUTE permission on function ks.abs: ks defines a function named like the native abs, which Cassandra may call instead'],
  ['SELECT abs(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.abs if user-defined', 'SELECT on ks, EXECUTE on ks.abs', 'allowed'],
  ['SELECT abs(v) FROM t', 'ks', 'SELECT on data/ks/t + EXECUTE on ks.abs if user-defined', 'SELECT on ks, EXECUTE in ks', 'allowed'],
  ['SELECT abs(v) FROM other.t', none, 'SELECT on data/other/t + EXECUTE on other.abs if user-defined', 'SELECT on ks, other; EXECUTE on ks.f', 'allowed'],
  ['SELECT k FROM ks.t WHERE k = abs(?)', none, 'SELECT on data/ks/t + EXECUTE on ks.abs if user-defined', 'SELECT on ks', 'denied'],
  ["UPDATE ks.t SET v = blobAsText(0x00) WHERE k = abs(1)", none, 'MODIFY on data/ks/t + EXECUTE on ks.blobastext if user-defined + EXECUTE on ks.abs if user-defined', 'MODIFY on ks', 'denied'],
  ['SELECT key(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.key if user-defined', 'SELECT on ks', 'denied: User r has no EXECUTE permission on function ks.key: ks defines a function named like the native key, which Cassandra may call instead'],
  // ... and a native aggregate's name: the keyspace's aggregate count, with its state and final functions
  ['SELECT count(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.count if user-defined', 'SELECT on ks, EXECUTE on ks.agg, ks.acc, ks.fin', 'denied: User r has no EXECUTE permission on function ks.count: ks defines a function named like the native count, which Cassandra may call instead'],
  ['SELECT count(v) FROM ks.t', none, 'SELECT on data/ks/t + EXECUTE on ks.count if user-defined', 'SELECT on ks, EXECUTE on ks.count, ks.acc, ks.fin', 'allowed'],
  ['SELECT count(*) FROM ks.t', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  // keywords before '(' are no calls where no value can stand (ks defines a function named values)
  ["INSERT INTO ks.t (k, v) VALUES (1, 'x')", none, 'MODIFY on data/ks/t', 'MODIFY on ks', 'allowed'],
  ['INSERT INTO ks.t (k, v) VALUES (1, ks.f(2))', none, 'MODIFY on data/ks/t + EXECUTE on ks.f', 'MODIFY on ks', 'denied'],
  ['UPDATE ks.t SET v = 1 WHERE k = other.f(1)', none, 'MODIFY on data/ks/t + EXECUTE on other.f', 'all on ks', 'denied'],
  ['CREATE FUNCTION ks.f (a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$', none, 'CREATE on functions/ks', 'CREATE on functions in ks', 'allowed'],
  // replacing an existing function needs ALTER on it in Cassandra
  ['CREATE OR REPLACE FUNCTION ks.f (a int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$', none, 'CREATE on functions/ks + ALTER on functions/ks', 'CREATE on functions in ks', 'denied'],
  ['CREATE OR REPLACE FUNCTION ks.f (a int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$', none, 'CREATE on functions/ks + ALTER on functions/ks', 'CREATE, ALTER on functions in ks', 'allowed'],
  ['DROP FUNCTION ks.f', none, 'DROP on functions/ks', 'all on all keyspaces', 'denied'],
  ['DROP FUNCTION IF EXISTS f', 'ks', 'DROP on functions/ks', 'all on all keyspaces and functions', 'allowed'],
  // an aggregate runs its state and final functions: creating one needs EXECUTE on them
  ['CREATE AGGREGATE ks.a (int) SFUNC acc STYPE int FINALFUNC fin INITCOND 0', none, 'CREATE on functions/ks + EXECUTE on ks.acc + EXECUTE on ks.fin', 'CREATE on functions in ks', 'denied'],
  ['CREATE AGGREGATE ks.a (int) SFUNC acc STYPE int FINALFUNC fin INITCOND 0', none, 'CREATE on functions/ks + EXECUTE on ks.acc + EXECUTE on ks.fin', 'CREATE, EXECUTE on functions in ks', 'allowed'],
  ['CREATE OR REPLACE AGGREGATE a (int) SFUNC "Acc" STYPE int', 'ks', 'CREATE on functions/ks + ALTER on functions/ks + EXECUTE on ks.Acc', 'CREATE, EXECUTE on functions in ks', 'denied'],
  ['DROP AGGREGATE ks.a', none, 'DROP on functions/ks', 'CREATE on functions in ks', 'denied'],
]);

// biome-ignore format: a table, one row per line
runTable('schema changes of every kind', [
  ["CREATE KEYSPACE k2 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", none, 'CREATE on data', 'all on ks', 'denied'],
  ["CREATE KEYSPACE IF NOT EXISTS k2 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", none, 'CREATE on data', 'all on all keyspaces', 'allowed'],
  ['ALTER KEYSPACE ks WITH durable_writes = true', none, 'ALTER on data/ks', 'all on ks', 'allowed'],
  ['ALTER KEYSPACE other WITH durable_writes = true', none, 'ALTER on data/other', 'all on ks', 'denied'],
  ['DROP KEYSPACE ks', none, 'DROP on data/ks', 'all on ks', 'allowed'],
  ['DROP KEYSPACE ks', none, 'DROP on data/ks', 'SELECT on ks', 'denied'],
  ['CREATE TABLE ks.t2 (k int PRIMARY KEY)', none, 'CREATE on data/ks', 'all on ks', 'allowed'],
  ['CREATE TABLE t2 (k int PRIMARY KEY)', 'other', 'CREATE on data/other', 'all on ks', 'denied'],
  ['CREATE TABLE t2 (k int PRIMARY KEY)', none, NO_KEYSPACE_DDL, 'superuser', 'invalid'],
  ['ALTER TABLE ks.t ADD w text', none, 'ALTER on data/ks/t', 'all on ks', 'allowed'],
  ['ALTER TABLE ks.t ADD w text', none, 'ALTER on data/ks/t', 'SELECT on ks.t', 'denied'],
  ['DROP TABLE IF EXISTS ks.t', none, 'DROP on data/ks/t', 'all on ks', 'allowed'],
  ['CREATE TYPE ks.address (street text)', none, 'CREATE on data/ks', 'all on ks', 'allowed'],
  ['ALTER TYPE ks.address ADD zip text', none, 'ALTER on data/ks', 'MODIFY on ks', 'denied'],
  ['DROP TYPE ks.address', none, 'DROP on data/ks', 'all on ks', 'allowed'],
  ['CREATE INDEX idx ON ks.t (v)', none, 'ALTER on data/ks/t', 'all on ks', 'allowed'],
  ["CREATE CUSTOM INDEX IF NOT EXISTS ON other.t (v) USING 'StorageAttachedIndex'", none, 'ALTER on data/other/t', 'all on ks', 'denied'],
  ['DROP INDEX ks.idx', none, 'ALTER on data/ks', 'all on ks', 'allowed'],
  ['CREATE MATERIALIZED VIEW ks.v AS SELECT * FROM ks.t WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)', none, 'ALTER on data/ks', 'all on ks', 'allowed'],
  ['ALTER MATERIALIZED VIEW ks.v WITH comment = $$x$$', none, 'ALTER on data/ks', 'SELECT on ks', 'denied'],
  ['DROP MATERIALIZED VIEW ks.v', none, 'ALTER on data/ks', 'all on ks', 'allowed'],
  ["CREATE TRIGGER tr ON ks.t USING 'org.example.Trigger'", none, 'superuser (triggers)', 'all on all keyspaces', 'denied'],
  ['DROP TRIGGER tr ON ks.t', none, 'superuser (triggers)', 'superuser', 'allowed'],
]);

// biome-ignore format: a table, one row per line
runTable('roles, users and permissions', [
  ["CREATE ROLE r2 WITH PASSWORD = 'p' AND LOGIN = true", none, ROLES, 'all on all keyspaces and functions', 'denied'],
  ["CREATE ROLE r2 WITH PASSWORD = 'p'", none, ROLES, 'superuser', 'allowed'],
  ['ALTER ROLE r WITH SUPERUSER = true', none, ROLES, 'all on all keyspaces', 'denied'],
  ['DROP ROLE IF EXISTS r2', none, ROLES, 'all on all keyspaces', 'denied'],
  ["CREATE USER u WITH PASSWORD 'p' SUPERUSER", none, ROLES, 'all on all keyspaces', 'denied'],
  ["ALTER USER u WITH PASSWORD 'p'", none, ROLES, 'all on ks', 'denied'],
  ['DROP USER u', none, ROLES, 'all on ks', 'denied'],
  ['GRANT SELECT ON KEYSPACE ks TO r', none, ROLES, 'all on ks', 'denied'],
  ['GRANT cassandra TO r', none, ROLES, 'all on all keyspaces', 'denied'],
  ['REVOKE MODIFY ON ALL KEYSPACES FROM r', none, ROLES, 'all on all keyspaces', 'denied'],
  ['LIST ALL PERMISSIONS OF r', none, ROLES, 'all on all keyspaces', 'denied'],
  ['LIST ROLES', none, ROLES, 'superuser', 'allowed'],
  ['list users', none, ROLES, 'SELECT on ks', 'denied'],
  ["ADD IDENTITY 'spiffe://x' TO ROLE r", none, UNCLASSIFIED, 'all on all keyspaces', 'denied'],
]);

// biome-ignore format: a table, one row per line
runTable('system keyspaces and the gateway’s own keyspace', [
  ['SELECT * FROM system.local', none, 'nothing', 'no grants', 'allowed'],
  ['SELECT peer, rpc_address FROM system.peers', none, 'nothing', 'no grants', 'allowed'],
  ['SELECT * FROM system.peers_v2', none, 'nothing', 'no grants', 'allowed'],
  ['SELECT * FROM system_schema.tables', none, 'nothing', 'no grants', 'allowed'],
  ['SELECT * FROM SYSTEM_SCHEMA.Keyspaces', none, 'nothing', 'no grants', 'allowed'],
  ['SELECT * FROM columns', 'system_schema', 'nothing', 'no grants', 'allowed'],
  ['SELECT * FROM system.paxos', none, 'SELECT on data/system/paxos', 'no grants', 'denied'],
  ['SELECT * FROM system.paxos', none, 'SELECT on data/system/paxos', 'all on all keyspaces', 'allowed'],
  ['SELECT * FROM system_distributed.repair_history', none, 'SELECT on data/system_distributed/repair_history', 'all on ks', 'denied'],
  ['SELECT * FROM system_traces.sessions', none, 'SELECT on data/system_traces/sessions', 'all on ks', 'denied'],
  ['SELECT * FROM system_views.settings', none, 'SELECT on data/system_views/settings', 'no grants', 'denied'],
  ['SELECT * FROM system_virtual_schema.tables', none, 'SELECT on data/system_virtual_schema/tables', 'all on all keyspaces', 'allowed'],
  ['SELECT * FROM system_auth.roles', none, 'superuser (access to system_auth)', 'all on all keyspaces', 'denied'],
  ['SELECT * FROM "system_auth"."roles"', none, 'superuser (access to system_auth)', 'all on all keyspaces', 'denied'],
  ['select salted_hash from SYSTEM_AUTH.ROLES', none, 'superuser (access to system_auth)', 'all on all keyspaces', 'denied'],
  ['SELECT * FROM roles', 'system_auth', 'superuser (statements run in keyspace system_auth)', 'all on all keyspaces', 'denied'],
  ['SELECT * FROM system_auth.roles', none, 'superuser (access to system_auth)', 'superuser', 'allowed'],
  // a comment Cassandra ends at \r must not pass system_auth off as system.local
  ['SELECT * FROM --\rsystem_auth.roles /*\n system.local */', none, 'superuser (access to system_auth)', 'no grants', 'denied'],
  ["UPDATE system_views.settings SET value = 'x' WHERE name = 'y'", none, 'superuser (writes to system_views)', 'all on all keyspaces', 'denied'],
  ['INSERT INTO system.local (key) VALUES (1)', none, 'superuser (writes to system)', 'all on all keyspaces', 'denied'],
  ['DELETE FROM system_schema.tables WHERE keyspace_name = 1', none, 'superuser (writes to system_schema)', 'all on all keyspaces', 'denied'],
  ['TRUNCATE system_traces.events', none, 'superuser (writes to system_traces)', 'all on all keyspaces', 'denied'],
  ['UPDATE system_auth.roles SET is_superuser = true WHERE role = $$r$$', none, 'superuser (access to system_auth)', 'all on all keyspaces', 'denied'],
  ['CREATE TABLE system.t (k int PRIMARY KEY)', none, 'superuser (schema changes in system)', 'all on all keyspaces', 'denied'],
  ['ALTER TABLE system_auth.roles ADD x text', none, 'superuser (schema changes in system_auth)', 'all on all keyspaces', 'denied'],
  ['DROP KEYSPACE system_distributed', none, 'superuser (schema changes in system_distributed)', 'all on all keyspaces', 'denied'],
  ['ALTER KEYSPACE System_Traces WITH durable_writes = false', none, 'superuser (schema changes in system_traces)', 'all on all keyspaces', 'denied'],
  ['CREATE INDEX ON system_schema.tables (comment)', none, 'superuser (schema changes in system_schema)', 'all on all keyspaces', 'denied'],
  ['CREATE TYPE system_views.t (a int)', none, 'superuser (schema changes in system_views)', 'all on all keyspaces', 'denied'],
  ['DROP TABLE system_virtual_schema.tables', none, 'superuser (schema changes in system_virtual_schema)', 'all on all keyspaces', 'denied'],
  ['CREATE FUNCTION system.f (a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$', none, 'superuser (schema changes in system)', 'all on all keyspaces and functions', 'denied'],
  ['SELECT * FROM data_endpoint_auth."token"', none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['SELECT * FROM Data_Endpoint_Auth."token"', none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['SELECT * FROM "token"', 'data_endpoint_auth', 'superuser (statements run in keyspace data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['SELECT * FROM /* ks.t */ data_endpoint_auth . "token" -- ks.t', none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  [`INSERT INTO data_endpoint_auth."token" (auth_token, username) VALUES (uuid(), 'cassandra')`, none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['DELETE FROM data_endpoint_auth."token" WHERE auth_token = ?', none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['TRUNCATE data_endpoint_auth."token"', none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['DROP KEYSPACE data_endpoint_auth', none, 'superuser (schema changes in data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['ALTER TABLE "token" ADD x text', 'data_endpoint_auth', 'superuser (statements run in keyspace data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  // a quoted name keeps its case: this is another (non-existent) keyspace
  ['SELECT * FROM "Data_Endpoint_Auth"."token"', none, 'SELECT on data/Data_Endpoint_Auth/token', 'all on ks', 'denied'],
]);

// A statement runs in QueryParameters.keyspace (the bridge's client for it ran USE "<keyspace>"):
// the name is checked like every other keyspace name, and a private keyspace is refused outright,
// whatever the statement names.
// biome-ignore format: a table, one row per line
runTable('QueryParameters.keyspace', [
  ['SELECT * FROM ks.t', 'data_endpoint_auth', 'superuser (statements run in keyspace data_endpoint_auth)', 'all on all keyspaces and functions', 'denied'],
  ['SELECT * FROM ks.t', 'system_auth', 'superuser (statements run in keyspace system_auth)', 'all on all keyspaces', 'denied'],
  ['INSERT INTO ks.t (k) VALUES (1)', 'data_endpoint_auth', 'superuser (statements run in keyspace data_endpoint_auth)', 'all on ks', 'denied'],
  ['SELECT * FROM ks.t', 'data_endpoint_auth', 'superuser (statements run in keyspace data_endpoint_auth)', 'superuser', 'allowed'],
  ['CREATE TABLE t2 (k int PRIMARY KEY)', 'system_auth', 'superuser (statements run in keyspace system_auth)', 'all on all keyspaces', 'denied'],
  // exact names (the driver quotes them): another, non-existent keyspace
  ['SELECT * FROM t', 'Data_Endpoint_Auth', 'SELECT on data/Data_Endpoint_Auth/t', 'all on ks', 'denied'],
  ['SELECT * FROM ks.t', 'system', 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
  ['SELECT * FROM ks.t', 'ks"; DROP KEYSPACE ks; --', `${BAD_KEYSPACE}'ks"; DROP KEYSPACE ks; --'`, 'superuser', 'invalid'],
  ['SELECT * FROM t', 'ks-1', `${BAD_KEYSPACE}'ks-1'`, 'superuser', 'invalid'],
  ['SELECT * FROM t', 'ks.t', `${BAD_KEYSPACE}'ks.t'`, 'superuser', 'invalid'],
  ['SELECT * FROM t', 'k\u00e9', `${BAD_KEYSPACE}'k\u00e9'`, 'superuser', 'invalid'],
  ['SELECT * FROM t', 'k'.repeat(223), `${BAD_KEYSPACE}'${'k'.repeat(223)}'`, 'superuser', 'invalid'],
]);

// Dynamic data masking (Cassandra 5.0): a role without UNMASK reads masked values, and may filter on
// masked columns only with SELECT_MASKED. The bridge runs statements with its own session, which
// reads clear values: it refuses to return a masked column to a role without UNMASK.
// biome-ignore format: a table, one row per line
runMaskTable('masked columns (ks.m masks secret and "Pin")', [
  ['SELECT * FROM ks.m', none, 'ks.m returns *; filters nothing', 'SELECT on ks.m', 'denied: User r has no UNMASK permission on ks.m or any of its parents, and columns Pin, secret are masked: the gateway cannot return masked values, select unmasked columns only'],
  ['SELECT * FROM ks.m', none, 'ks.m returns *; filters nothing', 'SELECT, UNMASK on ks.m', 'allowed'],
  ['SELECT * FROM ks.m', none, 'ks.m returns *; filters nothing', 'SELECT, UNMASK on ks', 'allowed'],
  ['SELECT * FROM ks.m', none, 'ks.m returns *; filters nothing', 'SELECT on ks, UNMASK on ks.t', 'denied'],
  ['SELECT * FROM ks.m', none, 'ks.m returns *; filters nothing', 'superuser', 'allowed'],
  ['SELECT * FROM m', 'ks', 'ks.m returns *; filters nothing', 'SELECT, SELECT_MASKED on ks.m', 'denied'],
  ['SELECT JSON * FROM ks.m', none, 'ks.m returns *; filters nothing', 'SELECT on ks.m', 'denied'],
  ['SELECT k, v FROM ks.m', none, 'ks.m returns k, v; filters nothing', 'SELECT on ks.m', 'allowed'],
  ['SELECT count(*) FROM ks.m', none, 'ks.m returns count; filters nothing', 'SELECT on ks.m', 'allowed'],
  ['SELECT k, secret FROM ks.m', none, 'ks.m returns k, secret; filters nothing', 'SELECT on ks.m', 'denied: User r has no UNMASK permission on ks.m or any of its parents, and column secret is masked: the gateway cannot return masked values, select unmasked columns only'],
  ['SELECT k, "Pin" FROM ks.m', none, 'ks.m returns k, Pin; filters nothing', 'SELECT, SELECT_MASKED on ks.m', 'denied'],
  // over-strict: a masking function would mask it, but the gateway does not read selectors
  ['SELECT mask_default(secret) FROM ks.m', none, 'ks.m returns mask_default, secret; filters nothing', 'SELECT on ks.m', 'denied'],
  ['SELECT k FROM ks.m WHERE secret = ? ALLOW FILTERING', none, 'ks.m returns k; filters secret, allow, filtering', 'SELECT on ks.m', 'denied: User r has no SELECT_MASKED permission on ks.m or any of its parents, needed to filter on column secret'],
  ['SELECT k FROM ks.m WHERE secret = ? ALLOW FILTERING', none, 'ks.m returns k; filters secret, allow, filtering', 'SELECT, SELECT_MASKED on ks.m', 'allowed'],
  ['SELECT k FROM ks.m WHERE secret = ? ALLOW FILTERING', none, 'ks.m returns k; filters secret, allow, filtering', 'SELECT, UNMASK on ks.m', 'allowed'],
  ['SELECT k FROM ks.m WHERE k = 1', none, 'ks.m returns k; filters k', 'SELECT on ks.m', 'allowed'],
  ['SELECT * FROM ks.t', none, 'ks.t returns *; filters nothing', 'SELECT on ks', 'allowed'],
  // writes return nothing, but a conditional one returns the current values when it does not apply
  ["UPDATE ks.m SET secret = 'x' WHERE k = 1", none, 'nothing', 'MODIFY on ks.m', 'allowed'],
  ["INSERT INTO ks.m (k, secret) VALUES (1, 'x')", none, 'nothing', 'MODIFY on ks.m', 'allowed'],
  ["INSERT INTO ks.m (k, secret) VALUES (1, 'x') IF NOT EXISTS", none, 'ks.m returns *; filters nothing', 'MODIFY on ks.m', 'denied: User r has no UNMASK permission on ks.m or any of its parents, and columns Pin, secret are masked: the gateway cannot return masked values, select unmasked columns only'],
  ["UPDATE ks.m SET v = 'x' WHERE k = 1 IF secret = 'y'", none, 'ks.m returns secret; filters nothing', 'MODIFY on ks.m', 'denied'],
  ["UPDATE ks.m SET v = 'x' WHERE k = 1 IF v = 'y'", none, 'ks.m returns v; filters nothing', 'MODIFY on ks.m', 'allowed'],
  ['DELETE FROM ks.m WHERE k = 1 IF EXISTS', none, 'ks.m returns *; filters nothing', 'MODIFY on ks.m', 'denied'],
  ["BEGIN BATCH UPDATE ks.m SET v = 'x' WHERE k = 1 IF secret = 'y' APPLY BATCH", none, 'ks.m returns secret; filters nothing', 'MODIFY on ks.m', 'denied'],
  ['SELECT * FROM system_schema.columns', none, 'nothing', 'no grants', 'allowed'],
]);

// biome-ignore format: a table, one row per line
runTable('what the gateway cannot read', [
  ['', none, UNCLASSIFIED, 'all on all keyspaces', 'denied'],
  ['SELEC * FROM ks.t', none, UNCLASSIFIED, 'all on all keyspaces', 'denied'],
  ['; SELECT * FROM ks.t', none, UNCLASSIFIED, 'all on ks', 'denied'],
  ['DESCRIBE KEYSPACE ks', none, UNCLASSIFIED, 'all on ks', 'denied'],
  ['CREATE NONSENSE ks.t', none, UNCLASSIFIED, 'all on all keyspaces', 'denied'],
  ['SELECT now()', none, 'superuser (a statement whose table cannot be determined)', 'all on all keyspaces', 'denied'],
  ['SELECT * FROM ks.', none, 'superuser (a statement whose table cannot be determined)', 'all on ks', 'denied'],
  ['INSERT INTO (k) VALUES (1)', none, 'superuser (a statement whose table cannot be determined)', 'all on all keyspaces', 'denied'],
  ["SELECT * FROM ks.t WHERE v = 'never closed", none, 'invalid: unterminated string literal', 'superuser', 'invalid'],
  ['SELECT * FROM ks.t /* never closed', none, 'invalid: unterminated comment', 'superuser', 'invalid'],
  ['SELECT * FROM "ks.t', none, 'invalid: unterminated quoted identifier', 'superuser', 'invalid'],
  ['SELECT $$ FROM ks.t', none, 'invalid: unterminated $$ string', 'superuser', 'invalid'],
]);
