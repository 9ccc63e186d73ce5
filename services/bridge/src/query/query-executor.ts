// Runs Stargate Query and Batch messages on Cassandra and answers with Stargate's Response.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type cassandra from 'cassandra-driver';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import type { Batch__Output } from '../../../common/src/proto/generated/stargate/Batch.js';
import type { Query__Output } from '../../../common/src/proto/generated/stargate/Query.js';
import type { Response } from '../../../common/src/proto/generated/stargate/Response.js';
import type { SchemaChange } from '../../../common/src/proto/generated/stargate/SchemaChange.js';
import { BatchType } from '../../../common/src/proto/proto-enums.js';
import { tablesOf } from '../auth/statement-permissions.js';
import type { CassandraSession } from '../cassandra/cassandra-session.js';
import { timeoutAsOutage } from '../cassandra/down-hosts.js';
import { rawCellsOptions } from '../cassandra/driver-internals.js';
import { isKeptStatement } from '../cassandra/long-statement-budget.js';
import { preparedParameters } from '../cassandra/prepared-metadata.js';
import {
  type ClassifiedStatement,
  classifyStatement,
  type SchemaChangeInfo,
} from '../cql/classify-statement.js';
import { batchIsIdempotent, isIdempotent } from '../cql/statement-idempotence.js';
import { CqlLexError } from '../cql/tokenize-cql.js';
import { BridgeError } from '../errors/bridge-error.js';
import { fromDriverError } from '../errors/from-driver-error.js';
import { bindValues } from './bind-values.js';
import { BoundedPages } from './bounded-page.js';
import { commonOptions, tracingConsistency } from './driver-options.js';
import { traceDriverCall } from './driver-span.js';
import { encodeResultSet } from './encode-result-set.js';
import { fetchTraces } from './fetch-traces.js';
import type { PagingStateSigner } from './paging-state-signer.js';
import type { VectorWriteLimiter, VectorWrites } from './vector-write-limiter.js';

export interface QueryExecutorDeps {
  session: CassandraSession;
  signer: PagingStateSigner;
  defaultPageSize: number;
  /** A SELECT's page holds at most this many bytes of values (bounded-page.ts). */
  maxPageBytes: number;
  requestTimeoutMs: number;
  /** Turns for writes to tables with a vector index (Cassandra 5.0 fails too many at once). */
  vectorWrites: VectorWriteLimiter;
  /** Called after a schema statement succeeded, with the keyspace it changed. */
  onSchemaChange: (change: SchemaChangeInfo) => void;
  /** Called when Cassandra says a keyspace, table or column is gone: cached descriptions are stale. */
  onSchemaStale: () => void;
}

export interface ExecutionLimits {
  /** Time left before the caller's deadline. */
  timeoutMs?: number;
  /** Throws unless the caller may run the statement (called before anything runs). */
  authorize?: (statement: ClassifiedStatement, keyspace: string | undefined) => Promise<void>;
}

// The same statements come back again and again (they are prepared), so their classification is
// cached instead of lexing the CQL on every request; long ones are not kept (146 distinct 900 KB
// statements once filled the bridge's 160 MiB heap). A classification keeps the statement's tokens,
// ~92 bytes each with their text: a 4 KB statement of short tokens (`k IN (1,1,…)`) kept ~185 KB,
// and 400 of them killed the bridge; so the cache is bounded in approximate bytes as well.
const MAX_CLASSIFIED = 5000;
const MAX_CLASSIFIED_BYTES = 16 * 1024 * 1024;
const TOKEN_BYTES = 96;

export class QueryExecutor {
  private readonly classified = new BoundedCache<string, ClassifiedStatement>({
    maxEntries: MAX_CLASSIFIED,
    maxChars: MAX_CLASSIFIED_BYTES,
    charsOf: (statement, key) => key.length + TOKEN_BYTES * statement.tokens.length,
  });

  private readonly pages: BoundedPages;

  constructor(private readonly deps: QueryExecutorDeps) {
    this.pages = new BoundedPages(deps.maxPageBytes);
  }

  classify(cql: string, keyspace: string | undefined): ClassifiedStatement {
    if (!cql || cql.trim() === '') throw BridgeError.invalid('A query must have a non-empty cql string');
    const key = isKeptStatement(cql) ? `${keyspace ?? ''}\0${cql}` : undefined;
    const cached = key && this.classified.get(key);
    if (cached) return cached;
    try {
      const statement = classifyStatement(cql, keyspace);
      if (key) this.classified.set(key, statement);
      return statement;
    } catch (err) {
      if (err instanceof CqlLexError) throw BridgeError.invalid(`Invalid CQL: ${err.message}`);
      throw err;
    }
  }

  async executeQuery(query: Query__Output, limits: ExecutionLimits = {}): Promise<Response> {
    const params = query.parameters;
    const keyspace = params?.keyspace?.value;
    const cql = query.cql ?? '';
    const statement = this.classify(cql, keyspace);
    if (statement.kind === 'use') {
      throw BridgeError.invalid('USE is not supported: set the keyspace in QueryParameters.keyspace instead');
    }
    const timeoutMs = this.timeout(limits);
    await limits.authorize?.(statement, keyspace);
    let vectorWrites: VectorWrites | undefined;
    try {
      vectorWrites = await this.deps.vectorWrites.find([statement], keyspace);
      const client = await this.deps.session.forKeyspace(keyspace);
      const common = commonOptions(params, timeoutMs);
      const touched = this.checkReplicas([statement], keyspace, common.consistency);
      // Its rows go nowhere but into the reply (toResponse): raw cells spare decoding them.
      const options = rawCellsOptions({
        ...common,
        fetchSize: this.pageSize(params?.pageSize?.value),
        isIdempotent: isIdempotent(statement),
      });
      if (params?.pagingState?.value) {
        options.pageState = this.deps.signer.verify(
          params.pagingState.value,
          cql,
          keyspace,
        ) as unknown as string;
      }
      const values = query.values?.values ?? [];
      let bound: unknown[] = [];
      if (values.length > 0) {
        options.prepare = true;
        bound = bindValues(query.values!, await preparedParameters(client, cql));
      }
      const rs = await this.deps.vectorWrites.run(vectorWrites, limits.timeoutMs, () =>
        traceDriverCall([statement], keyspace, () =>
          this.deps.session.whileReachable(touched, common.consistency ?? 0, () =>
            statement.kind === 'select'
              ? this.pages.execute(client, cql, bound, options)
              : client.execute(cql, bound, options),
          ),
        ),
      );
      return await this.toResponse(client, rs, statement, params?.skipMetadata === true, {
        cql,
        keyspace,
        tracingConsistency: tracingConsistency(params),
      });
    } catch (err) {
      throw this.failure(err, vectorWrites);
    }
  }

  async executeBatch(batch: Batch__Output, limits: ExecutionLimits = {}): Promise<Response> {
    const params = batch.parameters;
    const keyspace = params?.keyspace?.value;
    const queries = batch.queries ?? [];
    if (queries.length === 0) throw BridgeError.invalid('A batch must contain at least one query');
    const statements = queries.map((q) => this.classify(q.cql ?? '', keyspace));
    statements.forEach((statement, i) => {
      if (statement.kind !== 'insert' && statement.kind !== 'update' && statement.kind !== 'delete') {
        throw BridgeError.invalid(
          `A batch may only contain INSERT, UPDATE and DELETE statements, got: ${queries[i]!.cql}`,
        );
      }
    });
    const timeoutMs = this.timeout(limits);
    // Every statement of the batch is authorized before any of it runs.
    for (const statement of statements) await limits.authorize?.(statement, keyspace);

    let vectorWrites: VectorWrites | undefined;
    try {
      vectorWrites = await this.deps.vectorWrites.find(statements, keyspace);
      const client = await this.deps.session.forKeyspace(keyspace);
      const items = await Promise.all(
        queries.map(async (q, i) => {
          const parameters = await preparedParameters(client, q.cql ?? '');
          const values = q.values ?? { values: [], valueNames: [] };
          try {
            return { query: q.cql ?? '', params: bindValues(values, parameters) };
          } catch (err) {
            if (err instanceof BridgeError) throw BridgeError.invalid(`Batch query ${i + 1}: ${err.message}`);
            throw err;
          }
        }),
      );
      const type = batch.type as unknown as number | undefined;
      const common = commonOptions(params, timeoutMs);
      const touched = this.checkReplicas(statements, keyspace, common.consistency);
      const rs = await this.deps.vectorWrites.run(vectorWrites, limits.timeoutMs, () =>
        traceDriverCall(statements, keyspace, () =>
          this.deps.session.whileReachable(touched, common.consistency ?? 0, () =>
            client.batch(items, {
              ...common,
              prepare: true,
              logged: type !== BatchType.UNLOGGED && type !== BatchType.COUNTER,
              counter: type === BatchType.COUNTER,
              isIdempotent: batchIsIdempotent(statements, type === BatchType.COUNTER),
            }),
          ),
        ),
      );
      const statement: ClassifiedStatement = { kind: 'batch', tokens: [] };
      return await this.toResponse(client, rs, statement, params?.skipMetadata === true, {
        cql: '',
        keyspace,
        tracingConsistency: tracingConsistency(params),
      });
    } catch (err) {
      throw this.failure(err, vectorWrites);
    }
  }

  private async toResponse(
    client: cassandra.Client,
    rs: cassandra.types.ResultSet,
    statement: ClassifiedStatement,
    skipMetadata: boolean,
    context: { cql: string; keyspace: string | undefined; tracingConsistency: number },
  ): Promise<Response> {
    const response: Response = {};
    if (statement.schemaChange) {
      this.deps.onSchemaChange(statement.schemaChange);
      response.schemaChange = toSchemaChange(statement.schemaChange);
      if (statement.schemaChange.target === 'KEYSPACE' && statement.schemaChange.changeType === 'DROPPED') {
        await this.deps.session.forgetKeyspace(statement.schemaChange.keyspace ?? '');
      }
    } else if (rs.columns) {
      // Rows results only: a write answers with an empty Response, as Stargate's does.
      response.resultSet = encodeResultSet(rs, skipMetadata, (raw) =>
        this.deps.signer.sign(raw, context.cql, context.keyspace),
      );
    }
    if (rs.info.warnings?.length) response.warnings = rs.info.warnings;
    if (rs.info.traceId)
      response.traces = await fetchTraces(client, rs.info.traceId, context.tracingConsistency);
    return response;
  }

  /**
   * A write into a vector index that Cassandra failed anyway is explained (vector-write-limiter.ts).
   * A statement that fails because its keyspace, table or column no longer exists means the cached
   * descriptions may be stale (dropped elsewhere, within the schema poll interval): drop them, so
   * the caller's next schema-checked request sees the change.
   */
  private failure(err: unknown, vectorWrites: VectorWrites | undefined): BridgeError {
    const e = vectorWrites
      ? this.deps.vectorWrites.explainFailure(fromDriverError(err), vectorWrites)
      : fromDriverError(err);
    if (e.code === GrpcStatus.DEADLINE_EXCEEDED) return timeoutAsOutage(e, this.deps.session.main());
    if (
      e.code === GrpcStatus.INVALID_ARGUMENT &&
      /does not exist|unconfigured table|undefined column/i.test(e.message)
    ) {
      this.deps.onSchemaStale();
    }
    return e;
  }

  /**
   * Refuses at once what cannot reach its consistency level with the nodes the driver sees up, and
   * returns the keyspaces the statements touch (to watch while they run).
   */
  private checkReplicas(
    statements: ClassifiedStatement[],
    keyspace: string | undefined,
    consistency: number | undefined,
  ): string[] {
    if (consistency === undefined) return [];
    const keyspaces = new Set<string>();
    for (const statement of statements) {
      try {
        for (const table of tablesOf(statement, keyspace)) keyspaces.add(table.keyspace);
      } catch {
        // An unqualified table without a keyspace: Cassandra will say so.
      }
    }
    for (const name of keyspaces) this.deps.session.checkReplicas(name, consistency);
    return [...keyspaces];
  }

  private pageSize(requested: number | undefined): number {
    if (requested === undefined || requested === null) return this.deps.defaultPageSize;
    if (!Number.isInteger(requested) || requested <= 0) {
      throw BridgeError.invalid(`Invalid page size ${requested}: it must be a positive integer`);
    }
    return requested;
  }

  /**
   * The driver's own timeout stays at the configured value even when the caller's deadline is
   * shorter: the caller stops waiting at its deadline, but a driver timeout counts against the
   * connection (after 64 the driver closes it as defunct), so a client asking for 1 ms must not
   * be able to take connections down.
   */
  private timeout(limits: ExecutionLimits): number {
    if (limits.timeoutMs !== undefined && limits.timeoutMs <= 0) {
      throw new BridgeError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded before the request started');
    }
    return this.deps.requestTimeoutMs;
  }
}

const changeTypes = { CREATED: 0, UPDATED: 1, DROPPED: 2 } as const;
const targets = { KEYSPACE: 0, TABLE: 1, TYPE: 2, FUNCTION: 3, AGGREGATE: 4 } as const;

function toSchemaChange(info: SchemaChangeInfo): SchemaChange {
  const change: SchemaChange = {
    changeType: changeTypes[info.changeType],
    target: targets[info.target],
    keyspace: info.keyspace ?? '',
  };
  if (info.name !== undefined) change.name = { value: info.name };
  return change;
}
