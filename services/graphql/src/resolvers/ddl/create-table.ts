// Mutation.createTable: partition keys (at least one), clustering keys with their order (ASC
// unless said), other columns; types given as the DDL schema's DataTypeInput.
import { buildCreateTable } from '../../../../common/src/cql/ddl.js';
import { cqlTypeOf } from '../../translate/data-types.js';
import { ValueError } from '../../translate/graphql-values.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';
import { type ColumnInput, isPresent, nonEmpty } from './ddl-inputs.js';

type ClusteringKeyInput = ColumnInput & { order?: string | null };

export function createTable(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const partitionKeys = nonEmpty(args.partitionKeys as Array<ColumnInput | null>, 'partitionKeys');
    const clusteringKeys = ((args.clusteringKeys as Array<ClusteringKeyInput | null>) ?? []).filter(
      isPresent,
    );
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
    return runSchemaChange(deps, context, keyspace, statement);
  };
}

function clusteringOrder(order: string | null | undefined): 'ASC' | 'DESC' {
  if (order === null || order === undefined) return 'ASC';
  const upper = order.toUpperCase();
  if (upper !== 'ASC' && upper !== 'DESC')
    throw new ValueError(`Invalid clustering order '${order}': use ASC or DESC`);
  return upper;
}
