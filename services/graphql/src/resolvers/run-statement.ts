// Runs one CQL statement translated from the keyspace's cached description, with
// ExecuteQueryWithSchema: one bridge round trip, and a new translation if the bridge answers that
// the keyspace changed since (the new description is then cached by SchemaCache).
import type { RequestOptions } from '../../../common/src/bridge/bridge-client.js';
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
  const sent = await sendTranslated(deps, context, keyspace, translate, (hash, query, options) =>
    deps.schemaCache.send(keyspace, hash, query, options),
  );
  return sent.response;
}

/** runQuery with the response left as the bridge's encoded bytes (row reads build their rows from them). */
export async function runQueryEncoded(
  deps: ResolverDeps,
  context: GraphqlContext,
  keyspace: string,
  translate: (description: KeyspaceDescription) => Query,
): Promise<Buffer> {
  const sent = await sendTranslated(deps, context, keyspace, translate, (hash, query, options) =>
    deps.schemaCache.sendEncoded(keyspace, hash, query, options),
  );
  return sent.encodedResponse;
}

/** Sends the query translated from the cached description, translating again while the keyspace moves. */
async function sendTranslated<Answer extends object>(
  deps: ResolverDeps,
  context: GraphqlContext,
  keyspace: string,
  translate: (description: KeyspaceDescription) => Query,
  send: (
    keyspaceHash: number,
    query: Query,
    options: RequestOptions,
  ) => Promise<Answer | { moved: KeyspaceDescription }>,
): Promise<Answer> {
  const options = { token: context.token, deadlineMs: deps.deadlineMs };
  let description = await deps.schemaCache.get(keyspace, options);
  for (let attempt = 0; attempt < SCHEMA_ATTEMPTS; attempt++) {
    if (!description) throw new KeyspaceNotFoundError(keyspace);
    const sent = await send(keyspaceHash(description), translate(description), options);
    if (!('moved' in sent)) return sent;
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
