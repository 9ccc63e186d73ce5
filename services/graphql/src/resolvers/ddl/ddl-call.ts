// What every resolver of /graphql-schema shares: its signature, the options of its bridge calls,
// and how a schema change runs (one CQL statement built by common/src/cql/ddl.ts, after which
// this process's cached description of the keyspace is dropped).
import type { Statement } from '../../../../common/src/cql/ddl.js';
import type { KeyspaceDescription } from '../../../../common/src/schema/schema-cache.js';
import type { GraphqlContext, ResolverDeps } from '../graphql-context.js';

type DdlArgs = Record<string, unknown>;
export type DdlResolver = (source: unknown, args: DdlArgs, context: GraphqlContext) => unknown;

export function callOptions(deps: ResolverDeps, context: GraphqlContext) {
  return { token: context.token, deadlineMs: deps.deadlineMs };
}

/** Loads the keyspace's description, revalidated (a change made anywhere shows at once). */
export function keyspaceLoader(
  deps: ResolverDeps,
  name: string,
  context: GraphqlContext,
): () => Promise<KeyspaceDescription | undefined> {
  return () => deps.schemaCache.refresh(name, callOptions(deps, context));
}

/** Runs the statement; true, or the database's error. */
export async function runSchemaChange(
  deps: ResolverDeps,
  context: GraphqlContext,
  keyspace: string,
  statement: Statement,
): Promise<boolean> {
  try {
    await deps.bridge.executeQuery(
      { cql: statement.cql, values: { values: statement.values } },
      callOptions(deps, context),
    );
  } finally {
    deps.schemaCache.invalidate(keyspace);
  }
  return true;
}
