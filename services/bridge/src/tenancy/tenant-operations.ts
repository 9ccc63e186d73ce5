// The bridge's operations for a request that carries a tenant (BRIDGE_TENANT_KEYSPACES=true): the
// same checks and answers as BridgeOperations, on the tenant's stored keyspaces. Statements are
// rewritten to name them (scope-statement.ts); keyspace descriptions show the tenant's name with
// global_name the stored one (as Stargate's CqlKeyspace); system_schema rows are filtered to the
// tenant's keyspaces and shown by the tenant's names; a keyspace that exists only outside the
// tenant (another tenant's stored name, or one of nobody) is refused with PERMISSION_DENIED rather
// than reported missing. A request without a tenant is served as before.

import { status as GrpcStatus } from '@grpc/grpc-js';
import { AUTH_KEYSPACE } from '../../../common/src/auth/private-keyspaces.js';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import type { AuthorizeSchemaReadsRequest__Output } from '../../../common/src/proto/generated/stargate/AuthorizeSchemaReadsRequest.js';
import type { AuthorizeSchemaReadsResponse } from '../../../common/src/proto/generated/stargate/AuthorizeSchemaReadsResponse.js';
import type { Batch__Output } from '../../../common/src/proto/generated/stargate/Batch.js';
import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { DescribeKeyspaceQuery__Output } from '../../../common/src/proto/generated/stargate/DescribeKeyspaceQuery.js';
import type { Query__Output } from '../../../common/src/proto/generated/stargate/Query.js';
import type { QueryWithSchema__Output } from '../../../common/src/proto/generated/stargate/QueryWithSchema.js';
import type { QueryWithSchemaResponse } from '../../../common/src/proto/generated/stargate/QueryWithSchemaResponse.js';
import type { Response } from '../../../common/src/proto/generated/stargate/Response.js';
import type { ResultSet } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import { isKeptStatement } from '../cassandra/long-statement-budget.js';
import { classifyStatement } from '../cql/classify-statement.js';
import { CqlLexError } from '../cql/tokenize-cql.js';
import { BridgeError } from '../errors/bridge-error.js';
import { fromDriverError } from '../errors/from-driver-error.js';
import { BridgeOperations, type BridgeOperationsDeps, type CallContext } from '../rpc/bridge-operations.js';
import { type ScopedStatement, scopeStatement } from './scope-statement.js';
import { TenantKeyspaces } from './tenant-keyspaces.js';

// Rewrites are cached like classifications (the same statements come back, prepared), and like them
// long ones are not kept: the cache counts entries, and each kept its statement twice (key and
// rewrite), so 27 distinct ~4 MB statements of a tenant once filled the bridge's 160 MiB heap
// (test/integration/tenancy/long-statements.test.ts).
const MAX_SCOPED = 5000;
// Cassandra's keyspaces, present and future (system_*), and the bridge's token keyspace.
const SYSTEM_KEYSPACE_NAME = /^system(_\w+)?$/;

function isSystemKeyspace(name: string): boolean {
  return SYSTEM_KEYSPACE_NAME.test(name) || name === AUTH_KEYSPACE;
}

export class TenantOperations extends BridgeOperations {
  private readonly scoped = new BoundedCache<string, ScopedStatement>({ maxEntries: MAX_SCOPED });
  private readonly tenants = new Map<string, TenantKeyspaces>();

  constructor(private readonly base: BridgeOperationsDeps) {
    super(base);
  }

  override async executeQuery(query: Query__Output, ctx: CallContext): Promise<Response> {
    const tenant = this.tenantOf(ctx);
    if (!tenant) return super.executeQuery(query, ctx);
    const scoped = this.scope(query.cql ?? '', tenant);
    const params = query.parameters ?? undefined;
    const keyspace = params?.keyspace?.value;
    const rewritten: Query__Output = {
      ...query,
      cql: scoped.cql,
      values: decorateMarkers(query.values, scoped.keyspaceMarkers, tenant),
      parameters: params && {
        ...params,
        keyspace: keyspace ? { value: this.decorateKeyspace(keyspace, tenant) } : params.keyspace,
        // A listing needs the column names to find keyspace_name (dropped again below).
        skipMetadata: scoped.schemaListing ? false : params.skipMetadata,
      },
    };
    const names = keyspace ? [...scoped.keyspaces, keyspace] : scoped.keyspaces;
    const response = await this.guard(tenant, names, () => super.executeQuery(rewritten, ctx));
    return this.localResponse(response, scoped, tenant, params?.skipMetadata === true);
  }

  override async executeBatch(batch: Batch__Output, ctx: CallContext): Promise<Response> {
    const tenant = this.tenantOf(ctx);
    if (!tenant) return super.executeBatch(batch, ctx);
    const params = batch.parameters ?? undefined;
    const keyspace = params?.keyspace?.value;
    const names = keyspace ? [keyspace] : [];
    const queries = (batch.queries ?? []).map((q) => {
      const scoped = this.scope(q.cql ?? '', tenant);
      names.push(...scoped.keyspaces);
      return { ...q, cql: scoped.cql };
    });
    const rewritten: Batch__Output = {
      ...batch,
      queries,
      parameters: params && {
        ...params,
        keyspace: keyspace ? { value: this.decorateKeyspace(keyspace, tenant) } : params.keyspace,
      },
    };
    const response = await this.guard(tenant, names, () => super.executeBatch(rewritten, ctx));
    return this.localResponse(response, undefined, tenant, false);
  }

  override async executeQueryWithSchema(
    request: QueryWithSchema__Output,
    ctx: CallContext,
  ): Promise<QueryWithSchemaResponse> {
    const tenant = this.tenantOf(ctx);
    if (!tenant) return super.executeQueryWithSchema(request, ctx);
    const keyspace = request.keyspaceName ?? '';
    if (!keyspace) throw BridgeError.invalid('QueryWithSchema needs a keyspace_name');
    const current = await this.describeStored(tenant, keyspace, false);
    if (!current) return { noKeyspace: {} };
    if (current.hash?.value !== (request.keyspaceHash ?? 0)) return { newKeyspace: current };
    if (!request.query) throw BridgeError.invalid('QueryWithSchema needs a query');
    return { response: await this.executeQuery(request.query, ctx) };
  }

  override async describeKeyspace(
    request: DescribeKeyspaceQuery__Output,
    ctx?: CallContext,
  ): Promise<CqlKeyspaceDescribe> {
    const tenant = ctx && this.tenantOf(ctx);
    if (!tenant) return super.describeKeyspace(request);
    const keyspace = request.keyspaceName ?? '';
    if (!keyspace) throw BridgeError.invalid('DescribeKeyspace needs a keyspace_name');
    const description = await this.describeStored(tenant, keyspace, true);
    if (!description) throw new BridgeError(GrpcStatus.NOT_FOUND, `Keyspace '${keyspace}' not found`);
    if (request.hash && request.hash.value === description.hash?.value) return {};
    return description;
  }

  override async authorizeSchemaReads(
    request: AuthorizeSchemaReadsRequest__Output,
    ctx: CallContext,
  ): Promise<AuthorizeSchemaReadsResponse> {
    const tenant = this.tenantOf(ctx);
    if (!tenant) return super.authorizeSchemaReads(request, ctx);
    // System keyspaces are not the tenant's: never authorized (the others answer in their place).
    const reads = request.schemaReads ?? [];
    const own = reads.filter((read) => !isSystemKeyspace(read.keyspaceName ?? ''));
    const schemaReads = own.map((read) => ({
      ...read,
      keyspaceName: this.decorateKeyspace(read.keyspaceName ?? '', tenant),
    }));
    const answers = (await super.authorizeSchemaReads({ ...request, schemaReads }, ctx)).authorized ?? [];
    let next = 0;
    return {
      authorized: reads.map((read) => (isSystemKeyspace(read.keyspaceName ?? '') ? false : answers[next++]!)),
    };
  }

  private tenantOf(ctx: CallContext): TenantKeyspaces | undefined {
    const id = ctx.tenant;
    if (id === undefined) return undefined;
    let tenant = this.tenants.get(id);
    if (!tenant) {
      if (this.tenants.size >= MAX_SCOPED) this.tenants.clear();
      tenant = new TenantKeyspaces(id);
      this.tenants.set(id, tenant);
    }
    return tenant;
  }

  private scope(cql: string, tenant: TenantKeyspaces): ScopedStatement {
    const key = isKeptStatement(cql) ? `${tenant.tenant}\u0000${cql}` : undefined;
    const cached = key && this.scoped.get(key);
    if (cached) return cached;
    if (!cql || cql.trim() === '') throw BridgeError.invalid('A query must have a non-empty cql string');
    let scoped: ScopedStatement;
    try {
      scoped = scopeStatement(cql, classifyStatement(cql), tenant);
    } catch (err) {
      if (err instanceof CqlLexError) throw BridgeError.invalid(`Invalid CQL: ${err.message}`);
      throw err;
    }
    if (key) this.scoped.set(key, scoped);
    return scoped;
  }

  /** QueryParameters.keyspace and schema reads: the stored name (system keyspaces are not the tenant's). */
  private decorateKeyspace(keyspace: string, tenant: TenantKeyspaces): string {
    if (isSystemKeyspace(keyspace)) throw tenant.notTheirs(keyspace);
    return tenant.decorate(keyspace);
  }

  /** The tenant's description of its keyspace: its own name, global_name the stored one. */
  private async describeStored(
    tenant: TenantKeyspaces,
    keyspace: string,
    fresh: boolean,
  ): Promise<CqlKeyspaceDescribe | undefined> {
    const stored = this.decorateKeyspace(keyspace, tenant);
    let description: CqlKeyspaceDescribe | undefined;
    try {
      description = await (fresh
        ? this.base.schemaCache.getFresh(stored)
        : this.base.schemaCache.get(stored));
    } catch (err) {
      throw fromDriverError(err);
    }
    if (!description) {
      await this.refuseForeign(tenant, [keyspace]);
      return undefined;
    }
    return {
      ...description,
      cqlKeyspace: { ...description.cqlKeyspace, name: keyspace, globalName: stored },
    };
  }

  /**
   * Runs the rewritten request; when it fails because a keyspace is missing, a name that exists
   * outside the tenant is refused as not the tenant's. Cassandra's messages show the tenant's names.
   */
  private async guard(
    tenant: TenantKeyspaces,
    names: string[],
    run: () => Promise<Response>,
  ): Promise<Response> {
    try {
      return await run();
    } catch (err) {
      const e = err instanceof BridgeError ? err : fromDriverError(err);
      if (
        e.code === GrpcStatus.INVALID_ARGUMENT &&
        /keyspace|does not exist|unconfigured table/i.test(e.message)
      ) {
        await this.refuseForeign(tenant, names);
      }
      throw new BridgeError(e.code, tenant.undecorateMessage(e.message), e.details);
    }
  }

  /** Throws PERMISSION_DENIED when one of the tenant's names is, as it stands, a keyspace outside the tenant. */
  private async refuseForeign(tenant: TenantKeyspaces, names: string[]): Promise<void> {
    for (const name of new Set(names)) {
      if (isSystemKeyspace(name)) continue;
      const rs = await this.base.session
        .main()
        .execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [name], {
          prepare: true,
          isIdempotent: true,
        })
        .catch(() => undefined);
      if (rs && rs.rows.length > 0) throw tenant.notTheirs(name);
    }
  }

  /** Schema changes by the tenant's names; system_schema rows of the tenant's keyspaces only. */
  private localResponse(
    response: Response,
    scoped: ScopedStatement | undefined,
    tenant: TenantKeyspaces,
    skipMetadata: boolean,
  ): Response {
    const out: Response = { ...response };
    if (response.schemaChange) {
      const stored = response.schemaChange.keyspace ?? '';
      out.schemaChange = { ...response.schemaChange, keyspace: tenant.undecorate(stored) ?? stored };
    }
    if (scoped?.schemaListing && response.resultSet) {
      out.resultSet = localRows(response.resultSet, tenant, skipMetadata, scoped.restricted);
    }
    return out;
  }
}

/** Keeps the rows whose keyspace_name is the tenant's, with the tenant's name in it. */
function localRows(
  resultSet: ResultSet,
  tenant: TenantKeyspaces,
  skipMetadata: boolean,
  restricted: boolean,
): ResultSet {
  // Its fields read one by one, not spread: the bridge's encoded result set (EncodedResultSet)
  // gives its rows and columns through getters, which a spread does not copy.
  const { columns, rows: allRows, pagingState } = resultSet;
  const column = (columns ?? []).findIndex((c) => c.name === 'keyspace_name');
  // Restricted to one of the tenant's stored names: every row is the tenant's already.
  if (column < 0 && restricted) return { rows: allRows, pagingState, columns: skipMetadata ? [] : columns };
  if (column < 0) {
    throw new BridgeError(
      GrpcStatus.PERMISSION_DENIED,
      `Tenant '${tenant.tenant}' may read system_schema only with keyspace_name selected or restricted`,
    );
  }
  const rows = [];
  for (const row of allRows ?? []) {
    const values = row.values ?? [];
    const local = tenant.undecorate(String(values[column]?.string ?? ''));
    if (local === undefined) continue;
    rows.push({ ...row, values: values.map((v, i) => (i === column ? { ...v, string: local } : v)) });
  }
  return { rows, pagingState, columns: skipMetadata ? [] : columns };
}

function decorateMarkers(
  values: Query__Output['values'],
  markers: number[],
  tenant: TenantKeyspaces,
): Query__Output['values'] {
  if (!values || markers.length === 0 || (values.valueNames ?? []).length > 0) return values;
  const given = [...(values.values ?? [])];
  for (const i of markers) {
    const value = given[i];
    if (value?.string !== undefined && value.string !== null) {
      given[i] = { ...value, string: tenant.decorate(value.string) };
    }
  }
  return { ...values, values: given };
}
