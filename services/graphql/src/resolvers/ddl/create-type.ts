// Mutation.createType: a user-defined type with its fields (at least one).
import { buildCreateType } from '../../../../common/src/cql/ddl.js';
import { cqlTypeOf } from '../../translate/data-types.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';
import { type ColumnInput, nonEmpty } from './ddl-inputs.js';

export function createType(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const fields = nonEmpty(args.fields as Array<ColumnInput | null>, 'fields');
    const keyspace = String(args.keyspaceName);
    const statement = buildCreateType({
      keyspace,
      name: String(args.typeName),
      fields: fields.map((f) => ({ name: f.name, type: cqlTypeOf(f.type) })),
      ifNotExists: args.ifNotExists === true,
    });
    return runSchemaChange(deps, context, keyspace, statement);
  };
}
