// Query.keyspaces: every keyspace with its replication (one system query); a keyspace's tables
// and types are described only if the operation asks for them.
import type { Value__Output } from '../../../../common/src/proto/generated/stargate/Value.js';
import type { ResolverDeps } from '../graphql-context.js';
import { selectAll } from '../select-all.js';
import { type DdlResolver, keyspaceLoader } from './ddl-call.js';
import { KeyspaceView } from './keyspace-view.js';

export function keyspacesQuery(deps: ResolverDeps): DdlResolver {
  return async (_source, _args, context) => {
    const rows = await selectAll(
      deps,
      context.token,
      'SELECT keyspace_name, replication FROM system_schema.keyspaces',
    );
    return rows.map(
      ([name, replication]) =>
        new KeyspaceView(
          String(name?.string),
          stringMap(replication),
          keyspaceLoader(deps, String(name?.string), context),
        ),
    );
  };
}

function stringMap(value: Value__Output | undefined): Record<string, string> | undefined {
  const elements = value?.collection?.elements;
  if (!elements) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < elements.length; i += 2)
    out[String(elements[i]?.string)] = String(elements[i + 1]?.string);
  return out;
}
