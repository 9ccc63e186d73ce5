// The Keyspace type's fields: dcs, tables, table(name), types, type(name), read from the
// keyspace's description (KeyspaceView) and shaped as the DDL schema's Table and Type.
import type { KeyspaceDescription } from '../../../../common/src/schema/schema-cache.js';
import { toDataType } from '../../translate/data-types.js';
import type { DdlResolver } from './ddl-call.js';
import type { KeyspaceView } from './keyspace-view.js';

type TableDescription = NonNullable<KeyspaceDescription['tables']>[number];
type TypeDescription = NonNullable<KeyspaceDescription['types']>[number];

const tablesOf = async (ks: unknown) => (await (ks as KeyspaceView).description())?.tables ?? [];
const typesOf = async (ks: unknown) => (await (ks as KeyspaceView).description())?.types ?? [];

export const keyspaceFields: Record<string, DdlResolver> = {
  dcs: (ks) => (ks as KeyspaceView).dcs(),
  tables: async (ks) => (await tablesOf(ks)).map(tableView),
  table: async (ks, args) => {
    const table = (await tablesOf(ks)).find((t) => t.name === args.name);
    return table ? tableView(table) : null;
  },
  types: async (ks) => (await typesOf(ks)).map(typeView),
  type: async (ks, args) => {
    const udt = (await typesOf(ks)).find((t) => t.name === args.name);
    return udt ? typeView(udt) : null;
  },
};

function tableView(table: TableDescription) {
  const kinds: Array<[string, typeof table.columns]> = [
    ['PARTITION', table.partitionKeyColumns],
    ['CLUSTERING', table.clusteringKeyColumns],
    ['REGULAR', table.columns],
    ['STATIC', table.staticColumns],
  ];
  return {
    name: table.name,
    columns: kinds.flatMap(([kind, columns]) =>
      (columns ?? []).map((c) => ({ kind, name: c.name, type: toDataType(c.type) })),
    ),
  };
}

function typeView(udt: TypeDescription) {
  return {
    name: udt.name,
    fields: Object.entries(udt.fields ?? {}).map(([name, type]) => ({ name, type: toDataType(type) })),
  };
}
