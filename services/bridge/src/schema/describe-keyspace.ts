// Builds Stargate's CqlKeyspaceDescribe for one keyspace from Cassandra's system_schema tables,
// with a hash of its content so that API services can revalidate cached descriptions cheaply.
import { createHash } from 'node:crypto';
import type cassandra from 'cassandra-driver';
import { parseCqlType } from '../../../common/src/cql/cql-type.js';
import type { ColumnSpec } from '../../../common/src/proto/generated/stargate/ColumnSpec.js';
import type { CqlIndex } from '../../../common/src/proto/generated/stargate/CqlIndex.js';
import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { CqlMaterializedView } from '../../../common/src/proto/generated/stargate/CqlMaterializedView.js';
import type { CqlTable } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import type {
  TypeSpec,
  _stargate_TypeSpec_Udt as UdtSpec,
} from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import {
  COMMENT_OMITTED_OPTION,
  LONGEST_DESCRIBED_COMMENT,
} from '../../../common/src/schema/omitted-comment.js';
import { streamRows } from '../cassandra/stream-rows.js';

const ONE = 1;
const read = { prepare: true, consistency: ONE, isIdempotent: true, fetchSize: 5000 };

type Row = cassandra.types.Row;

export async function describeKeyspace(
  client: cassandra.Client,
  keyspace: string,
): Promise<CqlKeyspaceDescribe | undefined> {
  const ks = await client.execute(
    'SELECT keyspace_name, durable_writes, replication FROM system_schema.keyspaces WHERE keyspace_name = ?',
    [keyspace],
    read,
  );
  const ksRow = ks.first();
  if (!ksRow) return undefined;
  const select = (t: string) => `SELECT * FROM system_schema.${t} WHERE keyspace_name = ?`;
  const [tables, views, columns, types, indexes] = await Promise.all([
    ...['tables', 'views'].map((t) => rowsWithBoundedComments(client, select(t), [keyspace])),
    ...['columns', 'types', 'indexes'].map((t) => allRows(client, select(t), [keyspace])),
  ]);
  const udts = buildUdts(types!);
  const resolveUdt = (name: string): TypeSpec | undefined => {
    const udt = udts.get(name);
    return udt ? { udt } : undefined;
  };
  const columnsByTable = groupBy(columns!, 'table_name');
  const indexesByTable = groupBy(indexes!, 'table_name');
  const viewRows = views!;
  const viewsByBase = groupBy(viewRows, 'base_table_name');
  const viewNames = new Set(viewRows.map((v) => String(v.view_name)));

  const describeColumns = (rows: Row[]) => describeTableColumns(rows, resolveUdt);

  const tableList: CqlTable[] = tables!
    .filter((t) => !viewNames.has(String(t.table_name)))
    .map((t) => {
      const name = String(t.table_name);
      const cols = describeColumns(columnsByTable.get(name) ?? []);
      return {
        name,
        options: tableOptions(t),
        ...cols,
        indexes: (indexesByTable.get(name) ?? []).map(describeIndex),
        materializedViews: (viewsByBase.get(name) ?? []).map((v): CqlMaterializedView => {
          const viewName = String(v.view_name);
          const viewCols = describeColumns(columnsByTable.get(viewName) ?? []);
          return {
            name: viewName,
            options: tableOptions(v),
            partitionKeyColumns: viewCols.partitionKeyColumns,
            clusteringKeyColumns: viewCols.clusteringKeyColumns,
            columns: [...viewCols.staticColumns, ...viewCols.columns],
            clusteringOrders: viewCols.clusteringOrders,
          };
        }),
      };
    });

  const description: CqlKeyspaceDescribe = {
    cqlKeyspace: {
      name: keyspace,
      globalName: keyspace,
      options: {
        replication: replicationString(ksRow.replication as Map<string, string> | Record<string, string>),
        durable_writes: String(ksRow.durable_writes),
      },
    },
    types: [...udts.values()],
    tables: tableList,
    indexes: [],
    materializedViews: tableList.flatMap((t) => t.materializedViews ?? []),
  };
  description.hash = { value: hashDescription(description) };
  return description;
}

export function hashDescription(description: CqlKeyspaceDescribe): number {
  const { hash: _ignored, ...content } = description;
  return createHash('sha256').update(JSON.stringify(content)).digest().readInt32BE(0);
}

function describeTableColumns(rows: Row[], resolveUdt: (name: string) => TypeSpec | undefined) {
  const spec = (r: Row): ColumnSpec => ({
    name: String(r.column_name),
    type: parseCqlType(String(r.type), resolveUdt),
  });
  const byPosition = (a: Row, b: Row) => Number(a.position) - Number(b.position);
  const ofKind = (kind: string) => rows.filter((r) => r.kind === kind);
  const clustering = ofKind('clustering').sort(byPosition);
  const clusteringOrders: Record<string, number> = {};
  for (const r of clustering) clusteringOrders[String(r.column_name)] = r.clustering_order === 'desc' ? 1 : 0;
  return {
    partitionKeyColumns: ofKind('partition_key').sort(byPosition).map(spec),
    clusteringKeyColumns: clustering.map(spec),
    staticColumns: ofKind('static').map(spec),
    columns: ofKind('regular').map(spec),
    clusteringOrders: clusteringOrders as CqlTable['clusteringOrders'],
  };
}

function tableOptions(row: Row): Record<string, string> {
  const omitted = row[COMMENT_OMITTED_OPTION] as number | undefined;
  return {
    comment: String(row.comment ?? ''),
    ...(omitted === undefined ? {} : { [COMMENT_OMITTED_OPTION]: String(omitted) }),
    default_time_to_live: String(row.default_time_to_live ?? 0),
    gc_grace_seconds: String(row.gc_grace_seconds ?? 0),
  };
}

// A table's comment is free text of any length (up to Cassandra's mutation size, 16 MB): a role
// allowed to ALTER tables set 8 MB comments on 20 tables, and the next description of that keyspace
// (any API listing its tables) killed the bridge ("JavaScript heap out of memory"), the rows of
// system_schema.tables coming in one page. They are streamed now, and a comment longer than this is
// left out of the description: its length comes as the table option `comment_omitted_chars` (the
// Docs API, whose collection JSON schemas live there, then refuses to write without its schema).

/**
 * Every row, page after page: one page (fetchSize 5,000) of system_schema.columns used to be all a
 * description got, so a keyspace of more than 5,000 columns lost the others (a table its key).
 */
async function allRows(client: cassandra.Client, cql: string, params: unknown[]): Promise<Row[]> {
  const rows: Row[] = [];
  await streamRows(client, cql, params, { ...read, autoPage: true }, (row) => rows.push(row));
  return rows;
}

async function rowsWithBoundedComments(
  client: cassandra.Client,
  cql: string,
  params: unknown[],
): Promise<Row[]> {
  const rows: Row[] = [];
  await streamRows(client, cql, params, { ...read, fetchSize: 100, autoPage: true }, (row) => {
    const comment = row.comment as string | null | undefined;
    if (typeof comment === 'string' && comment.length > LONGEST_DESCRIBED_COMMENT) {
      row.comment = '';
      row[COMMENT_OMITTED_OPTION] = comment.length;
    }
    rows.push(row);
  });
  return rows;
}

const indexingTypes: Record<string, number> = { keys: 1, values: 2, entries: 3, full: 4 };

function describeIndex(row: Row): CqlIndex {
  const options = toRecord(row.options);
  const target = options.target ?? '';
  const fn = /^(keys|values|entries|full)\((.+)\)$/i.exec(target);
  const column = unquote(fn ? fn[2]! : target);
  const index: CqlIndex = {
    name: String(row.index_name),
    columnName: column,
    indexingType: (fn ? indexingTypes[fn[1]!.toLowerCase()]! : 0) as CqlIndex['indexingType'],
    custom: row.kind === 'CUSTOM',
    options: Object.fromEntries(
      Object.entries(options).filter(([k]) => k !== 'target' && k !== 'class_name'),
    ),
  };
  if (options.class_name) index.indexingClass = { value: options.class_name };
  return index;
}

function buildUdts(rows: Row[]): Map<string, UdtSpec> {
  const byName = new Map(rows.map((r) => [String(r.type_name), r]));
  const built = new Map<string, UdtSpec>();
  const building = new Set<string>();
  const build = (name: string): UdtSpec | undefined => {
    const done = built.get(name);
    if (done) return done;
    const row = byName.get(name);
    if (!row || building.has(name)) return undefined;
    building.add(name);
    const names = (row.field_names as string[]) ?? [];
    const types = (row.field_types as string[]) ?? [];
    const fields: Record<string, TypeSpec> = {};
    names.forEach((field, i) => {
      fields[field] = parseCqlType(types[i]!, (n) => {
        const udt = build(n);
        return udt ? { udt: { ...udt, frozen: true } } : undefined;
      });
    });
    const udt: UdtSpec = { name, fields };
    built.set(name, udt);
    return udt;
  };
  for (const name of byName.keys()) build(name);
  return built;
}

function replicationString(replication: Map<string, string> | Record<string, string>): string {
  const entries = replication instanceof Map ? [...replication.entries()] : Object.entries(replication);
  return `{${entries.map(([k, v]) => `'${k}': '${v}'`).join(', ')}}`;
}

function toRecord(value: unknown): Record<string, string> {
  if (value instanceof Map) return Object.fromEntries(value);
  return (value as Record<string, string>) ?? {};
}

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r[key]);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
