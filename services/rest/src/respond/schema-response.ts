// Schema descriptions in Stargate's REST shapes: Keyspace {name, datacenters}, Table {name,
// keyspace, columnDefinitions, primaryKey, tableOptions}, ColumnDefinition {name, typeDefinition,
// static}, UserDefinedType {name, keyspace, fields}.
import { cqlTypeText } from '../../../common/src/cql/cql-type.js';
import type { _stargate_TypeSpec_Udt__Output as UdtSpec } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import type { ColumnView, TableView } from '../../../common/src/schema/table-view.js';

export interface KeyspaceJson {
  name: string;
  datacenters?: Array<{ name: string; replicas: number }>;
}

/** Replication options (class + per-datacenter counts) → the keyspace's REST form. */
export function keyspaceJson(name: string, replication: Record<string, string>): KeyspaceJson {
  if (!(replication.class ?? '').endsWith('NetworkTopologyStrategy')) return { name };
  const datacenters = Object.entries(replication)
    .filter(([key, value]) => key !== 'class' && /^\d+$/.test(value))
    .map(([dc, replicas]) => ({ name: dc, replicas: Number(replicas) }));
  return { name, datacenters };
}

export interface ColumnJson {
  name: string;
  typeDefinition: string;
  static: boolean;
}

export function columnJson(column: ColumnView): ColumnJson {
  return { name: column.name, typeDefinition: cqlTypeText(column.type), static: column.kind === 'static' };
}

const DESC = 1;

export function tableJson(table: TableView) {
  const orders = table.table.clusteringOrders ?? {};
  const ttl = Number(table.table.options?.default_time_to_live ?? 0);
  return {
    name: table.name,
    keyspace: table.keyspace,
    columnDefinitions: table.ordered.map(columnJson),
    primaryKey: {
      partitionKey: table.partitionKey.map((c) => c.name),
      clusteringKey: table.clusteringKey.map((c) => c.name),
    },
    tableOptions: {
      defaultTimeToLive: Number.isFinite(ttl) ? ttl : 0,
      clusteringExpression: table.clusteringKey.map((c) => {
        const order = orders[c.name] as unknown;
        return { column: c.name, order: order === DESC || order === 'DESC' ? 'DESC' : 'ASC' };
      }),
    },
  };
}

export function udtJson(keyspace: string, udt: UdtSpec) {
  return {
    name: udt.name ?? '',
    keyspace,
    fields: Object.entries(udt.fields ?? {}).map(([name, type]) => ({
      name,
      typeDefinition: cqlTypeText(type),
    })),
  };
}
