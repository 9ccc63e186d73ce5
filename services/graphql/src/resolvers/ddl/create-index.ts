// Mutation.createIndex: a secondary index, or a custom one (indexType, e.g. StorageAttachedIndex)
// with its indexOptions, with a kind (KEYS, VALUES, ENTRIES, FULL) for collections.
import { buildCreateIndex, type IndexKind } from '../../../../common/src/cql/ddl.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';
import { type IndexOptionInput, indexOptions } from './index-options.js';

export function createIndex(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const keyspace = String(args.keyspaceName);
    const customClass = (args.indexType as string | null) ?? undefined;
    const statement = buildCreateIndex({
      keyspace,
      table: String(args.tableName),
      column: String(args.columnName),
      name: (args.indexName as string | null) ?? undefined,
      kind: (args.indexKind as IndexKind | null) ?? undefined,
      customClass,
      options: indexOptions(args.indexOptions as Array<IndexOptionInput | null> | null, customClass),
      ifNotExists: args.ifNotExists === true,
    });
    return runSchemaChange(deps, context, keyspace, statement);
  };
}
