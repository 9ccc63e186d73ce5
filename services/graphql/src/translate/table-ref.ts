// What a resolver knows about its table when the schema is built (keyspace, CQL table name, the
// GraphQL ⇄ CQL column names) and how it finds the table's current view (common's TableView) in a
// keyspace description, which may be newer than the schema the request was validated against.

import type { ColumnSpec__Output } from '../../../common/src/proto/generated/stargate/ColumnSpec.js';
import type { CqlKeyspaceDescribe__Output } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import { type ColumnView, type TableView, tableView } from '../../../common/src/schema/table-view.js';
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
  view: TableView;
}

export function currentTable(description: CqlKeyspaceDescribe__Output, ref: TableRef): CurrentTable {
  const view = tableView(description, ref.cqlTable);
  if (!view)
    throw new SchemaMovedError(`Table '${ref.cqlTable}' no longer exists in keyspace '${ref.keyspace}'`);
  return { ref, view };
}

/** The table's columns as the GraphQL schema lists them (built from the raw description). */
export function allColumns(table: CqlTable__Output): ColumnSpec__Output[] {
  return [
    ...(table.partitionKeyColumns ?? []),
    ...(table.clusteringKeyColumns ?? []),
    ...(table.columns ?? []),
    ...(table.staticColumns ?? []),
  ];
}

/** The CQL column behind a GraphQL field name, as the table stands now. */
export function columnOf(current: CurrentTable, graphqlName: string): ColumnView {
  const cqlName = current.ref.columns.cql(graphqlName);
  const column = cqlName === undefined ? undefined : current.view.column(cqlName);
  if (!column) {
    throw new SchemaMovedError(
      `Column '${cqlName ?? graphqlName}' no longer exists in table '${current.ref.cqlTable}'`,
    );
  }
  return column;
}
