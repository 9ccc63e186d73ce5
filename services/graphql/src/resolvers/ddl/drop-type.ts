// Mutation.dropType(keyspaceName, typeName, ifExists).
import { buildDropType } from '../../../../common/src/cql/ddl.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';

export function dropType(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const keyspace = String(args.keyspaceName);
    const statement = buildDropType({
      keyspace,
      name: String(args.typeName),
      ifExists: args.ifExists === true,
    });
    return runSchemaChange(deps, context, keyspace, statement);
  };
}
