// Schema statements (CREATE / ALTER / DROP of keyspaces, tables, columns, indexes and types).
// Cassandra takes no bind markers in schema statements, so every name is validated and quoted,
// every type definition re-rendered by cql-type.ts, and every option value is a number checked
// by the caller or a string written as an escaped CQL literal.
import type { Value } from '../proto/generated/stargate/Value.js';
import { normalizeTypeDefinition } from './cql-type.js';
import { qualifiedName, quoteIdentifier } from './identifier.js';

export interface Statement {
  cql: string;
  values: Value[];
}

const statement = (cql: string): Statement => ({ cql, values: [] });

/** 'it''s' — the only way a string value enters a schema statement. */
function cqlStringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function wholeNumber(n: number, what: string): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer`);
  return String(n);
}

export type Replication =
  | { strategy: 'SimpleStrategy'; replicationFactor: number }
  | { strategy: 'NetworkTopologyStrategy'; datacenters: Record<string, number> };

export function buildCreateKeyspace(spec: {
  keyspace: string;
  replication: Replication;
  ifNotExists?: boolean;
}): Statement {
  const r = spec.replication;
  const entries =
    r.strategy === 'SimpleStrategy'
      ? [`'class': 'SimpleStrategy'`, `'replication_factor': ${wholeNumber(r.replicationFactor, 'replicas')}`]
      : [
          `'class': 'NetworkTopologyStrategy'`,
          ...Object.entries(r.datacenters).map(
            ([dc, n]) => `${cqlStringLiteral(dc)}: ${wholeNumber(n, 'replicas')}`,
          ),
        ];
  const ifNotExists = spec.ifNotExists ? ' IF NOT EXISTS' : '';
  return statement(
    `CREATE KEYSPACE${ifNotExists} ${quoteIdentifier(spec.keyspace)} WITH replication = {${entries.join(', ')}}`,
  );
}

export function buildDropKeyspace(spec: { keyspace: string; ifExists?: boolean }): Statement {
  return statement(`DROP KEYSPACE${spec.ifExists ? ' IF EXISTS' : ''} ${quoteIdentifier(spec.keyspace)}`);
}

export interface ColumnDefinitionSpec {
  name: string;
  /** A type definition as a user wrote it; normalized (or refused) here. */
  type: string;
  isStatic?: boolean;
}

export interface CreateTableSpec {
  keyspace: string;
  table: string;
  columns: readonly ColumnDefinitionSpec[];
  partitionKey: readonly string[];
  clusteringKey?: readonly string[];
  clusteringOrder?: ReadonlyArray<{ column: string; order: 'ASC' | 'DESC' }>;
  defaultTimeToLiveSeconds?: number;
  /** The table's comment (the Document API keeps a collection's JSON schema there). */
  comment?: string;
  ifNotExists?: boolean;
}

export function buildCreateTable(spec: CreateTableSpec): Statement {
  const columns = spec.columns.map(
    (c) => `${quoteIdentifier(c.name)} ${normalizeTypeDefinition(c.type)}${c.isStatic ? ' STATIC' : ''}`,
  );
  const partition = `(${spec.partitionKey.map(quoteIdentifier).join(', ')})`;
  const clustering = spec.clusteringKey ?? [];
  const key = clustering.length ? `${partition}, ${clustering.map(quoteIdentifier).join(', ')}` : partition;
  const options: string[] = [];
  if (spec.clusteringOrder?.length) {
    const orders = spec.clusteringOrder.map((o) => `${quoteIdentifier(o.column)} ${o.order}`);
    options.push(`CLUSTERING ORDER BY (${orders.join(', ')})`);
  }
  if (spec.defaultTimeToLiveSeconds !== undefined) {
    options.push(`default_time_to_live = ${wholeNumber(spec.defaultTimeToLiveSeconds, 'defaultTimeToLive')}`);
  }
  if (spec.comment !== undefined) options.push(`comment = ${cqlStringLiteral(spec.comment)}`);
  const ifNotExists = spec.ifNotExists ? ' IF NOT EXISTS' : '';
  let cql = `CREATE TABLE${ifNotExists} ${qualifiedName(spec.keyspace, spec.table)} (${columns.join(', ')}, PRIMARY KEY (${key}))`;
  if (options.length) cql += ` WITH ${options.join(' AND ')}`;
  return statement(cql);
}

export function buildAlterTableOptions(spec: {
  keyspace: string;
  table: string;
  defaultTimeToLiveSeconds: number;
}): Statement {
  const ttl = wholeNumber(spec.defaultTimeToLiveSeconds, 'defaultTimeToLive');
  return statement(
    `ALTER TABLE ${qualifiedName(spec.keyspace, spec.table)} WITH default_time_to_live = ${ttl}`,
  );
}

/** ALTER TABLE … WITH comment = '…' (the Document API keeps a collection's JSON schema there). */
export function buildAlterTableComment(spec: {
  keyspace: string;
  table: string;
  comment: string;
}): Statement {
  return statement(
    `ALTER TABLE ${qualifiedName(spec.keyspace, spec.table)} WITH comment = ${cqlStringLiteral(spec.comment)}`,
  );
}

export function buildAddColumn(spec: {
  keyspace: string;
  table: string;
  column: ColumnDefinitionSpec;
}): Statement {
  const c = spec.column;
  return statement(
    `ALTER TABLE ${qualifiedName(spec.keyspace, spec.table)} ADD ${quoteIdentifier(c.name)} ${normalizeTypeDefinition(c.type)}${c.isStatic ? ' STATIC' : ''}`,
  );
}

export function buildRenameColumn(spec: {
  keyspace: string;
  table: string;
  from: string;
  to: string;
}): Statement {
  return statement(
    `ALTER TABLE ${qualifiedName(spec.keyspace, spec.table)} RENAME ${quoteIdentifier(spec.from)} TO ${quoteIdentifier(spec.to)}`,
  );
}

export function buildDropColumn(spec: { keyspace: string; table: string; column: string }): Statement {
  return statement(
    `ALTER TABLE ${qualifiedName(spec.keyspace, spec.table)} DROP ${quoteIdentifier(spec.column)}`,
  );
}

/** ALTER TABLE … ADD (a int, b text): several columns in one schema change. */
export function buildAddColumns(spec: {
  keyspace: string;
  table: string;
  columns: readonly ColumnDefinitionSpec[];
}): Statement {
  const columns = spec.columns.map(
    (c) => `${quoteIdentifier(c.name)} ${normalizeTypeDefinition(c.type)}${c.isStatic ? ' STATIC' : ''}`,
  );
  return statement(`ALTER TABLE ${qualifiedName(spec.keyspace, spec.table)} ADD (${columns.join(', ')})`);
}

/** ALTER TABLE … DROP (a, b). */
export function buildDropColumns(spec: {
  keyspace: string;
  table: string;
  columns: readonly string[];
}): Statement {
  return statement(
    `ALTER TABLE ${qualifiedName(spec.keyspace, spec.table)} DROP (${spec.columns.map(quoteIdentifier).join(', ')})`,
  );
}

export function buildDropTable(spec: { keyspace: string; table: string; ifExists?: boolean }): Statement {
  return statement(
    `DROP TABLE${spec.ifExists ? ' IF EXISTS' : ''} ${qualifiedName(spec.keyspace, spec.table)}`,
  );
}

export type IndexKind = 'KEYS' | 'VALUES' | 'ENTRIES' | 'FULL';

export interface CreateIndexSpec {
  keyspace: string;
  table: string;
  column: string;
  /** Cassandra names the index when this is absent. */
  name?: string;
  /** Which part of a collection is indexed: KEYS(col), VALUES(col), ENTRIES(col), FULL(col). */
  kind?: IndexKind;
  /** A custom index class, e.g. 'StorageAttachedIndex'. */
  customClass?: string;
  options?: Record<string, string>;
  ifNotExists?: boolean;
}

export function buildCreateIndex(spec: CreateIndexSpec): Statement {
  const custom = spec.customClass ? ' CUSTOM' : '';
  const ifNotExists = spec.ifNotExists ? ' IF NOT EXISTS' : '';
  const name = spec.name ? ` ${quoteIdentifier(spec.name)}` : '';
  const target = spec.kind ? `${spec.kind}(${quoteIdentifier(spec.column)})` : quoteIdentifier(spec.column);
  let cql = `CREATE${custom} INDEX${ifNotExists}${name} ON ${qualifiedName(spec.keyspace, spec.table)} (${target})`;
  if (spec.customClass) cql += ` USING ${cqlStringLiteral(spec.customClass)}`;
  const options = Object.entries(spec.options ?? {});
  if (options.length) {
    cql += ` WITH OPTIONS = {${options.map(([k, v]) => `${cqlStringLiteral(k)}: ${cqlStringLiteral(v)}`).join(', ')}}`;
  }
  return statement(cql);
}

export function buildDropIndex(spec: { keyspace: string; index: string; ifExists?: boolean }): Statement {
  return statement(
    `DROP INDEX${spec.ifExists ? ' IF EXISTS' : ''} ${qualifiedName(spec.keyspace, spec.index)}`,
  );
}

export function buildCreateType(spec: {
  keyspace: string;
  name: string;
  fields: ReadonlyArray<{ name: string; type: string }>;
  ifNotExists?: boolean;
}): Statement {
  const fields = spec.fields.map((f) => `${quoteIdentifier(f.name)} ${normalizeTypeDefinition(f.type)}`);
  const ifNotExists = spec.ifNotExists ? ' IF NOT EXISTS' : '';
  return statement(
    `CREATE TYPE${ifNotExists} ${qualifiedName(spec.keyspace, spec.name)} (${fields.join(', ')})`,
  );
}

/** One statement per added field: ALTER TYPE takes a single ADD. */
export function buildAlterTypeAddFields(spec: {
  keyspace: string;
  name: string;
  fields: ReadonlyArray<{ name: string; type: string }>;
}): Statement[] {
  return spec.fields.map((f) =>
    statement(
      `ALTER TYPE ${qualifiedName(spec.keyspace, spec.name)} ADD ${quoteIdentifier(f.name)} ${normalizeTypeDefinition(f.type)}`,
    ),
  );
}

export function buildAlterTypeRenameFields(spec: {
  keyspace: string;
  name: string;
  renames: ReadonlyArray<{ from: string; to: string }>;
}): Statement {
  const renames = spec.renames.map((r) => `${quoteIdentifier(r.from)} TO ${quoteIdentifier(r.to)}`);
  return statement(`ALTER TYPE ${qualifiedName(spec.keyspace, spec.name)} RENAME ${renames.join(' AND ')}`);
}

export function buildDropType(spec: { keyspace: string; name: string; ifExists?: boolean }): Statement {
  return statement(
    `DROP TYPE${spec.ifExists ? ' IF EXISTS' : ''} ${qualifiedName(spec.keyspace, spec.name)}`,
  );
}
