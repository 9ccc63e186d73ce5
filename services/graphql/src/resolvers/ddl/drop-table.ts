// Mutation.dropTable(keyspaceName, tableName, ifExists).
import { buildDropTable } from '../../../../common/src/cql/ddl.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';

export function dropTable(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const keyspace = String(args.keyspaceName);
    const statement = buildDropTable({
      keyspace,
      table: String(args.tableName),
      ifExists: args.ifExists === true,
    });
    return runSchemaChange(deps, context, keyspace, statement);
  };
}
