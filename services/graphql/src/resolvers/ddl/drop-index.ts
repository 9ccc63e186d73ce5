// Mutation.dropIndex(keyspaceName, indexName, ifExists).
import { buildDropIndex } from '../../../../common/src/cql/ddl.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';

export function dropIndex(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const keyspace = String(args.keyspaceName);
    const statement = buildDropIndex({
      keyspace,
      index: String(args.indexName),
      ifExists: args.ifExists === true,
    });
    return runSchemaChange(deps, context, keyspace, statement);
  };
}
