// Query.keyspaces: every keyspace with its replication (one system query); a keyspace's tables
// and types are described only if the operation asks for them.
import { replicationOptionsOf } from '../../../../common/src/cql/replication-options.js';
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
          replicationOptionsOf(replication),
          keyspaceLoader(deps, String(name?.string), context),
        ),
    );
  };
}
