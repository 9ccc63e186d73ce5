// Namespaces (keyspaces): read from system_schema.keyspaces, created with SimpleStrategy
// (`replicas`) or NetworkTopologyStrategy (`datacenters`), as Stargate's NamespacesResource.
import type { BridgeClient } from '../../../common/src/bridge/bridge-client.js';
import {
  buildCreateKeyspace,
  buildDropKeyspace,
  type Replication,
  type Statement,
} from '../../../common/src/cql/ddl.js';
import { buildSelect, toQuery } from '../../../common/src/cql/select.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import type { SchemaCache } from '../../../common/src/schema/schema-cache.js';
import { bridgeOptions, type RequestContext } from '../storage/request-context.js';

export interface Datacenter {
  name: string;
  replicas: number;
}

export interface Namespace {
  name: string;
  replicas?: number;
  datacenters?: Datacenter[];
}

export interface CreateNamespaceRequest {
  name: string;
  replicas?: number;
  datacenters?: Array<{ name: string; replicas?: number }>;
}

export class Namespaces {
  constructor(
    private readonly bridge: BridgeClient,
    private readonly cache: SchemaCache,
  ) {}

  async list(ctx: RequestContext): Promise<Namespace[]> {
    return this.query(ctx);
  }

  async get(ctx: RequestContext, name: string): Promise<Namespace> {
    const [found] = await this.query(ctx, name);
    if (!found) throw new ApiError('DATASTORE_KEYSPACE_DOES_NOT_EXIST', { namespace: name });
    return found;
  }

  async create(ctx: RequestContext, request: CreateNamespaceRequest): Promise<void> {
    const [existing] = await this.query(ctx, request.name);
    if (existing) throw new ApiError('DOCS_NAMESPACE_ALREADY_EXISTS', { namespace: request.name });
    const replication: Replication = request.datacenters?.length
      ? {
          strategy: 'NetworkTopologyStrategy',
          datacenters: Object.fromEntries(request.datacenters.map((dc) => [dc.name, dc.replicas ?? 3])),
        }
      : { strategy: 'SimpleStrategy', replicationFactor: request.replicas ?? 1 };
    await this.schemaChange(ctx, request.name, buildCreateKeyspace({ keyspace: request.name, replication }));
  }

  async drop(ctx: RequestContext, name: string): Promise<void> {
    await this.get(ctx, name);
    await this.schemaChange(ctx, name, buildDropKeyspace({ keyspace: name }));
  }

  private async schemaChange(ctx: RequestContext, name: string, statement: Statement): Promise<void> {
    try {
      await this.bridge.executeQuery(toQuery(statement), bridgeOptions(ctx, false));
      ctx.recorder?.record('Schema', statement.cql, 0);
    } finally {
      this.cache.invalidate(name);
    }
  }

  private async query(ctx: RequestContext, name?: string): Promise<Namespace[]> {
    const built = buildSelect({
      keyspace: 'system_schema',
      table: 'keyspaces',
      columns: ['keyspace_name', 'replication'],
      where: name === undefined ? [] : [{ column: 'keyspace_name', operator: '=', value: { string: name } }],
    });
    const response = await this.bridge.executeQuery(
      toQuery(built, { skipMetadata: true, pageSize: { value: 1000 } }),
      bridgeOptions(ctx, true),
    );
    ctx.recorder?.record('Namespaces', built.cql, response.resultSet?.rows?.length ?? 0);
    return (response.resultSet?.rows ?? [])
      .map((row) => toNamespace(row.values?.[0]?.string ?? '', row.values?.[1]))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}

function toNamespace(name: string, replication: Value__Output | undefined): Namespace {
  const elements = replication?.collection?.elements ?? [];
  const options = new Map<string, string>();
  for (let i = 0; i + 1 < elements.length; i += 2)
    options.set(elements[i]!.string ?? '', elements[i + 1]!.string ?? '');
  const strategy = options.get('class') ?? '';
  if (strategy.endsWith('SimpleStrategy')) {
    const replicas = Number(options.get('replication_factor'));
    return Number.isInteger(replicas) ? { name, replicas } : { name };
  }
  if (strategy.endsWith('NetworkTopologyStrategy')) {
    const datacenters = [...options.entries()]
      .filter(([k, v]) => k !== 'class' && /^\d+$/.test(v))
      .map(([dc, v]) => ({ name: dc, replicas: Number(v) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { name, datacenters };
  }
  return { name };
}
