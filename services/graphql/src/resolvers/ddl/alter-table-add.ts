// Mutation.alterTableAdd: adds columns (at least one) to a table.
import { buildAddColumns } from '../../../../common/src/cql/ddl.js';
import { cqlTypeOf } from '../../translate/data-types.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';
import { type ColumnInput, nonEmpty } from './ddl-inputs.js';

export function alterTableAdd(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const columns = nonEmpty(args.toAdd as Array<ColumnInput | null>, 'toAdd');
    const keyspace = String(args.keyspaceName);
    const statement = buildAddColumns({
      keyspace,
      table: String(args.tableName),
      columns: columns.map((c) => ({ name: c.name, type: cqlTypeOf(c.type) })),
    });
    return runSchemaChange(deps, context, keyspace, statement);
  };
}
