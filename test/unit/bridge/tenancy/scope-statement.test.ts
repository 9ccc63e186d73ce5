import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../../../services/bridge/src/cql/classify-statement.js';
import { scopeStatement } from '../../../../services/bridge/src/tenancy/scope-statement.js';
import { TenantKeyspaces } from '../../../../services/bridge/src/tenancy/tenant-keyspaces.js';

const acme = new TenantKeyspaces('acme');
const scope = (cql: string) => scopeStatement(cql, classifyStatement(cql), acme);

describe('scopeStatement: the keyspaces a tenant names become its stored ones', () => {
  it.each([
    ['SELECT * FROM ks.t WHERE k = ?', 'SELECT * FROM "acme_ks".t WHERE k = ?'],
    ['select addr.city from KS.t', 'select addr.city from "acme_ks".t'],
    ['INSERT INTO "Ks"."T" (k, v) VALUES (?, ?)', 'INSERT INTO "acme_Ks"."T" (k, v) VALUES (?, ?)'],
    ['UPDATE ks.t SET addr.city = ? WHERE k = 1', 'UPDATE "acme_ks".t SET addr.city = ? WHERE k = 1'],
    ['DELETE FROM ks.t WHERE k = 1 IF EXISTS', 'DELETE FROM "acme_ks".t WHERE k = 1 IF EXISTS'],
    ['TRUNCATE TABLE ks.t', 'TRUNCATE TABLE "acme_ks".t'],
    [
      "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
      `CREATE KEYSPACE IF NOT EXISTS "acme_ks" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    ],
    ['DROP KEYSPACE ks', 'DROP KEYSPACE "acme_ks"'],
    [
      'CREATE TABLE IF NOT EXISTS ks.t (k int PRIMARY KEY)',
      'CREATE TABLE IF NOT EXISTS "acme_ks".t (k int PRIMARY KEY)',
    ],
    ['CREATE INDEX i ON ks.t (v)', 'CREATE INDEX i ON "acme_ks".t (v)'],
    ['DROP INDEX ks.i', 'DROP INDEX "acme_ks".i'],
    ['CREATE TYPE ks.address (city text)', 'CREATE TYPE "acme_ks".address (city text)'],
    ['SELECT ks.f(v), system.now() FROM ks.t', 'SELECT "acme_ks".f(v), system.now() FROM "acme_ks".t'],
    [
      'BEGIN BATCH INSERT INTO ks.a (k) VALUES (1); UPDATE ks.b SET v = 1 WHERE k = 1; APPLY BATCH',
      'BEGIN BATCH INSERT INTO "acme_ks".a (k) VALUES (1); UPDATE "acme_ks".b SET v = 1 WHERE k = 1; APPLY BATCH',
    ],
    // A name in a string literal or a comment is not a name.
    [
      "INSERT INTO t (k, v) VALUES (1, 'FROM ks.t') -- FROM ks.t",
      "INSERT INTO t (k, v) VALUES (1, 'FROM ks.t') -- FROM ks.t",
    ],
    ['SELECT release_version FROM system.local', 'SELECT release_version FROM system.local'],
  ])('%s', (cql, expected) => {
    expect(scope(cql).cql).toBe(expected);
  });

  it('reads system_schema as a listing, decorating keyspace_name restrictions', () => {
    const listing = scope("SELECT * FROM system_schema.tables WHERE keyspace_name = 'ks'");
    expect(listing).toMatchObject({
      cql: "SELECT * FROM system_schema.tables WHERE keyspace_name = 'acme_ks'",
      schemaListing: true,
      restricted: true,
    });
    expect(
      scope('SELECT * FROM system_schema.indexes WHERE table_name = ? AND keyspace_name = ?'),
    ).toMatchObject({ keyspaceMarkers: [1], restricted: true });
    expect(scope('SELECT keyspace_name FROM system_schema.keyspaces')).toMatchObject({
      schemaListing: true,
      restricted: false,
    });
  });

  it.each([
    ['SELECT * FROM system_auth.roles'],
    ['SELECT * FROM system.size_estimates'],
    ['INSERT INTO system_schema.keyspaces (keyspace_name) VALUES (?)'],
    ['SELECT * FROM data_endpoint_auth.token'],
    ['DROP KEYSPACE system_traces'],
    ['GRANT SELECT ON KEYSPACE ks TO someone'],
    ['LIST ROLES'],
  ])('refuses %s', (cql) => {
    expect(() => scope(cql)).toThrow(expect.objectContaining({ code: 7 })); // PERMISSION_DENIED
  });

  it('refuses a keyspace name that would pass 48 characters once prefixed, with a clear message', () => {
    const name = 'k'.repeat(44);
    expect(() => scope(`CREATE KEYSPACE ${name} WITH replication = {}`)).toThrow(
      /at most 43 characters.*prefix 'acme_'/,
    );
  });
});

describe('TenantKeyspaces', () => {
  it('undecorates only its own stored names', () => {
    expect(acme.undecorate('acme_ks')).toBe('ks');
    expect(acme.undecorate('acme2_ks')).toBeUndefined();
    expect(acme.undecorate('ks')).toBeUndefined();
    expect(acme.undecorateMessage("Keyspace 'acme_ks' does not exist")).toBe("Keyspace 'ks' does not exist");
  });
});
