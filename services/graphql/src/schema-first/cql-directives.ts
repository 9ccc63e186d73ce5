// The directives a deployed (schema-first) GraphQL schema may use to steer its CQL mapping, with
// the names and arguments Stargate defines, and the CQL scalars such a schema may reference. The
// text is served as /graphql-files/cql_directives.graphql and added to every schema deployed, so
// graphql-js checks each directive's placement and arguments.

export const CQL_DIRECTIVES_SDL = `"""The kind of CQL element a GraphQL object maps to."""
enum EntityTarget {
  TABLE
  UDT
}

"""The sorting order of a clustering column."""
enum ClusteringOrder {
  ASC
  DESC
}

"""Which part of a collection column an index covers."""
enum IndexTarget {
  "The values of a list or set (the column must not be frozen)."
  VALUES
  "The whole collection (the column must be frozen)."
  FULL
}

"""Consistency level of the SELECT behind a query."""
enum QueryConsistency {
  LOCAL_ONE
  LOCAL_QUORUM
  ALL
  SERIAL
  LOCAL_SERIAL
}

"""Consistency level of the statement behind a mutation."""
enum MutationConsistency {
  LOCAL_ONE
  LOCAL_QUORUM
  ALL
}

"""Serial consistency level of a conditional mutation."""
enum SerialConsistency {
  SERIAL
  LOCAL_SERIAL
}

"""Comparison used by @cql_where."""
enum Predicate {
  EQ
  IN
  LT
  GT
  LTE
  GTE
  CONTAINS
}

"""Comparison used by @cql_if."""
enum IfPredicate {
  EQ
  NEQ
  IN
  LT
  GT
  LTE
  GTE
}

"""Maps an object to a CQL table (the default) or user-defined type."""
directive @cql_entity(
  "The CQL name, when it differs from the object's name."
  name: String
  "TABLE (the default) or UDT."
  target: EntityTarget
) on OBJECT

"""Generates an input type with the object's fields (named <Object>Input unless given a name)."""
directive @cql_input(name: String) on OBJECT

"""Maps a field to a CQL column or UDT field."""
directive @cql_column(
  "The CQL name, when it differs from the field's name."
  name: String
  "Part of the partition key (in field order)."
  partitionKey: Boolean
  "A clustering column, sorted this way (in field order)."
  clusteringOrder: ClusteringOrder
  "The CQL type, when the one derived from the GraphQL type is not the one wanted (e.g. set<text>, frozen<list<int>>)."
  typeHint: String
) on FIELD_DEFINITION

"""Creates a secondary index on the column (tables only, not on partition key or clustering columns)."""
directive @cql_index(
  "The index name (default: <table>_<column>_idx)."
  name: String
  "A custom index class, e.g. StorageAttachedIndex."
  class: String
  "For collections: VALUES (default) or FULL."
  target: IndexTarget
  "Options of a custom index: 'option1': 'value1', 'option2': 'value2'."
  options: String
) on FIELD_DEFINITION

"""Marks a query argument that receives the paging state (a String)."""
directive @cql_pagingState on ARGUMENT_DEFINITION

"""Marks an object or input that wraps the arguments or results of operations; it maps to no table."""
directive @cql_payload on OBJECT | INPUT_OBJECT

"""Options of the SELECT behind a query."""
directive @cql_select(
  limit: Int
  pageSize: Int = 100
  consistencyLevel: QueryConsistency = LOCAL_QUORUM
) on FIELD_DEFINITION

"""Maps a mutation to an INSERT (implied by a name starting with insert or create)."""
directive @cql_insert(
  ifNotExists: Boolean = false
  consistencyLevel: MutationConsistency = LOCAL_QUORUM
  serialConsistency: SerialConsistency = SERIAL
  "Seconds, or an ISO-8601 duration."
  ttl: String
) on FIELD_DEFINITION

"""Maps a mutation to an UPDATE (implied by a name starting with update)."""
directive @cql_update(
  "The object whose table is updated, when the arguments are key fields rather than an object."
  targetEntity: String
  ifExists: Boolean = false
  consistencyLevel: MutationConsistency = LOCAL_QUORUM
  serialConsistency: SerialConsistency = SERIAL
  "Seconds, or an ISO-8601 duration."
  ttl: String
) on FIELD_DEFINITION

"""Maps a mutation to a DELETE (implied by a name starting with delete or remove)."""
directive @cql_delete(
  "The object whose table is deleted from, when the arguments are key fields rather than an object."
  targetEntity: String
  ifExists: Boolean = false
  consistencyLevel: MutationConsistency = LOCAL_QUORUM
  serialConsistency: SerialConsistency = SERIAL
) on FIELD_DEFINITION

"""The WHERE condition an argument stands for (default: the field of the same name, EQ)."""
directive @cql_where(field: String, predicate: Predicate = EQ) on ARGUMENT_DEFINITION

"""A condition the row must meet for an update or delete to apply (a lightweight transaction)."""
directive @cql_if(field: String, predicate: IfPredicate = EQ) on ARGUMENT_DEFINITION

"""An argument added to a counter, or appended (prepended) to a list or set, by an update."""
directive @cql_increment(field: String, prepend: Boolean = false) on ARGUMENT_DEFINITION

"""The write timestamp of an insert or update: BigInt microseconds since the epoch, or an ISO-8601 String."""
directive @cql_timestamp on ARGUMENT_DEFINITION
`;

/** GraphQL scalar → CQL type, for the scalars a deployed schema may use (those of the CQL-first schema). */
export const SCALAR_CQL_TYPES: ReadonlyMap<string, string> = new Map([
  ['ID', 'uuid'],
  ['String', 'text'],
  ['Int', 'int'],
  ['Float', 'double'],
  ['Boolean', 'boolean'],
  ['Uuid', 'uuid'],
  ['TimeUuid', 'timeuuid'],
  ['Inet', 'inet'],
  ['Date', 'date'],
  ['Duration', 'duration'],
  ['BigInt', 'bigint'],
  ['Counter', 'counter'],
  ['Ascii', 'ascii'],
  ['Decimal', 'decimal'],
  ['Varint', 'varint'],
  ['Float32', 'float'],
  ['Blob', 'blob'],
  ['SmallInt', 'smallint'],
  ['TinyInt', 'tinyint'],
  ['Timestamp', 'timestamp'],
  ['Time', 'time'],
]);

const BUILT_IN = new Set(['ID', 'String', 'Int', 'Float', 'Boolean']);

/** `scalar X` for the CQL scalars, so a deployed schema may use them without declaring them. */
export const CQL_SCALARS_SDL = [...SCALAR_CQL_TYPES.keys()]
  .filter((name) => !BUILT_IN.has(name))
  .map((name) => `scalar ${name}`)
  .join('\n');
