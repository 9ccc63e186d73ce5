// What a resolver knows about its table when the schema is built (keyspace, CQL table name, the
// GraphQL ⇄ CQL column names) and how it finds the table's current definition in a keyspace
// description, which may be newer than the schema the request was validated against.
import type { ColumnSpec__Output } from '../../../common/src/proto/generated/stargate/ColumnSpec.js';
import type { CqlKeyspaceDescribe__Output } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import type { BiMap, NameMapping } from '../schema/name-mapping.js';

export interface TableRef {
  keyspace: string;
  cqlTable: string;
  graphqlTable: string;
  /** GraphQL field name ⇄ CQL column name. */
  columns: BiMap;
  names: NameMapping;
}

export class SchemaMovedError extends Error {}

export interface CurrentTable {
  ref: TableRef;
  table: CqlTable__Output;
  /** CQL column name → spec, over all column kinds. */
  byName: Map<string, ColumnSpec__Output>;
  primaryKey: Set<string>;
}

/** The last CurrentTable built per table: descriptions are kept, so most requests reuse one. */
const lastBuilt = new WeakMap<TableRef, CurrentTable>();

export function currentTable(description: CqlKeyspaceDescribe__Output, ref: TableRef): CurrentTable {
  const table = description.tables?.find((t) => t.name === ref.cqlTable);
  if (!table)
    throw new SchemaMovedError(`Table '${ref.cqlTable}' no longer exists in keyspace '${ref.keyspace}'`);
  const known = lastBuilt.get(ref);
  if (known?.table === table) return known;
  const byName = new Map<string, ColumnSpec__Output>();
  for (const c of allColumns(table)) byName.set(c.name ?? '', c);
  const primaryKey = new Set(
    [...(table.partitionKeyColumns ?? []), ...(table.clusteringKeyColumns ?? [])].map((c) => c.name ?? ''),
  );
  const current = { ref, table, byName, primaryKey };
  lastBuilt.set(ref, current);
  return current;
}

export function allColumns(table: CqlTable__Output): ColumnSpec__Output[] {
  return [
    ...(table.partitionKeyColumns ?? []),
    ...(table.clusteringKeyColumns ?? []),
    ...(table.columns ?? []),
    ...(table.staticColumns ?? []),
  ];
}

/** The CQL column behind a GraphQL field name, as the table stands now. */
export function columnOf(current: CurrentTable, graphqlName: string): ColumnSpec__Output {
  const cqlName = current.ref.columns.cql(graphqlName);
  const column = cqlName === undefined ? undefined : current.byName.get(cqlName);
  if (!column) {
    throw new SchemaMovedError(
      `Column '${cqlName ?? graphqlName}' no longer exists in table '${current.ref.cqlTable}'`,
    );
  }
  return column;
}
