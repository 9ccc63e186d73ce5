// services/common/src/cql/ddl.ts and cql-type.ts (written for the REST schema routes): names are
// quoted, type definitions re-rendered or refused, option values escaped.
import { describe, expect, it } from 'vitest';
import { cqlTypeText, normalizeTypeDefinition } from '../../../services/common/src/cql/cql-type.js';
import {
  buildAlterTypeRenameFields,
  buildCreateIndex,
  buildCreateKeyspace,
  buildCreateTable,
  buildDropIndex,
} from '../../../services/common/src/cql/ddl.js';
import { ApiError } from '../../../services/common/src/errors/api-error.js';

describe('type definitions', () => {
  it('normalizes valid definitions', () => {
    expect(normalizeTypeDefinition('MAP< text ,frozen<LIST<int>> >')).toBe('map<text, frozen<list<int>>>');
    expect(normalizeTypeDefinition('varchar')).toBe('text');
    expect(normalizeTypeDefinition('vector<float, 3>')).toBe('vector<float, 3>');
    expect(normalizeTypeDefinition('tuple<int, text, boolean>')).toBe('tuple<int, text, boolean>');
    expect(normalizeTypeDefinition('frozen<Address>')).toBe('frozen<address>');
    expect(normalizeTypeDefinition('"My Type"')).toBe('"My Type"');
  });

  it('refuses anything that is not exactly one type', () => {
    for (const bad of [
      'int) WITH x',
      'int; DROP TABLE t',
      "'org.Custom'",
      'map<int>',
      'list',
      'vector<float>',
      'int<text>',
      '',
    ]) {
      expect(() => normalizeTypeDefinition(bad), bad).toThrow(ApiError);
    }
    expect(() => normalizeTypeDefinition('int, b text')).toThrow(
      "Invalid type definition 'int, b text': unexpected ', b text' after the type",
    );
  });

  it('writes TypeSpecs as CQL', () => {
    expect(
      cqlTypeText({ map: { key: { basic: 13 }, value: { list: { element: { basic: 9 }, frozen: true } } } }),
    ).toBe('map<text, frozen<list<int>>>');
    expect(cqlTypeText({ udt: { name: 'address', frozen: true } })).toBe('frozen<address>');
    expect(cqlTypeText({ vector: { element: { basic: 8 }, size: 4 } })).toBe('vector<float, 4>');
  });
});

describe('schema statements', () => {
  it('quotes names and escapes string options', () => {
    expect(
      buildCreateKeyspace({
        keyspace: 'ks',
        replication: { strategy: 'NetworkTopologyStrategy', datacenters: { "dc'1": 3 } },
        ifNotExists: true,
      }).cql,
    ).toBe(
      `CREATE KEYSPACE IF NOT EXISTS "ks" WITH replication = {'class': 'NetworkTopologyStrategy', 'dc''1': 3}`,
    );
    expect(
      buildCreateTable({
        keyspace: 'ks',
        table: 't',
        columns: [
          { name: 'id', type: 'int' },
          { name: 'ts', type: 'timestamp' },
          { name: 'Odd "name"', type: 'text', isStatic: true },
        ],
        partitionKey: ['id'],
        clusteringKey: ['ts'],
        clusteringOrder: [{ column: 'ts', order: 'DESC' }],
        defaultTimeToLiveSeconds: 60,
      }).cql,
    ).toBe(
      'CREATE TABLE "ks"."t" ("id" int, "ts" timestamp, "Odd ""name""" text STATIC, PRIMARY KEY (("id"), "ts")) WITH CLUSTERING ORDER BY ("ts" DESC) AND default_time_to_live = 60',
    );
  });

  it('builds SAI and collection indexes', () => {
    expect(
      buildCreateIndex({
        keyspace: 'ks',
        table: 't',
        column: 'tags',
        name: 'tags_idx',
        kind: 'VALUES',
        customClass: 'StorageAttachedIndex',
        options: { case_sensitive: "fal'se" },
      }).cql,
    ).toBe(
      `CREATE CUSTOM INDEX "tags_idx" ON "ks"."t" (VALUES("tags")) USING 'StorageAttachedIndex' WITH OPTIONS = {'case_sensitive': 'fal''se'}`,
    );
    expect(buildDropIndex({ keyspace: 'ks', index: 'i', ifExists: true }).cql).toBe(
      'DROP INDEX IF EXISTS "ks"."i"',
    );
    expect(
      buildAlterTypeRenameFields({
        keyspace: 'ks',
        name: 'a',
        renames: [
          { from: 'x', to: 'y' },
          { from: 'p', to: 'q' },
        ],
      }).cql,
    ).toBe('ALTER TYPE "ks"."a" RENAME "x" TO "y" AND "p" TO "q"');
  });
});
