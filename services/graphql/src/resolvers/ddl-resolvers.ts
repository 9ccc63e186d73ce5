// Resolvers of /graphql-schema. Reads come from keyspace descriptions (revalidated by hash, so a
// change made anywhere shows at once); schema changes run as single CQL statements built by
// common/src/cql/ddl.ts, after which this process's cached description is dropped.
import {
  buildAddColumns,
  buildCreateIndex,
  buildCreateKeyspace,
  buildCreateTable,
  buildCreateType,
  buildDropColumns,
  buildDropIndex,
  buildDropKeyspace,
  buildDropTable,
  buildDropType,
  type IndexKind,
  type Statement,
} from '../../../common/src/cql/ddl.js';
import {
  parseReplicationOptions,
  replicationOptionsOf,
} from '../../../common/src/cql/replication-options.js';
import type { KeyspaceDescription } from '../../../common/src/schema/schema-cache.js';
import { cqlTypeOf, type DataTypeInput, toDataType } from '../translate/data-types.js';
import { ValueError } from '../translate/graphql-values.js';
import type { GraphqlContext, ResolverDeps } from './graphql-context.js';
import { selectAll } from './select-all.js';

type Args = Record<string, unknown>;
type Resolver = (source: unknown, args: Args, context: GraphqlContext) => unknown;

interface ColumnInput {
  name: string;
  type: DataTypeInput;
}

/** A keyspace as the DDL schema shows it; its description is fetched once, when first needed. */
class KeyspaceView {
  private described?: Promise<KeyspaceDescription | undefined>;

  constructor(
    readonly name: string,
    private readonly replication: Record<string, string> | undefined,
    private readonly load: () => Promise<KeyspaceDescription | undefined>,
    description?: KeyspaceDescription,
  ) {
    if (description) this.described = Promise.resolve(description);
  }

  description(): Promise<KeyspaceDescription | undefined> {
    this.described ??= this.load();
    return this.described;
  }

  async dcs(): Promise<Array<{ name: string; replicas: number }>> {
    const replication =
      this.replication ??
      parseReplicationOptions((await this.description())?.cqlKeyspace?.options?.replication);
    return Object.entries(replication)
      .filter(([key]) => key !== 'class' && key !== 'replication_factor')
      .map(([name, replicas]) => ({ name, replicas: Number(replicas) }));
  }
}

export function ddlResolvers(deps: ResolverDeps): Record<string, Record<string, Resolver>> {
  const request = (context: GraphqlContext) => ({ token: context.token, deadlineMs: deps.deadlineMs });
  const describe = (name: string, context: GraphqlContext) => () =>
    deps.schemaCache.refresh(name, request(context));

  const run = async (context: GraphqlContext, keyspace: string, statement: Statement): Promise<boolean> => {
    try {
      await deps.bridge.executeQuery(
        { cql: statement.cql, values: { values: statement.values } },
        request(context),
      );
    } finally {
      deps.schemaCache.invalidate(keyspace);
    }
    return true;
  };

  const tablesOf = async (ks: KeyspaceView) => (await ks.description())?.tables ?? [];
  const typesOf = async (ks: KeyspaceView) => (await ks.description())?.types ?? [];

  return {
    Query: {
      keyspaces: async (_s, _a, context) => {
        const rows = await selectAll(
          deps,
          context.token,
          'SELECT keyspace_name, replication FROM system_schema.keyspaces',
        );
        return rows.map(
          ([name, replication]) =>
            new KeyspaceView(
              String(name?.string),
              replicationOptionsOf(replication),
              describe(String(name?.string), context),
            ),
        );
      },
      keyspace: async (_s, args, context) => {
        const name = String(args.name);
        const description = await deps.schemaCache.refresh(name, request(context));
        return description ? new KeyspaceView(name, undefined, describe(name, context), description) : null;
      },
    },
    Keyspace: {
      dcs: (ks) => (ks as KeyspaceView).dcs(),
      tables: async (ks) => (await tablesOf(ks as KeyspaceView)).map(tableView),
      table: async (ks, args) => {
        const table = (await tablesOf(ks as KeyspaceView)).find((t) => t.name === args.name);
        return table ? tableView(table) : null;
      },
      types: async (ks) => (await typesOf(ks as KeyspaceView)).map(typeView),
      type: async (ks, args) => {
        const udt = (await typesOf(ks as KeyspaceView)).find((t) => t.name === args.name);
        return udt ? typeView(udt) : null;
      },
    },
    Mutation: {
      createKeyspace: (_s, args, context) => {
        const name = String(args.name);
        const replicas = args.replicas as number | null | undefined;
        const datacenters = args.datacenters as Array<{
          name: string;
          replicas?: number | null;
        } | null> | null;
        if ((replicas === null || replicas === undefined) && !datacenters) {
          throw new ValueError('You must specify either replicas or datacenters');
        }
        if (replicas !== null && replicas !== undefined && datacenters) {
          throw new ValueError("You can't specify both replicas and datacenters");
        }
        if (datacenters && datacenters.length === 0)
          throw new ValueError('datacenters must contain at least one element');
        const statement = buildCreateKeyspace({
          keyspace: name,
          ifNotExists: args.ifNotExists === true,
          replication: datacenters
            ? {
                strategy: 'NetworkTopologyStrategy',
                datacenters: Object.fromEntries(
                  datacenters
                    .filter((dc) => dc)
                    .map((dc) => [dc!.name, positive(dc!.replicas ?? 3, 'replicas')]),
                ),
              }
            : { strategy: 'SimpleStrategy', replicationFactor: positive(replicas!, 'replicas') },
        });
        return run(context, name, statement);
      },
      dropKeyspace: (_s, args, context) =>
        run(
          context,
          String(args.name),
          buildDropKeyspace({ keyspace: String(args.name), ifExists: args.ifExists === true }),
        ),
      createTable: (_s, args, context) => {
        const partitionKeys = (args.partitionKeys as Array<ColumnInput | null>).filter(isPresent);
        if (partitionKeys.length === 0)
          throw new ValueError('partitionKeys must contain at least one element');
        const clusteringKeys = (
          (args.clusteringKeys as Array<(ColumnInput & { order?: string | null }) | null>) ?? []
        ).filter(isPresent);
        const values = ((args.values as Array<ColumnInput | null>) ?? []).filter(isPresent);
        const keyspace = String(args.keyspaceName);
        const statement = buildCreateTable({
          keyspace,
          table: String(args.tableName),
          columns: [...partitionKeys, ...clusteringKeys, ...values].map((c) => ({
            name: c.name,
            type: cqlTypeOf(c.type),
          })),
          partitionKey: partitionKeys.map((c) => c.name),
          clusteringKey: clusteringKeys.map((c) => c.name),
          clusteringOrder: clusteringKeys.map((c) => ({ column: c.name, order: clusteringOrder(c.order) })),
          ifNotExists: args.ifNotExists === true,
        });
        return run(context, keyspace, statement);
      },
      alterTableAdd: (_s, args, context) => {
        const columns = (args.toAdd as Array<ColumnInput | null>).filter(isPresent);
        if (columns.length === 0) throw new ValueError('toAdd must contain at least one element');
        const keyspace = String(args.keyspaceName);
        const table = String(args.tableName);
        const statement = buildAddColumns({
          keyspace,
          table,
          columns: columns.map((c) => ({ name: c.name, type: cqlTypeOf(c.type) })),
        });
        return run(context, keyspace, statement);
      },
      alterTableDrop: (_s, args, context) => {
        const columns = (args.toDrop as Array<string | null>).filter(isPresent);
        if (columns.length === 0) throw new ValueError('toDrop must contain at least one element');
        const keyspace = String(args.keyspaceName);
        return run(context, keyspace, buildDropColumns({ keyspace, table: String(args.tableName), columns }));
      },
      dropTable: (_s, args, context) => {
        const keyspace = String(args.keyspaceName);
        return run(
          context,
          keyspace,
          buildDropTable({ keyspace, table: String(args.tableName), ifExists: args.ifExists === true }),
        );
      },
      createType: (_s, args, context) => {
        const fields = (args.fields as Array<ColumnInput | null>).filter(isPresent);
        if (fields.length === 0) throw new ValueError('fields must contain at least one element');
        const keyspace = String(args.keyspaceName);
        const statement = buildCreateType({
          keyspace,
          name: String(args.typeName),
          fields: fields.map((f) => ({ name: f.name, type: cqlTypeOf(f.type) })),
          ifNotExists: args.ifNotExists === true,
        });
        return run(context, keyspace, statement);
      },
      dropType: (_s, args, context) => {
        const keyspace = String(args.keyspaceName);
        return run(
          context,
          keyspace,
          buildDropType({ keyspace, name: String(args.typeName), ifExists: args.ifExists === true }),
        );
      },
      createIndex: (_s, args, context) => {
        const keyspace = String(args.keyspaceName);
        const statement = buildCreateIndex({
          keyspace,
          table: String(args.tableName),
          column: String(args.columnName),
          name: (args.indexName as string | null) ?? undefined,
          kind: (args.indexKind as IndexKind | null) ?? undefined,
          customClass: (args.indexType as string | null) ?? undefined,
          ifNotExists: args.ifNotExists === true,
        });
        return run(context, keyspace, statement);
      },
      dropIndex: (_s, args, context) => {
        const keyspace = String(args.keyspaceName);
        return run(
          context,
          keyspace,
          buildDropIndex({ keyspace, index: String(args.indexName), ifExists: args.ifExists === true }),
        );
      },
    },
  };
}

function tableView(table: NonNullable<KeyspaceDescription['tables']>[number]) {
  const kinds: Array<[string, typeof table.columns]> = [
    ['PARTITION', table.partitionKeyColumns],
    ['CLUSTERING', table.clusteringKeyColumns],
    ['REGULAR', table.columns],
    ['STATIC', table.staticColumns],
  ];
  return {
    name: table.name,
    columns: kinds.flatMap(([kind, columns]) =>
      (columns ?? []).map((c) => ({ kind, name: c.name, type: toDataType(c.type) })),
    ),
  };
}

function typeView(udt: NonNullable<KeyspaceDescription['types']>[number]) {
  return {
    name: udt.name,
    fields: Object.entries(udt.fields ?? {}).map(([name, type]) => ({ name, type: toDataType(type) })),
  };
}

function clusteringOrder(order: string | null | undefined): 'ASC' | 'DESC' {
  if (order === null || order === undefined) return 'ASC';
  const upper = order.toUpperCase();
  if (upper !== 'ASC' && upper !== 'DESC')
    throw new ValueError(`Invalid clustering order '${order}': use ASC or DESC`);
  return upper;
}

function positive(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new ValueError(`${what} must be a positive integer, got ${n}`);
  return n;
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
