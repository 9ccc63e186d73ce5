// Resolvers of /graphql-schema, one per file in ddl/: reads come from keyspace descriptions
// (revalidated, so a change made anywhere shows at once); schema changes run as single CQL
// statements (ddl/ddl-call.ts).
import { alterTableAdd } from './ddl/alter-table-add.js';
import { alterTableDrop } from './ddl/alter-table-drop.js';
import { createIndex } from './ddl/create-index.js';
import { createKeyspace } from './ddl/create-keyspace.js';
import { createTable } from './ddl/create-table.js';
import { createType } from './ddl/create-type.js';
import type { DdlResolver } from './ddl/ddl-call.js';
import { dropIndex } from './ddl/drop-index.js';
import { dropKeyspace } from './ddl/drop-keyspace.js';
import { dropTable } from './ddl/drop-table.js';
import { dropType } from './ddl/drop-type.js';
import { keyspaceFields } from './ddl/keyspace-fields.js';
import { keyspaceQuery } from './ddl/keyspace-query.js';
import { keyspacesQuery } from './ddl/keyspaces-query.js';
import type { ResolverDeps } from './graphql-context.js';

export function ddlResolvers(deps: ResolverDeps): Record<string, Record<string, DdlResolver>> {
  return {
    Query: { keyspaces: keyspacesQuery(deps), keyspace: keyspaceQuery(deps) },
    Keyspace: keyspaceFields,
    Mutation: {
      createKeyspace: createKeyspace(deps),
      dropKeyspace: dropKeyspace(deps),
      createTable: createTable(deps),
      alterTableAdd: alterTableAdd(deps),
      alterTableDrop: alterTableDrop(deps),
      dropTable: dropTable(deps),
      createType: createType(deps),
      dropType: dropType(deps),
      createIndex: createIndex(deps),
      dropIndex: dropIndex(deps),
    },
  };
}
