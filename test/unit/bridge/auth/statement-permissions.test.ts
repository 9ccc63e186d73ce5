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

/** cql, QueryParameters.keyspace, what it needs, the grant set of the role, the verdict */
type Row = [cql: string, keyspace: string | undefined, needs: string, grants: GrantSet, verdict: Verdict];
type Verdict = 'allowed' | 'denied' | 'invalid';
const none = undefined;

const NO_KEYSPACE = 'invalid: No keyspace specified: qualify the table or set QueryParameters.keyspace';
const NO_KEYSPACE_DDL = 'invalid: No keyspace specified: qualify the name or set QueryParameters.keyspace';
const UNCLASSIFIED = 'superuser (a statement the gateway cannot classify)';
const ROLES = 'superuser (role and permission management)';

function runTable(title: string, rows: Row[]): void {
  describe(title, () => {
    const cases = rows.map((row) => {
      const [cql, keyspace, needs, grants, verdict] = row;
      const where = keyspace === undefined ? '' : ` [keyspace ${keyspace}]`;
      return [`${JSON.stringify(cql)}${where} needs ${needs}; with ${grants}: ${verdict}`, row] as const;
    });
    it.each(cases)('%s', async (_title, [cql, keyspace, expectedNeeds, grants, expectedVerdict]) => {
      expect(needs(cql, keyspace)).toBe(expectedNeeds);
      expect(await verdict(cql, keyspace, grants)).toBe(expectedVerdict);
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
  ['SELECT token(k), writetime(v), TTL(v), toJson(v), blobAsText(b), CAST(v AS text), count(*), max(v) FROM ks.t', none, 'SELECT on data/ks/t', 'SELECT on ks', 'allowed'],
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
  ['SELECT * FROM roles', 'system_auth', 'superuser (access to system_auth)', 'all on all keyspaces', 'denied'],
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
  ['SELECT * FROM "token"', 'data_endpoint_auth', 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['SELECT * FROM /* ks.t */ data_endpoint_auth . "token" -- ks.t', none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  [`INSERT INTO data_endpoint_auth."token" (auth_token, username) VALUES (uuid(), 'cassandra')`, none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['DELETE FROM data_endpoint_auth."token" WHERE auth_token = ?', none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['TRUNCATE data_endpoint_auth."token"', none, 'superuser (access to data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['DROP KEYSPACE data_endpoint_auth', none, 'superuser (schema changes in data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  ['ALTER TABLE "token" ADD x text', 'data_endpoint_auth', 'superuser (schema changes in data_endpoint_auth)', 'all on all keyspaces', 'denied'],
  // a quoted name keeps its case: this is another (non-existent) keyspace
  ['SELECT * FROM "Data_Endpoint_Auth"."token"', none, 'SELECT on data/Data_Endpoint_Auth/token', 'all on ks', 'denied'],
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
