// The bridge's security core in memory: for each statement, what it requires (permission and
// resource, or superuser rights) and whether a role holding a given set of grants may run it.
// "needs" lists the requirements, most specific resource first; the verdict comes from
// StatementAuthorizer over a role whose grants are those of the named set.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type {
  EffectivePermissions,
  RolePermissions,
} from '../../../../services/bridge/src/auth/role-permissions.js';
import { StatementAuthorizer } from '../../../../services/bridge/src/auth/statement-authorizer.js';
import {
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
  superuser: 'superuser',
} as const;
type GrantSet = keyof typeof GRANTS;

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
      return `EXECUTE on ${r.keyspace}.${r.name}`;
  }
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
    await new StatementAuthorizer(roles).authorize({ token: 't', role: 'r' }, statement, keyspace);
    return 'allowed';
  } catch (err) {
    if (err instanceof CqlLexError) return 'invalid';
    if (err instanceof BridgeError && err.code === GrpcStatus.PERMISSION_DENIED) return 'denied';
    if (err instanceof BridgeError && err.code === GrpcStatus.INVALID_ARGUMENT) return 'invalid';
    throw err;
  }
}

interface Row {
  cql: string;
  /** QueryParameters.keyspace */
  ks?: string;
  needs: string;
  grants: GrantSet;
  verdict: 'allowed' | 'denied' | 'invalid';
}

const NO_KEYSPACE = 'invalid: No keyspace specified: qualify the table or set QueryParameters.keyspace';
const NO_KEYSPACE_DDL = 'invalid: No keyspace specified: qualify the name or set QueryParameters.keyspace';
const UNCLASSIFIED = 'superuser (a statement the gateway cannot classify)';
const ROLES = 'superuser (role and permission management)';

function runTable(title: string, rows: Row[]): void {
  describe(title, () => {
    const cases = rows.map((row) => {
      const where = row.ks === undefined ? '' : ` [keyspace ${row.ks}]`;
      return [
        `${JSON.stringify(row.cql)}${where} needs ${row.needs}; with ${row.grants}: ${row.verdict}`,
        row,
      ] as const;
    });
    it.each(cases)('%s', async (_title, row) => {
      expect(needs(row.cql, row.ks)).toBe(row.needs);
      expect(await verdict(row.cql, row.ks, row.grants)).toBe(row.verdict);
    });
  });
}

runTable('reads and writes', [
  { cql: 'SELECT * FROM ks.t', needs: 'SELECT on data/ks/t', grants: 'SELECT on ks', verdict: 'allowed' },
  { cql: 'SELECT * FROM ks.t', needs: 'SELECT on data/ks/t', grants: 'SELECT on ks.t', verdict: 'allowed' },
  { cql: 'SELECT * FROM ks.t', needs: 'SELECT on data/ks/t', grants: 'MODIFY on ks', verdict: 'denied' },
  { cql: 'SELECT * FROM ks.u', needs: 'SELECT on data/ks/u', grants: 'SELECT on ks.t', verdict: 'denied' },
  {
    cql: 'SELECT * FROM t',
    ks: 'ks',
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  { cql: 'SELECT * FROM t', ks: 'ks', needs: 'SELECT on data/ks/t', grants: 'no grants', verdict: 'denied' },
  {
    cql: 'SELECT * FROM other.t',
    ks: 'ks',
    needs: 'SELECT on data/other/t',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  { cql: 'SELECT * FROM t', needs: NO_KEYSPACE, grants: 'superuser', verdict: 'invalid' },
  {
    cql: 'SELECT JSON k, v FROM ks.t',
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  {
    cql: "SELECT * FROM ks.t WHERE v = 'FROM other.t'",
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT * FROM ks.t WHERE v = $$ FROM other.t $$',
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  {
    cql: "INSERT INTO ks.t (k, v) VALUES (1, 'x')",
    needs: 'MODIFY on data/ks/t',
    grants: 'MODIFY on ks',
    verdict: 'allowed',
  },
  {
    cql: "INSERT INTO ks.t (k, v) VALUES (1, 'x')",
    needs: 'MODIFY on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  {
    cql: 'INSERT INTO ks.t JSON $${"k": 1}$$',
    needs: 'MODIFY on data/ks/t',
    grants: 'MODIFY on ks',
    verdict: 'allowed',
  },
  {
    cql: 'UPDATE ks.t USING TTL 5 SET v = 1 WHERE k = 1',
    needs: 'MODIFY on data/ks/t',
    grants: 'MODIFY on ks',
    verdict: 'allowed',
  },
  {
    cql: 'UPDATE ks.t SET v = 1 WHERE k = 1 IF v = 0',
    needs: 'MODIFY on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  {
    cql: 'DELETE FROM ks.t WHERE k = 1',
    needs: 'MODIFY on data/ks/t',
    grants: 'MODIFY on ks',
    verdict: 'allowed',
  },
  {
    cql: "DELETE m['from'] FROM t WHERE k = 1",
    ks: 'ks',
    needs: 'MODIFY on data/ks/t',
    grants: 'MODIFY on ks',
    verdict: 'allowed',
  },
  { cql: 'TRUNCATE ks.t', needs: 'MODIFY on data/ks/t', grants: 'MODIFY on ks', verdict: 'allowed' },
  { cql: 'TRUNCATE TABLE ks.t', needs: 'MODIFY on data/ks/t', grants: 'SELECT on ks', verdict: 'denied' },
]);

runTable('comments, quoting and case', [
  {
    cql: '-- other.t\nSELECT * FROM ks.t',
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT * FROM ks.t // other.t',
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT * FROM /* ks.t */ other.t',
    needs: 'SELECT on data/other/t',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM other/* */./* */t',
    needs: 'SELECT on data/other/t',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  // Cassandra ends -- and // comments at \r as well: what follows is the table it reads
  {
    cql: 'SELECT * FROM --\rother.t /*\n ks.t */',
    needs: 'SELECT on data/other/t',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM //\rother.t /*\n ks.t */',
    needs: 'SELECT on data/other/t',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  { cql: 'SeLeCt * FrOm KS.T', needs: 'SELECT on data/ks/t', grants: 'SELECT on ks.t', verdict: 'allowed' },
  {
    cql: 'SELECT * FROM "ks"."t"',
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks.t',
    verdict: 'allowed',
  },
  { cql: 'SELECT * FROM "KS"."T"', needs: 'SELECT on data/KS/T', grants: 'SELECT on ks', verdict: 'denied' },
  {
    cql: 'SELECT * FROM "My Table"',
    ks: 'ks',
    needs: 'SELECT on data/ks/My Table',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT "from" FROM other.t',
    needs: 'SELECT on data/other/t',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
]);

runTable('batches', [
  {
    cql: 'BEGIN BATCH INSERT INTO ks.t (k) VALUES (1); UPDATE other.t SET v = 1 WHERE k = 1; APPLY BATCH',
    needs: 'MODIFY on data/ks/t + MODIFY on data/other/t',
    grants: 'MODIFY on ks',
    verdict: 'denied',
  },
  {
    cql: 'BEGIN BATCH INSERT INTO ks.t (k) VALUES (1); UPDATE other.t SET v = 1 WHERE k = 1; APPLY BATCH',
    needs: 'MODIFY on data/ks/t + MODIFY on data/other/t',
    grants: 'MODIFY on ks, other',
    verdict: 'allowed',
  },
  {
    cql: 'begin unlogged batch insert into t (k) values (1) delete from other.t where k = 1 apply batch',
    ks: 'ks',
    needs: 'MODIFY on data/ks/t + MODIFY on data/other/t',
    grants: 'MODIFY on ks',
    verdict: 'denied',
  },
  {
    cql: 'BEGIN COUNTER BATCH UPDATE ks.c SET n = n + 1 WHERE k = 1 APPLY BATCH',
    needs: 'MODIFY on data/ks/c',
    grants: 'MODIFY on ks',
    verdict: 'allowed',
  },
  {
    cql: 'BEGIN BATCH USING TIMESTAMP 1 INSERT INTO ks.t (k, m) VALUES (1, {1: 2}) INSERT INTO data_endpoint_auth."token" (auth_token) VALUES (uuid()) APPLY BATCH',
    needs: 'MODIFY on data/ks/t + superuser (access to data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'BEGIN BATCH INSERT INTO ks.t (k) VALUES (1) /* APPLY BATCH */ UPDATE system_auth.roles SET is_superuser = true WHERE role = $$r$$ APPLY BATCH',
    needs: 'MODIFY on data/ks/t + superuser (access to system_auth)',
    grants: 'all on ks',
    verdict: 'denied',
  },
  {
    cql: 'BEGIN TRANSACTION SELECT * FROM system_auth.roles; COMMIT TRANSACTION',
    needs: UNCLASSIFIED,
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
]);

runTable('USE', [
  { cql: 'USE ks', needs: UNCLASSIFIED, grants: 'all on ks', verdict: 'denied' },
  { cql: 'use "KS"', needs: UNCLASSIFIED, grants: 'superuser', verdict: 'allowed' },
]);

runTable('functions and aggregates', [
  {
    cql: 'SELECT token(k), writetime(v), TTL(v), toJson(v), blobAsText(b), CAST(v AS text), count(*), max(v) FROM ks.t',
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT system.now() FROM ks.t',
    needs: 'SELECT on data/ks/t',
    grants: 'SELECT on ks',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT ks.f(v) FROM ks.t',
    needs: 'SELECT on data/ks/t + EXECUTE on ks.f',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  {
    cql: 'SELECT ks.f(v) FROM ks.t',
    needs: 'SELECT on data/ks/t + EXECUTE on ks.f',
    grants: 'SELECT on ks, EXECUTE on ks.f',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT ks.g(v) FROM ks.t',
    needs: 'SELECT on data/ks/t + EXECUTE on ks.g',
    grants: 'SELECT on ks, EXECUTE on ks.f',
    verdict: 'denied',
  },
  {
    cql: 'SELECT ks.g(v) FROM ks.t',
    needs: 'SELECT on data/ks/t + EXECUTE on ks.g',
    grants: 'SELECT on ks, EXECUTE in ks',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT f(v) FROM t',
    ks: 'ks',
    needs: 'SELECT on data/ks/t + EXECUTE on ks.f',
    grants: 'SELECT on ks, EXECUTE on ks.f',
    verdict: 'allowed',
  },
  // an unqualified name is looked up in the table's keyspace, whatever the session's keyspace is
  {
    cql: 'SELECT f(v) FROM ks.t',
    needs: 'SELECT on data/ks/t + EXECUTE on ks.f',
    grants: 'SELECT on ks, EXECUTE on ks.f',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT f(v) FROM other.t',
    ks: 'ks',
    needs: 'SELECT on data/other/t + EXECUTE on other.f',
    grants: 'SELECT on ks, other; EXECUTE on ks.f',
    verdict: 'denied',
  },
  {
    cql: 'SELECT "F"(v) FROM ks.t',
    needs: 'SELECT on data/ks/t + EXECUTE on ks.F',
    grants: 'SELECT on ks, EXECUTE on ks.f',
    verdict: 'denied',
  },
  {
    cql: 'SELECT ks.agg(v) FROM ks.t',
    needs: 'SELECT on data/ks/t + EXECUTE on ks.agg',
    grants: 'SELECT on ks, EXECUTE in ks',
    verdict: 'allowed',
  },
  {
    cql: 'INSERT INTO ks.t (k, v) VALUES (1, ks.f(2))',
    needs: 'MODIFY on data/ks/t + EXECUTE on ks.f',
    grants: 'MODIFY on ks',
    verdict: 'denied',
  },
  {
    cql: 'UPDATE ks.t SET v = 1 WHERE k = other.f(1)',
    needs: 'MODIFY on data/ks/t + EXECUTE on other.f',
    grants: 'all on ks',
    verdict: 'denied',
  },
  {
    cql: 'CREATE FUNCTION ks.f (a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$',
    needs: 'CREATE on functions/ks',
    grants: 'CREATE on functions in ks',
    verdict: 'allowed',
  },
  // replacing an existing function needs ALTER on it in Cassandra
  {
    cql: 'CREATE OR REPLACE FUNCTION ks.f (a int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$',
    needs: 'CREATE on functions/ks + ALTER on functions/ks',
    grants: 'CREATE on functions in ks',
    verdict: 'denied',
  },
  {
    cql: 'CREATE OR REPLACE FUNCTION ks.f (a int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$',
    needs: 'CREATE on functions/ks + ALTER on functions/ks',
    grants: 'CREATE, ALTER on functions in ks',
    verdict: 'allowed',
  },
  {
    cql: 'DROP FUNCTION ks.f',
    needs: 'DROP on functions/ks',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'DROP FUNCTION IF EXISTS f',
    ks: 'ks',
    needs: 'DROP on functions/ks',
    grants: 'all on all keyspaces and functions',
    verdict: 'allowed',
  },
  // an aggregate runs its state and final functions: creating one needs EXECUTE on them
  {
    cql: 'CREATE AGGREGATE ks.a (int) SFUNC acc STYPE int FINALFUNC fin INITCOND 0',
    needs: 'CREATE on functions/ks + EXECUTE on ks.acc + EXECUTE on ks.fin',
    grants: 'CREATE on functions in ks',
    verdict: 'denied',
  },
  {
    cql: 'CREATE AGGREGATE ks.a (int) SFUNC acc STYPE int FINALFUNC fin INITCOND 0',
    needs: 'CREATE on functions/ks + EXECUTE on ks.acc + EXECUTE on ks.fin',
    grants: 'CREATE, EXECUTE on functions in ks',
    verdict: 'allowed',
  },
  {
    cql: 'CREATE OR REPLACE AGGREGATE a (int) SFUNC "Acc" STYPE int',
    ks: 'ks',
    needs: 'CREATE on functions/ks + ALTER on functions/ks + EXECUTE on ks.Acc',
    grants: 'CREATE, EXECUTE on functions in ks',
    verdict: 'denied',
  },
  {
    cql: 'DROP AGGREGATE ks.a',
    needs: 'DROP on functions/ks',
    grants: 'CREATE on functions in ks',
    verdict: 'denied',
  },
]);

runTable('schema changes of every kind', [
  {
    cql: "CREATE KEYSPACE k2 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
    needs: 'CREATE on data',
    grants: 'all on ks',
    verdict: 'denied',
  },
  {
    cql: "CREATE KEYSPACE IF NOT EXISTS k2 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
    needs: 'CREATE on data',
    grants: 'all on all keyspaces',
    verdict: 'allowed',
  },
  {
    cql: 'ALTER KEYSPACE ks WITH durable_writes = true',
    needs: 'ALTER on data/ks',
    grants: 'all on ks',
    verdict: 'allowed',
  },
  {
    cql: 'ALTER KEYSPACE other WITH durable_writes = true',
    needs: 'ALTER on data/other',
    grants: 'all on ks',
    verdict: 'denied',
  },
  { cql: 'DROP KEYSPACE ks', needs: 'DROP on data/ks', grants: 'all on ks', verdict: 'allowed' },
  { cql: 'DROP KEYSPACE ks', needs: 'DROP on data/ks', grants: 'SELECT on ks', verdict: 'denied' },
  {
    cql: 'CREATE TABLE ks.t2 (k int PRIMARY KEY)',
    needs: 'CREATE on data/ks',
    grants: 'all on ks',
    verdict: 'allowed',
  },
  {
    cql: 'CREATE TABLE t2 (k int PRIMARY KEY)',
    ks: 'other',
    needs: 'CREATE on data/other',
    grants: 'all on ks',
    verdict: 'denied',
  },
  {
    cql: 'CREATE TABLE t2 (k int PRIMARY KEY)',
    needs: NO_KEYSPACE_DDL,
    grants: 'superuser',
    verdict: 'invalid',
  },
  {
    cql: 'ALTER TABLE ks.t ADD w text',
    needs: 'ALTER on data/ks/t',
    grants: 'all on ks',
    verdict: 'allowed',
  },
  {
    cql: 'ALTER TABLE ks.t ADD w text',
    needs: 'ALTER on data/ks/t',
    grants: 'SELECT on ks.t',
    verdict: 'denied',
  },
  { cql: 'DROP TABLE IF EXISTS ks.t', needs: 'DROP on data/ks/t', grants: 'all on ks', verdict: 'allowed' },
  {
    cql: 'CREATE TYPE ks.address (street text)',
    needs: 'CREATE on data/ks',
    grants: 'all on ks',
    verdict: 'allowed',
  },
  {
    cql: 'ALTER TYPE ks.address ADD zip text',
    needs: 'ALTER on data/ks',
    grants: 'MODIFY on ks',
    verdict: 'denied',
  },
  { cql: 'DROP TYPE ks.address', needs: 'DROP on data/ks', grants: 'all on ks', verdict: 'allowed' },
  {
    cql: 'CREATE INDEX idx ON ks.t (v)',
    needs: 'ALTER on data/ks/t',
    grants: 'all on ks',
    verdict: 'allowed',
  },
  {
    cql: "CREATE CUSTOM INDEX IF NOT EXISTS ON other.t (v) USING 'StorageAttachedIndex'",
    needs: 'ALTER on data/other/t',
    grants: 'all on ks',
    verdict: 'denied',
  },
  { cql: 'DROP INDEX ks.idx', needs: 'ALTER on data/ks', grants: 'all on ks', verdict: 'allowed' },
  {
    cql: 'CREATE MATERIALIZED VIEW ks.v AS SELECT * FROM ks.t WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)',
    needs: 'ALTER on data/ks',
    grants: 'all on ks',
    verdict: 'allowed',
  },
  {
    cql: 'ALTER MATERIALIZED VIEW ks.v WITH comment = $$x$$',
    needs: 'ALTER on data/ks',
    grants: 'SELECT on ks',
    verdict: 'denied',
  },
  { cql: 'DROP MATERIALIZED VIEW ks.v', needs: 'ALTER on data/ks', grants: 'all on ks', verdict: 'allowed' },
  {
    cql: "CREATE TRIGGER tr ON ks.t USING 'org.example.Trigger'",
    needs: 'superuser (triggers)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  { cql: 'DROP TRIGGER tr ON ks.t', needs: 'superuser (triggers)', grants: 'superuser', verdict: 'allowed' },
]);

runTable('roles, users and permissions', [
  {
    cql: "CREATE ROLE r2 WITH PASSWORD = 'p' AND LOGIN = true",
    needs: ROLES,
    grants: 'all on all keyspaces and functions',
    verdict: 'denied',
  },
  { cql: "CREATE ROLE r2 WITH PASSWORD = 'p'", needs: ROLES, grants: 'superuser', verdict: 'allowed' },
  {
    cql: 'ALTER ROLE r WITH SUPERUSER = true',
    needs: ROLES,
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  { cql: 'DROP ROLE IF EXISTS r2', needs: ROLES, grants: 'all on all keyspaces', verdict: 'denied' },
  {
    cql: "CREATE USER u WITH PASSWORD 'p' SUPERUSER",
    needs: ROLES,
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  { cql: "ALTER USER u WITH PASSWORD 'p'", needs: ROLES, grants: 'all on ks', verdict: 'denied' },
  { cql: 'DROP USER u', needs: ROLES, grants: 'all on ks', verdict: 'denied' },
  { cql: 'GRANT SELECT ON KEYSPACE ks TO r', needs: ROLES, grants: 'all on ks', verdict: 'denied' },
  { cql: 'GRANT cassandra TO r', needs: ROLES, grants: 'all on all keyspaces', verdict: 'denied' },
  {
    cql: 'REVOKE MODIFY ON ALL KEYSPACES FROM r',
    needs: ROLES,
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  { cql: 'LIST ALL PERMISSIONS OF r', needs: ROLES, grants: 'all on all keyspaces', verdict: 'denied' },
  { cql: 'LIST ROLES', needs: ROLES, grants: 'superuser', verdict: 'allowed' },
  { cql: 'list users', needs: ROLES, grants: 'SELECT on ks', verdict: 'denied' },
  {
    cql: "ADD IDENTITY 'spiffe://x' TO ROLE r",
    needs: UNCLASSIFIED,
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
]);

runTable('system keyspaces and the gateway’s own keyspace', [
  { cql: 'SELECT * FROM system.local', needs: 'nothing', grants: 'no grants', verdict: 'allowed' },
  {
    cql: 'SELECT peer, rpc_address FROM system.peers',
    needs: 'nothing',
    grants: 'no grants',
    verdict: 'allowed',
  },
  { cql: 'SELECT * FROM system.peers_v2', needs: 'nothing', grants: 'no grants', verdict: 'allowed' },
  { cql: 'SELECT * FROM system_schema.tables', needs: 'nothing', grants: 'no grants', verdict: 'allowed' },
  { cql: 'SELECT * FROM SYSTEM_SCHEMA.Keyspaces', needs: 'nothing', grants: 'no grants', verdict: 'allowed' },
  {
    cql: 'SELECT * FROM columns',
    ks: 'system_schema',
    needs: 'nothing',
    grants: 'no grants',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT * FROM system.paxos',
    needs: 'SELECT on data/system/paxos',
    grants: 'no grants',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM system.paxos',
    needs: 'SELECT on data/system/paxos',
    grants: 'all on all keyspaces',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT * FROM system_distributed.repair_history',
    needs: 'SELECT on data/system_distributed/repair_history',
    grants: 'all on ks',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM system_traces.sessions',
    needs: 'SELECT on data/system_traces/sessions',
    grants: 'all on ks',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM system_views.settings',
    needs: 'SELECT on data/system_views/settings',
    grants: 'no grants',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM system_virtual_schema.tables',
    needs: 'SELECT on data/system_virtual_schema/tables',
    grants: 'all on all keyspaces',
    verdict: 'allowed',
  },
  {
    cql: 'SELECT * FROM system_auth.roles',
    needs: 'superuser (access to system_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM "system_auth"."roles"',
    needs: 'superuser (access to system_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'select salted_hash from SYSTEM_AUTH.ROLES',
    needs: 'superuser (access to system_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM roles',
    ks: 'system_auth',
    needs: 'superuser (access to system_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM system_auth.roles',
    needs: 'superuser (access to system_auth)',
    grants: 'superuser',
    verdict: 'allowed',
  },
  // a comment that Cassandra ends at \r must not pass system_auth off as system.local
  {
    cql: 'SELECT * FROM --\rsystem_auth.roles /*\n system.local */',
    needs: 'superuser (access to system_auth)',
    grants: 'no grants',
    verdict: 'denied',
  },
  {
    cql: "UPDATE system_views.settings SET value = 'x' WHERE name = 'y'",
    needs: 'superuser (writes to system_views)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'INSERT INTO system.local (key) VALUES (1)',
    needs: 'superuser (writes to system)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'DELETE FROM system_schema.tables WHERE keyspace_name = 1',
    needs: 'superuser (writes to system_schema)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'TRUNCATE system_traces.events',
    needs: 'superuser (writes to system_traces)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'UPDATE system_auth.roles SET is_superuser = true WHERE role = $$r$$',
    needs: 'superuser (access to system_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'CREATE TABLE system.t (k int PRIMARY KEY)',
    needs: 'superuser (schema changes in system)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'ALTER TABLE system_auth.roles ADD x text',
    needs: 'superuser (schema changes in system_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'DROP KEYSPACE system_distributed',
    needs: 'superuser (schema changes in system_distributed)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'ALTER KEYSPACE System_Traces WITH durable_writes = false',
    needs: 'superuser (schema changes in system_traces)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'CREATE INDEX ON system_schema.tables (comment)',
    needs: 'superuser (schema changes in system_schema)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'CREATE TYPE system_views.t (a int)',
    needs: 'superuser (schema changes in system_views)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'DROP TABLE system_virtual_schema.tables',
    needs: 'superuser (schema changes in system_virtual_schema)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'CREATE FUNCTION system.f (a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return a; $$',
    needs: 'superuser (schema changes in system)',
    grants: 'all on all keyspaces and functions',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM data_endpoint_auth."token"',
    needs: 'superuser (access to data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM Data_Endpoint_Auth."token"',
    needs: 'superuser (access to data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM "token"',
    ks: 'data_endpoint_auth',
    needs: 'superuser (access to data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM /* ks.t */ data_endpoint_auth . "token" -- ks.t',
    needs: 'superuser (access to data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'INSERT INTO data_endpoint_auth."token" (auth_token, username) VALUES (uuid(), \'cassandra\')',
    needs: 'superuser (access to data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'DELETE FROM data_endpoint_auth."token" WHERE auth_token = ?',
    needs: 'superuser (access to data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'TRUNCATE data_endpoint_auth."token"',
    needs: 'superuser (access to data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'DROP KEYSPACE data_endpoint_auth',
    needs: 'superuser (schema changes in data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'ALTER TABLE "token" ADD x text',
    ks: 'data_endpoint_auth',
    needs: 'superuser (schema changes in data_endpoint_auth)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  // a quoted name keeps its case: this is another (non-existent) keyspace
  {
    cql: 'SELECT * FROM "Data_Endpoint_Auth"."token"',
    needs: 'SELECT on data/Data_Endpoint_Auth/token',
    grants: 'all on ks',
    verdict: 'denied',
  },
]);

runTable('what the gateway cannot read', [
  { cql: '', needs: UNCLASSIFIED, grants: 'all on all keyspaces', verdict: 'denied' },
  { cql: 'SELEC * FROM ks.t', needs: UNCLASSIFIED, grants: 'all on all keyspaces', verdict: 'denied' },
  { cql: '; SELECT * FROM ks.t', needs: UNCLASSIFIED, grants: 'all on ks', verdict: 'denied' },
  { cql: 'DESCRIBE KEYSPACE ks', needs: UNCLASSIFIED, grants: 'all on ks', verdict: 'denied' },
  { cql: 'CREATE NONSENSE ks.t', needs: UNCLASSIFIED, grants: 'all on all keyspaces', verdict: 'denied' },
  {
    cql: 'SELECT now()',
    needs: 'superuser (a statement whose table cannot be determined)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: 'SELECT * FROM ks.',
    needs: 'superuser (a statement whose table cannot be determined)',
    grants: 'all on ks',
    verdict: 'denied',
  },
  {
    cql: 'INSERT INTO (k) VALUES (1)',
    needs: 'superuser (a statement whose table cannot be determined)',
    grants: 'all on all keyspaces',
    verdict: 'denied',
  },
  {
    cql: "SELECT * FROM ks.t WHERE v = 'never closed",
    needs: 'invalid: unterminated string literal',
    grants: 'superuser',
    verdict: 'invalid',
  },
  {
    cql: 'SELECT * FROM ks.t /* never closed',
    needs: 'invalid: unterminated comment',
    grants: 'superuser',
    verdict: 'invalid',
  },
  {
    cql: 'SELECT * FROM "ks.t',
    needs: 'invalid: unterminated quoted identifier',
    grants: 'superuser',
    verdict: 'invalid',
  },
  {
    cql: 'SELECT $$ FROM ks.t',
    needs: 'invalid: unterminated $$ string',
    grants: 'superuser',
    verdict: 'invalid',
  },
]);
