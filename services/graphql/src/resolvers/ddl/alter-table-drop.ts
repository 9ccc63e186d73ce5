// Mutation.alterTableDrop: drops columns (at least one) of a table.
import { buildDropColumns } from '../../../../common/src/cql/ddl.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';
import { nonEmpty } from './ddl-inputs.js';

export function alterTableDrop(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const columns = nonEmpty(args.toDrop as Array<string | null>, 'toDrop');
    const keyspace = String(args.keyspaceName);
    const statement = buildDropColumns({ keyspace, table: String(args.tableName), columns });
    return runSchemaChange(deps, context, keyspace, statement);
  };
}
