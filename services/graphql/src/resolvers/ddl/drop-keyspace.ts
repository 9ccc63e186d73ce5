// Mutation.dropKeyspace(name, ifExists).
import { buildDropKeyspace } from '../../../../common/src/cql/ddl.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';

export function dropKeyspace(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const keyspace = String(args.name);
    return runSchemaChange(
      deps,
      context,
      keyspace,
      buildDropKeyspace({ keyspace, ifExists: args.ifExists === true }),
    );
  };
}
