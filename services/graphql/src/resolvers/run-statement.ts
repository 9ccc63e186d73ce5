// Runs one CQL statement built from the keyspace description, with ExecuteQueryWithSchema: one
// bridge round trip, and a rebuild if the keyspace changed since the description was cached.
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import type { Response__Output } from '../../../common/src/proto/generated/stargate/Response.js';
import type { KeyspaceDescription } from '../../../common/src/schema/schema-cache.js';
import type { Statement } from '../translate/mutation-statements.js';
import type { GraphqlContext, ResolverDeps } from './graphql-context.js';

export async function runStatement(
  deps: ResolverDeps,
  context: GraphqlContext,
  keyspace: string,
  build: (description: KeyspaceDescription) => Statement,
  parameters: QueryParameters,
): Promise<Response__Output> {
  const { response } = await deps.schemaCache.execute(
    keyspace,
    (description) => {
      const statement = build(description);
      return { cql: statement.cql, values: { values: statement.values }, parameters };
    },
    { token: context.token, deadlineMs: deps.deadlineMs },
  );
  return response;
}
