// The bridge's operations, independent of how they arrive (a unary RPC or a message on the
// multiplexed stream): same checks, same answers.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { AuthorizeSchemaReadsRequest__Output } from '../../../common/src/proto/generated/stargate/AuthorizeSchemaReadsRequest.js';
import type { AuthorizeSchemaReadsResponse } from '../../../common/src/proto/generated/stargate/AuthorizeSchemaReadsResponse.js';
import type { Batch__Output } from '../../../common/src/proto/generated/stargate/Batch.js';
import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { DescribeKeyspaceQuery__Output } from '../../../common/src/proto/generated/stargate/DescribeKeyspaceQuery.js';
import type { Query__Output } from '../../../common/src/proto/generated/stargate/Query.js';
import type { QueryWithSchema__Output } from '../../../common/src/proto/generated/stargate/QueryWithSchema.js';
import type { QueryWithSchemaResponse } from '../../../common/src/proto/generated/stargate/QueryWithSchemaResponse.js';
import type { Response } from '../../../common/src/proto/generated/stargate/Response.js';
import type { SupportedFeaturesResponse } from '../../../common/src/proto/generated/stargate/SupportedFeaturesResponse.js';
import type { Principal } from '../auth/authenticator.js';
import { columnsFromDescription, scopeQuery, type TableColumns } from '../auth/row-claims-scope.js';
import type { StatementAuthorizer } from '../auth/statement-authorizer.js';
import type { CassandraSession } from '../cassandra/cassandra-session.js';
import type { ClassifiedStatement } from '../cql/classify-statement.js';
import { BridgeError } from '../errors/bridge-error.js';
import { fromDriverError } from '../errors/from-driver-error.js';
import type { QueryExecutor } from '../query/query-executor.js';
import type { KeyspaceSchemaCache } from '../schema/keyspace-schema-cache.js';
import { readSupportedFeatures } from '../schema/supported-features.js';

export interface CallContext {
  principal: Principal;
  /** X-Tenant-Id (tenant_id on the multiplexed stream): served by TenantOperations when on. */
  tenant?: string;
  /** Time left before the caller's deadline, if it set one. */
  timeoutMs?: number;
}

export interface BridgeOperationsDeps {
  session: CassandraSession;
  executor: QueryExecutor;
  schemaCache: KeyspaceSchemaCache;
  authorizer: StatementAuthorizer;
}

export class BridgeOperations {
  private features: Promise<SupportedFeaturesResponse> | undefined;

  constructor(private readonly deps: BridgeOperationsDeps) {}

  async executeQuery(query: Query__Output, ctx: CallContext): Promise<Response> {
    const scoped = ctx.principal.rowClaims?.size
      ? await this.applyRowClaims(query, query.parameters?.keyspace?.value, ctx)
      : query;
    return this.deps.executor.executeQuery(scoped, this.limits(ctx));
  }

  async executeBatch(batch: Batch__Output, ctx: CallContext): Promise<Response> {
    if (ctx.principal.rowClaims?.size) {
      const keyspace = batch.parameters?.keyspace?.value;
      const queries = [];
      for (const q of batch.queries ?? []) queries.push(await this.applyRowClaims(q, keyspace, ctx));
      batch = { ...batch, queries };
    }
    return this.deps.executor.executeBatch(batch, this.limits(ctx));
  }

  /**
   * A JWT's row claims applied to a statement before it runs. The role's grants are checked first,
   * so reading the table's columns tells a caller nothing about a table it may not use.
   */
  private async applyRowClaims<Q extends { cql?: string }>(
    query: Q,
    keyspace: string | undefined,
    ctx: CallContext,
  ): Promise<Q> {
    const statement = this.deps.executor.classify(query.cql ?? '', keyspace);
    await this.limits(ctx).authorize(statement, keyspace);
    const scoped = await scopeQuery(
      query as Query__Output,
      statement,
      keyspace,
      ctx.principal.rowClaims!,
      (ks, table) => this.columnsOf(ks, table),
    );
    return scoped as unknown as Q;
  }

  private async columnsOf(keyspace: string, table: string): Promise<TableColumns | undefined> {
    const cached = await this.describe(keyspace);
    const columns = cached && columnsFromDescription(cached, table);
    if (columns) return columns;
    // Unknown from the cache: maybe created since; ask Cassandra before calling it unknown.
    const fresh = await this.describe(keyspace, true);
    return fresh && columnsFromDescription(fresh, table);
  }

  private limits(ctx: CallContext) {
    return {
      timeoutMs: ctx.timeoutMs,
      authorize: (statement: ClassifiedStatement, keyspace: string | undefined) =>
        this.deps.authorizer.authorize(ctx.principal, statement, keyspace).catch((err) => {
          throw fromDriverError(err);
        }),
    };
  }

  async executeQueryWithSchema(
    request: QueryWithSchema__Output,
    ctx: CallContext,
  ): Promise<QueryWithSchemaResponse> {
    const keyspace = request.keyspaceName ?? '';
    if (!keyspace) throw BridgeError.invalid('QueryWithSchema needs a keyspace_name');
    const current = await this.describe(keyspace);
    if (!current) return { noKeyspace: {} };
    if (current.hash?.value !== (request.keyspaceHash ?? 0)) return { newKeyspace: current };
    if (!request.query) throw BridgeError.invalid('QueryWithSchema needs a query');
    return { response: await this.executeQuery(request.query, ctx) };
  }

  async describeKeyspace(
    request: DescribeKeyspaceQuery__Output,
    _ctx?: CallContext,
  ): Promise<CqlKeyspaceDescribe> {
    const keyspace = request.keyspaceName ?? '';
    if (!keyspace) throw BridgeError.invalid('DescribeKeyspace needs a keyspace_name');
    const description = await this.describe(keyspace, true);
    if (!description) throw new BridgeError(GrpcStatus.NOT_FOUND, `Keyspace '${keyspace}' not found`);
    // Still valid: answer empty so the caller keeps its copy.
    if (request.hash && request.hash.value === description.hash?.value) return {};
    return description;
  }

  async authorizeSchemaReads(
    request: AuthorizeSchemaReadsRequest__Output,
    ctx: CallContext,
  ): Promise<AuthorizeSchemaReadsResponse> {
    try {
      return {
        authorized: await this.deps.authorizer.authorizeSchemaReads(ctx.principal, request.schemaReads ?? []),
      };
    } catch (err) {
      throw fromDriverError(err);
    }
  }

  getSupportedFeatures(): Promise<SupportedFeaturesResponse> {
    if (!this.features) {
      this.features = readSupportedFeatures(this.deps.session.main()).catch((err) => {
        this.features = undefined;
        throw fromDriverError(err);
      });
    }
    return this.features;
  }

  private async describe(keyspace: string, fresh = false): Promise<CqlKeyspaceDescribe | undefined> {
    try {
      return await (fresh ? this.deps.schemaCache.getFresh(keyspace) : this.deps.schemaCache.get(keyspace));
    } catch (err) {
      throw fromDriverError(err);
    }
  }
}
