// The CQL-first schema of one keyspace (Stargate's DmlSchemaBuilder): for each table T a query
// T(value, filter, orderBy, groupBy, options): TResult{pageState, values: [T]} (T carries the
// aggregation fields _int_function … _tinyint_function), the deprecated TFilter
// query, and insertT/bulkInsertT/updateT/deleteT mutations returning TMutationResult; the
// @atomic and @async directives; conversionWarnings lists what could not be mapped.
// Beyond Stargate, a table with vector<float, n> columns gets vector search: T(ann: TAnnInput)
// and the score field T._similarity(function: SimilarityFunction).

import { SIMILARITY_FUNCTIONS } from '../../../common/src/cql/vector-search.js';
import type { ColumnSpec__Output } from '../../../common/src/proto/generated/stargate/ColumnSpec.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import type { KeyspaceDescription } from '../../../common/src/schema/schema-cache.js';
import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  GraphQLFloat,
  type GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  specifiedDirectives,
  validateSchema,
} from '../graphql-js.js';
import {
  aggregateFieldResolver,
  mutationResolver,
  similarityFieldResolver,
  tableQueryResolver,
} from '../resolvers/dml-resolvers.js';
import type { ResolverDeps } from '../resolvers/graphql-context.js';
import { SIMILARITY_FIELD } from '../resolvers/selection.js';
import type { MutationSpec } from '../respond/mutation-result.js';
import { AGGREGATE_FIELDS, type AggregateField } from '../translate/aggregates.js';
import { MAX_ANN_LIMIT } from '../translate/ann-search.js';
import type { MutationKind } from '../translate/mutation-statements.js';
import { allColumns, type TableRef } from '../translate/table-ref.js';
import { isFloatVector } from '../translate/vector-values.js';
import { cqlScalar } from './cql-scalars.js';
import { FieldTypes } from './field-types.js';
import { NameMapping } from './name-mapping.js';

const queryConsistency = new GraphQLEnumType({
  name: 'QueryConsistency',
  values: { LOCAL_ONE: {}, LOCAL_QUORUM: {}, ALL: {}, SERIAL: {}, LOCAL_SERIAL: {} },
});
const mutationConsistency = new GraphQLEnumType({
  name: 'MutationConsistency',
  values: { LOCAL_ONE: {}, LOCAL_QUORUM: {}, ALL: {} },
});
const serialConsistency = new GraphQLEnumType({
  name: 'SerialConsistency',
  values: { SERIAL: {}, LOCAL_SERIAL: {} },
});
const queryOptions = new GraphQLInputObjectType({
  name: 'QueryOptions',
  description: 'The execution options for the query.',
  fields: {
    consistency: { type: queryConsistency, defaultValue: 'LOCAL_QUORUM' },
    limit: { type: GraphQLInt },
    pageSize: { type: GraphQLInt, defaultValue: 100 },
    pageState: { type: GraphQLString },
  },
});
const mutationOptions = new GraphQLInputObjectType({
  name: 'MutationOptions',
  description: 'The execution options for the mutation.',
  fields: {
    consistency: { type: mutationConsistency, defaultValue: 'LOCAL_QUORUM' },
    serialConsistency: { type: serialConsistency, defaultValue: 'SERIAL' },
    ttl: { type: GraphQLInt },
  },
});
const SIMILARITY_DESCRIPTIONS: Record<(typeof SIMILARITY_FUNCTIONS)[number], string> = {
  COSINE: '(1 + cosine of the angle) / 2',
  DOT_PRODUCT: '(1 + dot product) / 2, for vectors of length 1',
  EUCLIDEAN: '1 / (1 + squared euclidean distance)',
};
const similarityFunction = new GraphQLEnumType({
  name: 'SimilarityFunction',
  description:
    "How a vector search scores rows (Cassandra's similarity_cosine, … functions): 0 to 1, higher is closer.",
  values: Object.fromEntries(
    SIMILARITY_FUNCTIONS.map((fn) => [fn, { value: fn, description: SIMILARITY_DESCRIPTIONS[fn] }]),
  ),
});
const similarityField: GraphQLFieldConfig<unknown, unknown> = {
  type: GraphQLFloat,
  description:
    "The row's similarity to the query vector of the vector search (the query's ann argument), 0 to 1, higher is closer.",
  args: {
    function: {
      type: similarityFunction,
      description: "The similarity function; by default the one of the searched column's SAI index.",
    },
  },
  resolve: similarityFieldResolver() as GraphQLFieldConfig<unknown, unknown>['resolve'],
  // Tells the score from a column that bears the same name (resolvers/selection.ts).
  extensions: { similarityScore: true },
};

const atomicDirective = new GraphQLDirective({
  name: 'atomic',
  description: 'Instructs the server to apply the mutations in a LOGGED batch',
  locations: [DirectiveLocation.MUTATION],
});
const asyncDirective = new GraphQLDirective({
  name: 'async',
  description: 'Instructs the server to apply the mutations asynchronously without waiting for the result.',
  locations: [DirectiveLocation.MUTATION],
});

export function buildDmlSchema(
  description: KeyspaceDescription,
  keyspace: string,
  deps: ResolverDeps,
): GraphQLSchema {
  const schema = validOrUndefined(() => buildSchemaFor(description, keyspace, deps, []));
  if (schema) return schema;
  // A name clash that no escaping rule foresaw (e.g. tables "String" and "StringFilter"): keep
  // the tables that fit together and report the others, rather than failing the whole keyspace.
  const tables = description.tables ?? [];
  const skipped: string[] = [];
  for (let i = 0; i < tables.length; i++) {
    const subset = {
      ...description,
      tables: tables.slice(0, i + 1).filter((t) => !skipped.includes(t.name ?? '')),
    };
    if (!validOrUndefined(() => buildSchemaFor(subset, keyspace, deps, [])))
      skipped.push(tables[i]!.name ?? '');
  }
  const kept = { ...description, tables: tables.filter((t) => !skipped.includes(t.name ?? '')) };
  return buildSchemaFor(kept, keyspace, deps, skipped);
}

function validOrUndefined(build: () => GraphQLSchema): GraphQLSchema | undefined {
  try {
    const schema = build();
    return validateSchema(schema).length === 0 ? schema : undefined;
  } catch {
    // GraphQLSchema's constructor throws on some conflicts (two types with one name).
    return undefined;
  }
}

const aggregateFields: GraphQLFieldConfigMap<unknown, unknown> = Object.fromEntries(
  (Object.keys(AGGREGATE_FIELDS) as AggregateField[]).map((field) => {
    const scalarName = AGGREGATE_FIELDS[field];
    const type: GraphQLScalarType =
      scalarName === 'Int' ? GraphQLInt : scalarName === 'Float' ? GraphQLFloat : cqlScalar(scalarName);
    const config: GraphQLFieldConfig<unknown, unknown> = {
      type,
      description: `Invocation of an aggregate function that returns ${scalarName}.`,
      args: {
        name: { type: new GraphQLNonNull(GraphQLString), description: 'Name of the function to invoke' },
        args: {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))),
          description: 'Arguments passed to a function. It can be a list of column names.',
        },
      },
      resolve: aggregateFieldResolver(field) as GraphQLFieldConfig<unknown, unknown>['resolve'],
    };
    return [field, config];
  }),
);

function withoutKeys<T>(fields: Record<string, T>, taken: Record<string, unknown>): Record<string, T> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !Object.hasOwn(taken, name)));
}

function buildSchemaFor(
  description: KeyspaceDescription,
  keyspace: string,
  deps: ResolverDeps,
  skipped: readonly string[],
): GraphQLSchema {
  const names = new NameMapping(description.tables ?? [], description.types ?? []);
  for (const table of skipped) {
    names.warnings.push(
      `Could not convert table ${table} because its GraphQL types would collide with others, skipping`,
    );
  }
  const types = new FieldTypes(names);
  const queries: GraphQLFieldConfigMap<unknown, unknown> = {};
  const mutations: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const table of description.tables ?? []) {
    const graphqlTable = names.tableName(table.name ?? '');
    const columns = names.columnNames(table.name ?? '');
    if (!graphqlTable || !columns) continue;
    const ref: TableRef = { keyspace, cqlTable: table.name ?? '', graphqlTable, columns, names };
    try {
      Object.assign(queries, tableQueries(table, ref, types, deps));
      Object.assign(mutations, tableMutations(table, ref, types, deps));
    } catch (err) {
      names.warnings.push(`Could not convert table ${table.name}, skipping (${(err as Error).message})`);
    }
  }
  queries.conversionWarnings = {
    type: new GraphQLList(GraphQLString),
    description: warningsDescription(names.warnings),
    resolve: () => names.warnings,
  };
  if (Object.keys(mutations).length === 0) {
    mutations.keyspaceEmptyMutation = {
      type: GraphQLBoolean,
      description: 'Placeholder mutation that is exposed when a keyspace is empty.',
      resolve: () => true,
    };
  }
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: queries }),
    mutation: new GraphQLObjectType({ name: 'Mutation', fields: mutations }),
    directives: [...specifiedDirectives, atomicDirective, asyncDirective],
  });
}

interface TableTypes {
  output: GraphQLObjectType;
  /** Vector search: one field per vector<float, n> column; absent for tables without one. */
  ann?: GraphQLInputObjectType;
  input: GraphQLInputObjectType;
  filter: GraphQLInputObjectType;
  order: GraphQLEnumType;
  groupBy: GraphQLInputObjectType;
  result: GraphQLObjectType;
  mutationResult: GraphQLObjectType;
}

function tableTypes(table: CqlTable__Output, ref: TableRef, types: FieldTypes): TableTypes {
  const mapped = allColumns(table)
    .map((column) => ({ column, name: ref.columns.graphql(column.name ?? '') }))
    .filter((c): c is { column: ColumnSpec__Output; name: string } => c.name !== undefined);
  const warn = (what: string, column: ColumnSpec__Output, err: unknown) =>
    ref.names.warnings.push(
      `Could not create ${what} type for column ${column.name} in table ${table.name}, skipping (${(err as Error).message})`,
    );
  const outputFields: GraphQLFieldConfigMap<unknown, unknown> = {};
  const inputFields: GraphQLInputFieldConfigMap = {};
  const filterFields: GraphQLInputFieldConfigMap = {};
  const orderValues: Record<string, object> = {};
  const groupByFields: GraphQLInputFieldConfigMap = {};
  const annFields: GraphQLInputFieldConfigMap = {};
  const keys = new Set(
    [...(table.partitionKeyColumns ?? []), ...(table.clusteringKeyColumns ?? [])].map((c) => c.name),
  );
  for (const { column, name } of mapped) {
    if (keys.has(column.name)) groupByFields[name] = { type: GraphQLBoolean };
    try {
      outputFields[name] = { type: types.output(column.type) };
    } catch (err) {
      warn('output', column, err);
      continue;
    }
    try {
      inputFields[name] = { type: types.input(column.type) };
      filterFields[name] = { type: types.filter(column.type) };
    } catch (err) {
      warn('input', column, err);
    }
    if (isFloatVector(column.type)) {
      annFields[name] = {
        type: new GraphQLList(GraphQLFloat),
        description: `Order the rows by similarity to this vector of ${column.type.vector.size} numbers (the column needs an SAI index).`,
      };
    }
    orderValues[`${name}_DESC`] = {};
    orderValues[`${name}_ASC`] = {};
  }
  if (Object.keys(outputFields).length === 0 || Object.keys(inputFields).length === 0) {
    throw new Error('none of its columns has a GraphQL type');
  }
  const pk = primaryKeyNote(table, ref);
  const hasAnn = Object.keys(annFields).length > 0;
  const output = new GraphQLObjectType({
    name: ref.graphqlTable,
    description: `The type used to represent results of a query for the table '${table.name}'.`,
    // Columns first, then the aggregation fields (as Stargate lists them); a column that happens
    // to bear an aggregation field's name keeps it.
    fields: {
      ...outputFields,
      ...withoutKeys(aggregateFields, outputFields),
      ...(hasAnn && !Object.hasOwn(outputFields, SIMILARITY_FIELD)
        ? { [SIMILARITY_FIELD]: similarityField }
        : {}),
    },
  });
  return {
    output,
    ann: hasAnn
      ? new GraphQLInputObjectType({
          name: `${ref.graphqlTable}AnnInput`,
          description: `A vector search on the table '${table.name}': set exactly one vector column to the query vector.`,
          fields: annFields,
        })
      : undefined,
    input: new GraphQLInputObjectType({
      name: `${ref.graphqlTable}Input`,
      description: `The input type for the table '${table.name}'.${pk}`,
      fields: inputFields,
    }),
    filter: new GraphQLInputObjectType({
      name: `${ref.graphqlTable}FilterInput`,
      description: `The input type used for filtering with non-equality operators for the table '${table.name}'.${pk}`,
      fields: filterFields,
    }),
    order: new GraphQLEnumType({
      name: `${ref.graphqlTable}Order`,
      description: `The enum used to order a query result based on one or more fields for the table '${table.name}'.`,
      values: orderValues,
    }),
    groupBy: new GraphQLInputObjectType({
      name: `${ref.graphqlTable}GroupByInput`,
      fields: groupByFields,
    }),
    result: new GraphQLObjectType({
      name: `${ref.graphqlTable}Result`,
      fields: {
        pageState: { type: GraphQLString },
        values: { type: new GraphQLList(new GraphQLNonNull(output)) },
      },
    }),
    mutationResult: new GraphQLObjectType({
      name: `${ref.graphqlTable}MutationResult`,
      description: `The type used to represent results of a mutation for the table '${table.name}'.`,
      fields: {
        applied: { type: GraphQLBoolean },
        accepted: {
          type: GraphQLBoolean,
          description:
            'This field is relevant and fulfilled with data, only when used with the @async directive',
        },
        value: { type: output },
      },
    }),
  };
}

// Built once per table, shared by its query and mutation fields.
const typesByRef = new WeakMap<TableRef, TableTypes>();

function typesOf(table: CqlTable__Output, ref: TableRef, types: FieldTypes): TableTypes {
  let result = typesByRef.get(ref);
  if (!result) {
    result = tableTypes(table, ref, types);
    typesByRef.set(ref, result);
  }
  return result;
}

function tableQueries(
  table: CqlTable__Output,
  ref: TableRef,
  types: FieldTypes,
  deps: ResolverDeps,
): GraphQLFieldConfigMap<unknown, unknown> {
  const t = typesOf(table, ref, types);
  const resolve = tableQueryResolver(ref, deps) as GraphQLFieldConfig<unknown, unknown>['resolve'];
  const args = {
    filter: { type: t.filter },
    orderBy: { type: new GraphQLList(t.order) },
    options: { type: queryOptions },
  };
  return {
    [ref.graphqlTable]: {
      type: t.result,
      description: `Query for the table '${table.name}'.${primaryKeyNote(table, ref)}`,
      args: {
        value: { type: t.input },
        filter: args.filter,
        orderBy: args.orderBy,
        groupBy: { type: t.groupBy, description: 'The columns to group results by.' },
        ...(t.ann
          ? {
              ann: {
                type: t.ann,
                description: `Vector search: the options.limit rows (1 to ${MAX_ANN_LIMIT}) most similar to the query vector, most similar first, in one page. Combines with value or filter on columns the index allows; not with orderBy or groupBy.`,
              },
            }
          : {}),
        options: args.options,
      },
      resolve,
    },
    [`${ref.graphqlTable}Filter`]: {
      type: t.result,
      deprecationReason: 'No longer supported. Use root type instead.',
      args,
      resolve,
    },
  };
}

function tableMutations(
  table: CqlTable__Output,
  ref: TableRef,
  types: FieldTypes,
  deps: ResolverDeps,
): GraphQLFieldConfigMap<unknown, unknown> {
  const t = typesOf(table, ref, types);
  const pk = primaryKeyNote(table, ref);
  const field = (
    kind: MutationKind,
    description: string,
    args: GraphQLFieldConfig<unknown, unknown>['args'],
  ): GraphQLFieldConfig<unknown, unknown> => {
    const spec: MutationSpec = { kind, ref };
    return {
      type: kind === 'bulkInsert' ? new GraphQLList(t.mutationResult) : t.mutationResult,
      description: `${description} for the table '${table.name}'.${pk}`,
      args: { ...args, options: { type: mutationOptions } },
      resolve: mutationResolver(spec, deps) as GraphQLFieldConfig<unknown, unknown>['resolve'],
      extensions: { cqlMutation: spec },
    };
  };
  const value = { type: new GraphQLNonNull(t.input) };
  return {
    [`delete${ref.graphqlTable}`]: field('delete', 'Delete mutation', {
      value,
      ifExists: { type: GraphQLBoolean },
      ifCondition: { type: t.filter },
    }),
    [`insert${ref.graphqlTable}`]: field('insert', 'Insert mutation', {
      value,
      ifNotExists: { type: GraphQLBoolean },
    }),
    [`bulkInsert${ref.graphqlTable}`]: field('bulkInsert', 'Bulk insert mutations', {
      values: { type: new GraphQLList(new GraphQLNonNull(t.input)) },
      ifNotExists: { type: GraphQLBoolean },
    }),
    [`update${ref.graphqlTable}`]: field('update', 'Update mutation', {
      value,
      ifExists: { type: GraphQLBoolean },
      ifCondition: { type: t.filter },
    }),
  };
}

function primaryKeyNote(table: CqlTable__Output, ref: TableRef): string {
  const keys = [...(table.partitionKeyColumns ?? []), ...(table.clusteringKeyColumns ?? [])].map(
    (c) => `'${ref.columns.graphql(c.name ?? '') ?? c.name}'`,
  );
  if (keys.length === 0) return '';
  const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
  return keys.length > 1
    ? `\nNote that ${list} are the fields that correspond to the table primary key.`
    : `\nNote that ${list} is the field that corresponds to the table primary key.`;
}

function warningsDescription(warnings: readonly string[]): string {
  const head = 'Warnings encountered during the CQL to GraphQL conversion.';
  if (warnings.length === 0) return `${head}\nNo warnings found, this will return an empty list.`;
  return `${head}\nThis will return:${warnings.map((w) => `\n- ${w}`).join('')}`;
}
