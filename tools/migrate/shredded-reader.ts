// Reads a collection in Stargate's shredded layout (facts §4.2) with cassandra-driver: its layout
// from system_schema, its documents one token range at a time (a document's rows are one
// partition, so they arrive together, in clustering order), and single documents by id.
import type cassandra from 'cassandra-driver';
import { qualifiedName, quoteIdentifier } from '../../services/common/src/cql/identifier.js';
import type { Json } from '../../services/docs/src/document/json-tree.js';
import { parseCollectionComment } from '../../services/docs/src/storage/collection-comment.js';
import {
  isStargateShreddedTable,
  pathColumn,
  STARGATE_COLUMNS,
} from '../../services/docs/src/storage/stargate-collection.js';
import type { ShreddedRow } from './document-rebuild.js';

export interface SourceCollection {
  keyspace: string;
  table: string;
  /** How many path columns (p0..p{depth-1}): Stargate's max depth, 64 by default. */
  depth: number;
  /** The collection's JSON schema, kept in the table comment as `{"schema": …}` (as ours). */
  jsonSchema?: Json;
  /** SELECT of every row of a token range: (first token, last token) bound. */
  rangeCql: string;
  /** SELECT of one document's rows by id. */
  documentCql: string;
}

export interface SourceDocument {
  id: string;
  token: bigint;
  rows: ShreddedRow[];
}

interface ColumnRow {
  column_name: string;
  kind: string;
  position: number;
}

/** Names of the keyspace's tables in Stargate's shredded layout. */
export async function listShreddedTables(client: cassandra.Client, keyspace: string): Promise<string[]> {
  const tables = await client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [
    keyspace,
  ]);
  const names: string[] = [];
  for (const row of tables.rows) {
    const name = row.get('table_name') as string;
    if (await describeSource(client, keyspace, name)) names.push(name);
  }
  return names.sort();
}

/** The table's layout, or undefined when it does not exist or is not a Stargate collection. */
export async function describeSource(
  client: cassandra.Client,
  keyspace: string,
  table: string,
): Promise<SourceCollection | undefined> {
  const result = await client.execute(
    'SELECT column_name, kind, position FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
    [keyspace, table],
  );
  const columns = result.rows.map((r) => ({
    column_name: r.get('column_name') as string,
    kind: r.get('kind') as string,
    position: r.get('position') as number,
  })) satisfies ColumnRow[];
  const of = (kind: string) =>
    columns
      .filter((c) => c.kind === kind)
      .sort((a, b) => a.position - b.position)
      .map((c) => c.column_name);
  const names = {
    partitionKey: of('partition_key'),
    clustering: of('clustering'),
    regular: of('regular'),
    static: of('static'),
  };
  if (!isStargateShreddedTable(names)) return undefined;
  const comment = await client.execute(
    'SELECT comment FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
    [keyspace, table],
  );
  const depth = names.clustering.length;
  const selection = [
    `token(${quoteIdentifier(STARGATE_COLUMNS.key)}) AS tk`,
    quoteIdentifier(STARGATE_COLUMNS.key),
    ...Array.from({ length: depth }, (_, i) => quoteIdentifier(pathColumn(i))),
    ...[STARGATE_COLUMNS.leaf, STARGATE_COLUMNS.text, STARGATE_COLUMNS.number, STARGATE_COLUMNS.boolean].map(
      quoteIdentifier,
    ),
    `WRITETIME(${quoteIdentifier(STARGATE_COLUMNS.leaf)}) AS wt`,
    `TTL(${quoteIdentifier(STARGATE_COLUMNS.leaf)}) AS ttl`,
  ].join(', ');
  const from = `SELECT ${selection} FROM ${qualifiedName(keyspace, table)}`;
  const key = quoteIdentifier(STARGATE_COLUMNS.key);
  return {
    keyspace,
    table,
    depth,
    jsonSchema: parseCollectionComment(comment.rows[0]?.get('comment') as string | undefined).schema,
    rangeCql: `${from} WHERE token(${key}) >= ? AND token(${key}) <= ?`,
    documentCql: `${from} WHERE ${key} = ?`,
  };
}

/** Every document whose token is in [first, last], in token order. */
export async function* documentsInRange(
  client: cassandra.Client,
  source: SourceCollection,
  first: bigint,
  last: bigint,
): AsyncGenerator<SourceDocument> {
  const result = await client.execute(source.rangeCql, [first.toString(), last.toString()], {
    prepare: true,
  });
  let current: SourceDocument | undefined;
  for await (const row of result) {
    const id = row.get(STARGATE_COLUMNS.key) as string;
    if (current?.id !== id) {
      if (current) yield current;
      current = { id, token: BigInt(String(row.get('tk'))), rows: [] };
    }
    current.rows.push(toShreddedRow(row, source.depth));
  }
  if (current) yield current;
}

/** One document's rows (empty when there is no such document). */
export async function readSourceRows(
  client: cassandra.Client,
  source: SourceCollection,
  id: string,
): Promise<ShreddedRow[]> {
  const result = await client.execute(source.documentCql, [id], { prepare: true, fetchSize: 5000 });
  const rows: ShreddedRow[] = [];
  for await (const row of result) rows.push(toShreddedRow(row, source.depth));
  return rows;
}

function toShreddedRow(row: cassandra.types.Row, depth: number): ShreddedRow {
  const path: string[] = [];
  for (let i = 0; i < depth; i++) {
    const segment = row.get(pathColumn(i)) as string | null;
    // Stargate fills the unused path columns with "": the path ends at the first one.
    if (!segment) break;
    path.push(segment);
  }
  const wt = row.get('wt') as { toNumber(): number } | null;
  const ttl = row.get('ttl') as number | null;
  return {
    path,
    leaf: row.get(STARGATE_COLUMNS.leaf) as string | null,
    text: row.get(STARGATE_COLUMNS.text) as string | null,
    dbl: row.get(STARGATE_COLUMNS.number) as number | null,
    bool: row.get(STARGATE_COLUMNS.boolean) as boolean | number | null,
    writetime: wt === null ? null : wt.toNumber(),
    ttlSeconds: ttl,
  };
}
