// Query.keyspace(name): the keyspace, described now, or null when there is none of that name.
import type { ResolverDeps } from '../graphql-context.js';
import { callOptions, type DdlResolver, keyspaceLoader } from './ddl-call.js';
import { KeyspaceView } from './keyspace-view.js';

export function keyspaceQuery(deps: ResolverDeps): DdlResolver {
  return async (_source, args, context) => {
    const name = String(args.name);
    const description = await deps.schemaCache.refresh(name, callOptions(deps, context));
    return description
      ? new KeyspaceView(name, undefined, keyspaceLoader(deps, name, context), description)
      : null;
  };
}
