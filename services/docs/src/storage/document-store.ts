// Reads and writes documents through the bridge. A read by id is one single-partition read of the
// static `doc` cell; a write is one single-partition batch (atomic and isolated in Cassandra):
// a partition tombstone just before the write's timestamp, then the JSON and the leaf rows, so a
// reader sees the old document or the new one, never a mix. A document's `$vector` is written in
// the same batch, into the vector column of its partition's row p = '$vector'. The bridge queues
// the writes that set a vector-indexed column, so such a batch counts once and one without a
// `$vector` not at all (Cassandra 5.0.9 fails more than processors + 1 at once:
// services/bridge/src/query/vector-write-limiter.ts), for every API process alike.
import type { BridgeClient } from '../../../common/src/bridge/bridge-client.js';
import { buildDelete } from '../../../common/src/cql/delete.js';
import { buildInsert } from '../../../common/src/cql/insert.js';
import { toQuery } from '../../../common/src/cql/select.js';
import type { BatchQuery } from '../../../common/src/proto/generated/stargate/BatchQuery.js';
import type { ResultSet__Output } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import type { Json } from '../document/json-tree.js';
import type { CheckedVector } from '../vector/document-vector.js';
import { COLUMNS, VECTOR_ROW_PATH } from './collection-table.js';
import { leafRows } from './leaf-rows.js';
import { readByIdStatement } from './read-statements.js';
import { bridgeOptions, type RequestContext } from './request-context.js';
import { nextWriteTimestamp } from './write-timestamp.js';

export interface CollectionRef {
  keyspace: string;
  table: string;
}

export interface StoredDocument {
  doc: Json;
  /** Remaining time to live in seconds, when the document was written with one. */
  ttlSeconds?: number;
}

export interface StoredText {
  json: string;
  ttlSeconds?: number;
}

export interface QueryPage {
  rows: ResultSet__Output['rows'];
  pagingState?: Buffer;
}

const text = (s: string): Value => ({ string: s });
const UNSET: Value = { unset: {} };

/** A vector<float, n> value as the bridge takes it. */
export function vectorValue(vector: readonly number[]): Value {
  return { collection: { elements: vector.map((float) => ({ float })) } };
}

export class DocumentStore {
  constructor(private readonly bridge: BridgeClient) {}

  /** One page of a SELECT; `label` names the step in the execution profile. */
  async select(
    ctx: RequestContext,
    label: string,
    built: { cql: string; values: Value[] },
    page: { pageSize?: number; pagingState?: Buffer } = {},
  ): Promise<QueryPage> {
    const query = toQuery(built, {
      skipMetadata: true,
      pageSize: page.pageSize !== undefined ? { value: page.pageSize } : undefined,
      pagingState: page.pagingState ? { value: page.pagingState } : undefined,
    });
    const response = await this.bridge.executeQuery(query, bridgeOptions(ctx, true));
    const rs = response.resultSet;
    const rows = rs?.rows ?? [];
    ctx.recorder?.record(label, built.cql, rows.length);
    return { rows, pagingState: rs?.pagingState?.value?.length ? rs.pagingState.value : undefined };
  }

  async read(
    ctx: RequestContext,
    c: CollectionRef,
    id: string,
    withTtl = false,
  ): Promise<StoredDocument | undefined> {
    const stored = await this.readText(ctx, c, id, withTtl);
    if (stored === undefined) return undefined;
    return { doc: JSON.parse(stored.json) as Json, ttlSeconds: stored.ttlSeconds };
  }

  /**
   * The document's JSON text as stored (written by JSON.stringify in `writeStatements`), unparsed:
   * a whole-document read answers it as is.
   */
  async readText(
    ctx: RequestContext,
    c: CollectionRef,
    id: string,
    withTtl = false,
  ): Promise<StoredText | undefined> {
    const { rows } = await this.select(ctx, 'LoadDocument', readByIdStatement(c, id, withTtl));
    const values = rows?.[0]?.values;
    const json = values?.[1]?.string;
    if (json === undefined) return undefined;
    const ttl = values?.[2]?.int;
    return { json, ttlSeconds: ttl !== undefined ? Number(ttl) : undefined };
  }

  /** Replaces the whole document (creating it if needed). `ttlSeconds` 0 or undefined: no expiry. */
  async write(
    ctx: RequestContext,
    c: CollectionRef,
    id: string,
    doc: Json,
    ttlSeconds?: number,
    /** The document's checked `$vector` (vector/document-vector.ts). */
    vector?: CheckedVector,
  ): Promise<void> {
    const queries = writeStatements(c, id, doc, ttlSeconds ?? 0, nextWriteTimestamp(), vector);
    // One partition: Cassandra applies it atomically and in isolation without a batch log.
    await this.bridge.executeBatch({ type: 'UNLOGGED', queries }, bridgeOptions(ctx, true));
    ctx.recorder?.record('WriteDocument', queries[queries.length > 2 ? 2 : 1]!.cql!, queries.length);
  }

  async delete(ctx: RequestContext, c: CollectionRef, id: string): Promise<void> {
    const built = buildDelete({
      keyspace: c.keyspace,
      table: c.table,
      where: [{ column: COLUMNS.key, operator: '=', value: text(id) }],
      timestampMicros: nextWriteTimestamp().toString(),
    });
    await this.bridge.executeQuery(toQuery(built), bridgeOptions(ctx, true));
    ctx.recorder?.record('DeleteDocument', built.cql, 1);
  }
}

/** The statements of one document write, all in the document's partition. */
export function writeStatements(
  c: CollectionRef,
  id: string,
  doc: Json,
  ttlSeconds: number,
  timestamp: bigint,
  vector?: CheckedVector,
): BatchQuery[] {
  const queries: BatchQuery[] = [];
  const push = (built: { cql: string; values: Value[] }) =>
    queries.push({ cql: built.cql, values: { values: built.values } });
  push(
    buildDelete({
      keyspace: c.keyspace,
      table: c.table,
      where: [{ column: COLUMNS.key, operator: '=', value: text(id) }],
      timestampMicros: (timestamp - 1n).toString(),
    }),
  );
  const using = { ttlSeconds, timestampMicros: timestamp.toString() };
  push(
    buildInsert({
      keyspace: c.keyspace,
      table: c.table,
      values: [
        { column: COLUMNS.key, value: text(id) },
        { column: COLUMNS.doc, value: text(JSON.stringify(doc)) },
      ],
      ...using,
    }),
  );
  if (vector) {
    push(
      buildInsert({
        keyspace: c.keyspace,
        table: c.table,
        values: [
          { column: COLUMNS.key, value: text(id) },
          { column: COLUMNS.path, value: text(VECTOR_ROW_PATH) },
          { column: COLUMNS.vector, value: vectorValue(vector) },
        ],
        ...using,
      }),
    );
  }
  for (const row of leafRows(doc)) {
    push(
      buildInsert({
        keyspace: c.keyspace,
        table: c.table,
        values: [
          { column: COLUMNS.key, value: text(id) },
          { column: COLUMNS.path, value: text(row.p) },
          { column: COLUMNS.generalizedPath, value: text(row.gp) },
          { column: COLUMNS.leaf, value: text(row.leaf) },
          // Unset, not null: a null would write a tombstone per empty cell.
          { column: COLUMNS.text, value: row.txt === null ? UNSET : text(row.txt) },
          { column: COLUMNS.number, value: row.dbl === null ? UNSET : { double: row.dbl } },
          { column: COLUMNS.boolean, value: row.bool === null ? UNSET : { boolean: row.bool } },
        ],
        ...using,
      }),
    );
  }
  return queries;
}
