// Writes collections as Stargate's Document API v2 did (facts §4.2), with its statements: the
// table (key, p0..p63, leaf, text_value, dbl_value, bool_value) and its four secondary indexes,
// and per document one logged batch — DELETE of the partition at timestamp-1, then one INSERT of
// every column per leaf (bind markers, nulls bound explicitly) at the timestamp, with TTL if given.
// The shredding is written here from the facts, independently of tools/migrate, so the tests can fail.
import type cassandra from 'cassandra-driver';

export const DEPTH = 64;
const EMPTY_OBJECT = 'EMPTYOBJ-bccbeee1-6173-4120-8492-7d7bafaefb1f';
const EMPTY_ARRAY = 'EMPTYARRAY-9df4802a-c135-42d6-8be3-d23d9520a4e7';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface StargateRow {
  path: string[];
  text: string | null;
  dbl: number | null;
  bool: boolean | null;
}

const pathColumns = Array.from({ length: DEPTH }, (_, i) => `p${i}`);

export async function createStargateCollection(
  client: cassandra.Client,
  keyspace: string,
  table: string,
  jsonSchema?: Json,
): Promise<void> {
  const columns = pathColumns.map((p) => `${p} text`).join(', ');
  await client.execute(
    `CREATE TABLE ${keyspace}.${table} (key text, ${columns}, leaf text, text_value text, dbl_value double, ` +
      `bool_value boolean, PRIMARY KEY ((key), ${pathColumns.join(', ')}))`,
  );
  for (const column of ['leaf', 'text_value', 'dbl_value', 'bool_value']) {
    await client.execute(`CREATE INDEX IF NOT EXISTS ON ${keyspace}.${table} (${column})`);
  }
  if (jsonSchema !== undefined) {
    await client.execute(
      `ALTER TABLE ${keyspace}.${table} WITH comment = '${JSON.stringify({ schema: jsonSchema }).replace(/'/g, "''")}'`,
    );
  }
}

/** Stargate's JsonDocumentShredder: one row per leaf; `\.` `\,` `\*` in names become the characters. */
export function shred(value: Json, prefix: string[] = []): StargateRow[] {
  const leaf = (fields: Partial<StargateRow>): StargateRow[] => [
    { path: prefix, text: null, dbl: null, bool: null, ...fields },
  ];
  if (Array.isArray(value)) {
    if (value.length === 0) return leaf({ text: EMPTY_ARRAY });
    return value.flatMap((v, i) => shred(v, [...prefix, `[${String(i).padStart(6, '0')}]`]));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return leaf({ text: EMPTY_OBJECT });
    return entries.flatMap(([name, v]) => shred(v, [...prefix, name.replace(/\\([.,*])/g, '$1')]));
  }
  if (typeof value === 'boolean') return leaf({ bool: value });
  if (typeof value === 'number') return leaf({ dbl: value });
  if (typeof value === 'string') return leaf({ text: value });
  return leaf({});
}

const insertCql = (keyspace: string, table: string, ttl: boolean) =>
  `INSERT INTO ${keyspace}.${table} (key, ${pathColumns.join(', ')}, leaf, text_value, dbl_value, bool_value) ` +
  `VALUES (${Array.from({ length: DEPTH + 5 }, () => '?').join(', ')}) USING ${ttl ? 'TTL ? AND ' : ''}TIMESTAMP ?`;

function insertParams(id: string, row: StargateRow, ttl: number | undefined, timestamp: bigint): unknown[] {
  const path = pathColumns.map((_, i) => row.path[i] ?? '');
  const params: unknown[] = [id, ...path, row.path[row.path.length - 1], row.text, row.dbl, row.bool];
  if (ttl !== undefined) params.push(ttl);
  params.push(timestamp.toString());
  return params;
}

/** A whole-document write (POST / PUT): the old document's rows are deleted first. */
export async function writeStargateDocument(
  client: cassandra.Client,
  keyspace: string,
  table: string,
  id: string,
  doc: Json,
  options: { ttl?: number; timestamp: bigint },
): Promise<void> {
  const queries = [
    {
      query: `DELETE FROM ${keyspace}.${table} USING TIMESTAMP ? WHERE key = ?`,
      params: [(options.timestamp - 1n).toString(), id],
    },
    ...shred(doc).map((row) => ({
      query: insertCql(keyspace, table, options.ttl !== undefined),
      params: insertParams(id, row, options.ttl, options.timestamp),
    })),
  ];
  await client.batch(queries, { prepare: true, logged: true });
}

/**
 * Rows written at `timestamp` under `path` without deleting what is there: a PATCH (after its
 * DELETE of the patched keys), or, without `deleteFirst`, the overwrite of a pre-v2 Stargate that
 * left older rows of another shape behind (its reader let the newer write win).
 */
export async function writeStargateRowsAt(
  client: cassandra.Client,
  keyspace: string,
  table: string,
  id: string,
  path: string[],
  value: Json,
  options: { timestamp: bigint; deleteFirst: boolean },
): Promise<void> {
  const queries = [];
  if (options.deleteFirst) {
    const where = path.map((_, i) => ` AND p${i} = ?`).join('');
    queries.push({
      query: `DELETE FROM ${keyspace}.${table} USING TIMESTAMP ? WHERE key = ?${where}`,
      params: [(options.timestamp - 1n).toString(), id, ...path],
    });
  }
  for (const row of shred(value, path)) {
    queries.push({
      query: insertCql(keyspace, table, false),
      params: insertParams(id, row, undefined, options.timestamp),
    });
  }
  await client.batch(queries, { prepare: true, logged: true });
}
