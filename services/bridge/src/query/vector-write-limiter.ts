// Cassandra 5.0 (5.0.9 too) fails a write into an SAI vector index when too many reach the index's
// in-memory graph at once: jvector's GraphIndexBuilder lends each insert a pooled object and throws
// past N = the node's processors + 1 ("Number of outstanding pooled objects has gone beyond the
// limit of 3" on a 2-core node). The client gets a WriteFailure and the write is lost. So the
// bridge, which sees every API's writes, runs at most BRIDGE_VECTOR_WRITES_PER_TABLE of them at once
// on each table with such an index; the others wait in arrival order, within their deadline, up to
// BRIDGE_VECTOR_WRITE_QUEUE_PER_TABLE of them.
// Only statements that set a vector-indexed column count (an INSERT naming it, an UPDATE assigning
// it; a form not parsed, such as INSERT … JSON, counts too): those alone reach the graph. Writes of
// other columns and DELETEs of any row never failed at 40 at once on such a table
// (tools/vector-index/probe-concurrent-writes.ts), so they run unqueued. A batch counts its
// statements that set one, at most the limit, so no batch is refused for its size.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { loadRejectionDetails, retryInfoDetail } from '../../../common/src/errors/load-rejection.js';
import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import { vectorIndexedColumns } from '../../../common/src/schema/vector-index.js';
import { splitBatch, tablesOf } from '../auth/statement-permissions.js';
import type { ClassifiedStatement } from '../cql/classify-statement.js';
import { columnsSet } from '../cql/columns-set.js';
import { BridgeError } from '../errors/bridge-error.js';
import { PermitQueue, PermitRefused } from './permit-queue.js';

export interface VectorWriteLimits {
  /** BRIDGE_VECTOR_WRITES_PER_TABLE; 0 turns the limiter off. */
  writesPerTable: number;
  /** BRIDGE_VECTOR_WRITE_QUEUE_PER_TABLE. */
  queuePerTable: number;
  /** Longest wait of a request without a deadline (the driver's request timeout). */
  maxWaitMs: number;
  /** Sent as RetryInfo with a refusal (BRIDGE_SHED_RETRY_AFTER_MS). */
  retryAfterMs: number;
}

/**
 * Writes that set a vector-indexed column, by `keyspace.table`, with how many the statements make
 * (at most the limit).
 */
export type VectorWrites = ReadonlyMap<string, number>;

const NONE: VectorWrites = new Map();

const WRITES = new Set(['insert', 'update', 'delete', 'batch']);

/** One statement's write: its table and the columns it sets ('unknown': maybe any). */
interface TableWrite {
  keyspace: string;
  name: string;
  sets: readonly string[] | 'unknown';
}

export class VectorWriteLimiter {
  private readonly queues = new Map<string, PermitQueue>();
  /** Per keyspace description: each vector-indexed table's indexed vector columns. */
  private readonly vectorTables = new WeakMap<CqlKeyspaceDescribe, ReadonlyMap<string, readonly string[]>>();
  private readonly written = new WeakMap<
    ClassifiedStatement,
    { keyspace: string | undefined; writes: TableWrite[] }
  >();

  constructor(
    private readonly limits: VectorWriteLimits,
    /** The keyspace's cached description (KeyspaceSchemaCache.get). */
    private readonly describe: (keyspace: string) => Promise<CqlKeyspaceDescribe | undefined>,
  ) {}

  /**
   * The vector-indexed tables whose indexed column these statements set, with how many of the
   * statements (a batch's each) set one; found with the limiter off too, to explain a failure.
   */
  async find(
    statements: readonly ClassifiedStatement[],
    keyspace: string | undefined,
  ): Promise<VectorWrites> {
    const writes: TableWrite[] = [];
    for (const statement of statements) {
      if (WRITES.has(statement.kind)) writes.push(...this.writesOf(statement, keyspace));
    }
    if (writes.length === 0) return NONE;
    const found = new Map<string, number>();
    const keyspaces = new Map<string, ReadonlyMap<string, readonly string[]>>();
    for (const write of writes) {
      // DELETEs set nothing: they never reach the graph.
      if (write.sets !== 'unknown' && write.sets.length === 0) continue;
      let tables = keyspaces.get(write.keyspace);
      if (!tables) {
        tables = await this.vectorTablesOf(write.keyspace);
        keyspaces.set(write.keyspace, tables);
      }
      const indexed = tables.get(write.name);
      if (!indexed) continue;
      const { sets } = write;
      if (sets !== 'unknown' && !sets.some((column) => indexed.includes(column))) continue;
      const key = `${write.keyspace}.${write.name}`;
      found.set(key, (found.get(key) ?? 0) + 1);
    }
    if (found.size === 0) return NONE;
    const cap = this.limits.writesPerTable;
    if (cap > 0) for (const [key, count] of found) found.set(key, Math.min(count, cap));
    return found;
  }

  /** Runs `write` once it has a turn on every table of `writes` (at once when there are none). */
  async run<T>(writes: VectorWrites, timeoutMs: number | undefined, write: () => Promise<T>): Promise<T> {
    if (writes.size === 0 || this.limits.writesPerTable === 0) return write();
    const deadline = Date.now() + Math.min(timeoutMs ?? this.limits.maxWaitMs, this.limits.maxWaitMs);
    const held: Array<[string, PermitQueue, number]> = [];
    try {
      // Always in the same order, so two batches on the same tables cannot hold one each and wait.
      for (const key of [...writes.keys()].sort()) {
        const count = writes.get(key)!;
        const queue = this.queueOf(key);
        try {
          await queue.acquire(count, deadline - Date.now());
        } catch (err) {
          throw this.refusal(err, key);
        }
        held.push([key, queue, count]);
      }
      return await write();
    } finally {
      for (const [, queue, count] of held) queue.release(count);
      for (const key of writes.keys()) {
        const queue = this.queues.get(key);
        if (queue?.idle) this.queues.delete(key);
      }
    }
  }

  /**
   * Cassandra's answer when a write into a vector index failed anyway (a node with fewer
   * processors than the setting assumes, or writes from outside the gateway): UNAVAILABLE with a
   * retry delay and the cause, instead of an opaque WriteFailure.
   */
  explainFailure(err: BridgeError, writes: VectorWrites): BridgeError {
    const writeFailure = err.details.some((d) => d.typeName === 'stargate.WriteFailure');
    if (writes.size === 0 || !writeFailure) return err;
    const tables = [...writes.keys()].join(', ');
    return new BridgeError(
      GrpcStatus.UNAVAILABLE,
      `Cassandra failed the write to ${tables} (a table with an SAI vector index): Cassandra 5.0's vector index refuses a write when more than the node's processors + 1 reach it at once (jvector: 'Number of outstanding pooled objects has gone beyond the limit'), which the gateway's limit (BRIDGE_VECTOR_WRITES_PER_TABLE=${this.limits.writesPerTable}) did not prevent; the write may not have been applied, retry it (${err.message})`,
      [retryInfoDetail(this.limits.retryAfterMs)],
    );
  }

  /** Queues held, for tests. */
  get activeTables(): number {
    return this.queues.size;
  }

  private writesOf(statement: ClassifiedStatement, keyspace: string | undefined): TableWrite[] {
    // Keyed by the statement object, which the executor caches per CQL text and keyspace.
    const known = this.written.get(statement);
    if (known && known.keyspace === keyspace) return known.writes;
    const writes: TableWrite[] = [];
    for (const one of statement.kind === 'batch' ? splitBatch(statement.tokens) : [statement]) {
      let tables: Array<{ keyspace: string; name: string }>;
      try {
        tables = tablesOf(one, keyspace);
      } catch {
        tables = []; // An unqualified table without a keyspace: Cassandra will refuse it.
      }
      const sets = columnsSet(one);
      for (const table of tables) writes.push({ ...table, sets });
    }
    this.written.set(statement, { keyspace, writes });
    return writes;
  }

  private async vectorTablesOf(keyspace: string): Promise<ReadonlyMap<string, readonly string[]>> {
    let description: CqlKeyspaceDescribe | undefined;
    try {
      description = await this.describe(keyspace);
    } catch {
      // Schema unreadable (Cassandra down): the write itself will say what is wrong.
      return new Map();
    }
    if (!description) return new Map();
    let tables = this.vectorTables.get(description);
    if (!tables) {
      const indexed = new Map<string, readonly string[]>();
      for (const table of description.tables ?? []) {
        const columns = vectorIndexedColumns(table);
        if (columns.length > 0) indexed.set(table.name ?? '', columns);
      }
      tables = indexed;
      this.vectorTables.set(description, tables);
    }
    return tables;
  }

  private queueOf(key: string): PermitQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new PermitQueue(this.limits.writesPerTable, this.limits.queuePerTable);
      this.queues.set(key, queue);
    }
    return queue;
  }

  private refusal(err: unknown, table: string): unknown {
    if (!(err instanceof PermitRefused)) return err;
    const rule = `${table} has an SAI vector index, so the gateway runs at most ${this.limits.writesPerTable} writes of its vector column at once (BRIDGE_VECTOR_WRITES_PER_TABLE: Cassandra 5.0's vector index fails writes past the node's processors + 1)`;
    if (err.reason === 'queue-full') {
      return new BridgeError(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `Too many writes waiting for ${table}: ${rule}, and ${this.limits.queuePerTable} already wait (BRIDGE_VECTOR_WRITE_QUEUE_PER_TABLE)`,
        loadRejectionDetails({ reason: 'OVERLOADED', retryAfterMs: this.limits.retryAfterMs }, 'bridge'),
      );
    }
    return new BridgeError(
      GrpcStatus.DEADLINE_EXCEEDED,
      `Waited ${err.waitedMs} ms for a turn to write to ${table} and the request's deadline came first: ${rule}`,
    );
  }
}
