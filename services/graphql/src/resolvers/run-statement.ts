// Runs one CQL statement translated from the keyspace's cached description, with
// ExecuteQueryWithSchema: one bridge round trip, and a new translation if the bridge answers that
// the keyspace changed since (the new description is then cached by SchemaCache).
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import type { Response__Output } from '../../../common/src/proto/generated/stargate/Response.js';
import {
  type KeyspaceDescription,
  KeyspaceNotFoundError,
  keyspaceHash,
  SCHEMA_ATTEMPTS,
  schemaKeptChanging,
} from '../../../common/src/schema/schema-cache.js';
import type { Statement } from '../translate/mutation-statements.js';
import type { GraphqlContext, ResolverDeps } from './graphql-context.js';

export async function runQuery(
  deps: ResolverDeps,
  context: GraphqlContext,
  keyspace: string,
  translate: (description: KeyspaceDescription) => Query,
): Promise<Response__Output> {
  const options = { token: context.token, deadlineMs: deps.deadlineMs };
  let description = await deps.schemaCache.get(keyspace, options);
  for (let attempt = 0; attempt < SCHEMA_ATTEMPTS; attempt++) {
    if (!description) throw new KeyspaceNotFoundError(keyspace);
    const query = translate(description);
    const sent = await deps.schemaCache.send(keyspace, keyspaceHash(description), query, options);
    if ('response' in sent) return sent.response;
    description = sent.moved;
  }
  throw schemaKeptChanging(keyspace);
}

export function runStatement(
  deps: ResolverDeps,
  context: GraphqlContext,
  keyspace: string,
  translate: (description: KeyspaceDescription) => Statement,
  parameters: QueryParameters,
): Promise<Response__Output> {
  return runQuery(deps, context, keyspace, (description) => {
    const statement = translate(description);
    return { cql: statement.cql, values: { values: statement.values }, parameters };
  });
}
