// GraphQL types for CQL column types, built once per keyspace schema and shared between columns
// (Stargate's FieldTypeCache family): output types, input types and filter input types. Frozen
// and non-frozen variants map to the same type; sets map like lists. Maps become lists of
// Entry<Key>Key<Value>Value{key, value}, tuples Tuple<Types>{item0, …}, UDTs <name>Udt. A
// vector<float, n> is [Float] (an embedding is plain numbers; its length is checked on input).

import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import {
  GraphQLBoolean,
  type GraphQLFieldConfigMap,
  GraphQLFloat,
  type GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLString,
  type GraphQLType,
  isInputObjectType,
  isListType,
  isNamedType,
  isNonNullType,
} from '../graphql-js.js';
import { isFloatVector } from '../translate/vector-values.js';
import { cqlScalar } from './cql-scalars.js';
import type { NameMapping } from './name-mapping.js';

/** Thrown when a column's type cannot be expressed; the column is skipped with a warning. */
export class UnsupportedTypeError extends Error {}

const BASIC_SCALARS: Record<number, () => GraphQLType> = {
  [BasicType.ASCII]: () => cqlScalar('Ascii'),
  [BasicType.BIGINT]: () => cqlScalar('BigInt'),
  [BasicType.BLOB]: () => cqlScalar('Blob'),
  [BasicType.BOOLEAN]: () => GraphQLBoolean,
  [BasicType.COUNTER]: () => cqlScalar('Counter'),
  [BasicType.DECIMAL]: () => cqlScalar('Decimal'),
  [BasicType.DOUBLE]: () => GraphQLFloat,
  [BasicType.FLOAT]: () => cqlScalar('Float32'),
  [BasicType.INT]: () => GraphQLInt,
  [BasicType.TEXT]: () => GraphQLString,
  [BasicType.TIMESTAMP]: () => cqlScalar('Timestamp'),
  [BasicType.UUID]: () => cqlScalar('Uuid'),
  [BasicType.VARCHAR]: () => GraphQLString,
  [BasicType.VARINT]: () => cqlScalar('Varint'),
  [BasicType.TIMEUUID]: () => cqlScalar('TimeUuid'),
  [BasicType.INET]: () => cqlScalar('Inet'),
  [BasicType.DATE]: () => cqlScalar('Date'),
  [BasicType.TIME]: () => cqlScalar('Time'),
  [BasicType.SMALLINT]: () => cqlScalar('SmallInt'),
  [BasicType.TINYINT]: () => cqlScalar('TinyInt'),
  [BasicType.DURATION]: () => cqlScalar('Duration'),
};

export function basicScalar(basic: number | undefined): GraphQLType {
  const make = BASIC_SCALARS[basic ?? 0];
  if (!make)
    throw new UnsupportedTypeError(`Unsupported CQL type ${basic === BasicType.CUSTOM ? 'custom' : basic}`);
  return make();
}

/** A key that is equal for CQL types mapped to the same GraphQL type. */
export function typeKey(type: TypeSpec__Output | undefined): string {
  if (!type) return '?';
  if (type.list) return `list<${typeKey(type.list.element)}>`;
  if (type.set) return `list<${typeKey(type.set.element)}>`;
  // [Float] for float vectors, not [Float32] as a list<float> gets: a separate key.
  if (type.vector) return `vector<${typeKey(type.vector.element)}>`;
  if (type.map) return `map<${typeKey(type.map.key)},${typeKey(type.map.value)}>`;
  if (type.tuple) return `tuple<${(type.tuple.elements ?? []).map(typeKey).join(',')}>`;
  if (type.udt) return `udt:${type.udt.name}`;
  return `basic:${type.basic ?? 0}`;
}

/** The name of a type inside a composite name: List<name> for lists (Stargate's TypeBuilder). */
function compositeName(type: GraphQLType): string {
  if (isNamedType(type)) return type.name;
  if (isListType(type)) return `List${compositeName(type.ofType)}`;
  if (isNonNullType(type)) return compositeName((type as GraphQLNonNull<GraphQLType>).ofType);
  throw new UnsupportedTypeError(`GraphQL type ${String(type)} not supported in composite type`);
}

export class FieldTypes {
  private readonly outputs = new Map<string, GraphQLOutputType>();
  private readonly inputs = new Map<string, GraphQLInputType>();
  private readonly filters = new Map<string, GraphQLInputType>();
  /** Named types by name, so two CQL types never produce two GraphQL types with one name. */
  private readonly named = new Map<string, GraphQLType>();

  constructor(private readonly names: NameMapping) {}

  output(type: TypeSpec__Output | undefined): GraphQLOutputType {
    const key = typeKey(type);
    let result = this.outputs.get(key);
    if (!result) {
      result = this.buildOutput(type);
      this.outputs.set(key, result);
    }
    return result;
  }

  input(type: TypeSpec__Output | undefined): GraphQLInputType {
    const key = typeKey(type);
    let result = this.inputs.get(key);
    if (!result) {
      result = this.buildInput(type);
      this.inputs.set(key, result);
    }
    return result;
  }

  filter(type: TypeSpec__Output | undefined): GraphQLInputType {
    const key = typeKey(type);
    let result = this.filters.get(key);
    if (!result) {
      result = this.buildFilter(type);
      this.filters.set(key, result);
    }
    return result;
  }

  private unique<T extends GraphQLType & { name: string }>(type: T): T {
    const existing = this.named.get(type.name);
    if (existing) return existing as T;
    this.named.set(type.name, type);
    return type;
  }

  private buildOutput(type: TypeSpec__Output | undefined): GraphQLOutputType {
    if (!type) throw new UnsupportedTypeError('Missing column type');
    if (type.list) return new GraphQLList(this.output(type.list.element));
    if (type.set) return new GraphQLList(this.output(type.set.element));
    if (type.vector)
      return new GraphQLList(isFloatVector(type) ? GraphQLFloat : this.output(type.vector.element));
    if (type.map) {
      const key = this.output(type.map.key);
      const value = this.output(type.map.value);
      const name = `Entry${compositeName(key)}Key${compositeName(value)}Value`;
      return new GraphQLList(
        this.unique(
          new GraphQLObjectType({
            name,
            description: 'Represents a key/value type for a Map',
            fields: { key: { type: new GraphQLNonNull(key) }, value: { type: value } },
          }),
        ),
      );
    }
    if (type.tuple) {
      const items = (type.tuple.elements ?? []).map((e) => this.output(e));
      const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
      items.forEach((t, i) => {
        fields[`item${i}`] = { type: t };
      });
      return this.unique(
        new GraphQLObjectType({
          name: `Tuple${items.map(compositeName).join('')}`,
          description: `Represents a Tuple type with ${items.length} items`,
          fields,
        }),
      );
    }
    if (type.udt) {
      const cqlName = type.udt.name ?? '';
      const name = this.udtGraphqlName(cqlName);
      const existing = this.named.get(name);
      if (existing) return existing as GraphQLOutputType;
      const fieldNames = this.names.udtFieldNames(cqlName);
      const udt = type.udt;
      const result: GraphQLObjectType = new GraphQLObjectType({
        name,
        fields: () => {
          const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
          for (const [cqlField, fieldType] of Object.entries(udt.fields ?? {})) {
            const graphqlField = fieldNames?.graphql(cqlField);
            if (!graphqlField) continue;
            try {
              fields[graphqlField] = { type: this.output(fieldType) };
            } catch (err) {
              this.names.warnings.push(
                `Could not create output type for field ${cqlField} in UDT ${cqlName}, skipping (${(err as Error).message})`,
              );
            }
          }
          return fields;
        },
      });
      this.named.set(name, result);
      return result;
    }
    return basicScalar(type.basic) as GraphQLOutputType;
  }

  private buildInput(type: TypeSpec__Output | undefined): GraphQLInputType {
    if (!type) throw new UnsupportedTypeError('Missing column type');
    if (type.list) return new GraphQLList(this.input(type.list.element));
    if (type.set) return new GraphQLList(this.input(type.set.element));
    if (type.vector)
      return new GraphQLList(isFloatVector(type) ? GraphQLFloat : this.input(type.vector.element));
    if (type.map) {
      const key = this.input(type.map.key);
      const value = this.input(type.map.value);
      const name = `Entry${compositeName(key)}Key${compositeName(value)}ValueInput`;
      return new GraphQLList(
        this.unique(
          new GraphQLInputObjectType({
            name,
            description: 'Represents a key/value type for a Map',
            fields: { key: { type: new GraphQLNonNull(key) }, value: { type: value } },
          }),
        ),
      );
    }
    if (type.tuple) {
      const items = (type.tuple.elements ?? []).map((e) => this.input(e));
      const fields: GraphQLInputFieldConfigMap = {};
      items.forEach((t, i) => {
        fields[`item${i}`] = { type: t };
      });
      return this.unique(
        new GraphQLInputObjectType({
          name: `Tuple${items.map(compositeName).join('')}Input`,
          description: `Represents a Tuple input type with ${items.length} items`,
          fields,
        }),
      );
    }
    if (type.udt) {
      const cqlName = type.udt.name ?? '';
      const name = `${this.udtGraphqlName(cqlName)}Input`;
      const existing = this.named.get(name);
      if (existing) return existing as GraphQLInputType;
      const fieldNames = this.names.udtFieldNames(cqlName);
      const udt = type.udt;
      const result: GraphQLInputObjectType = new GraphQLInputObjectType({
        name,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const [cqlField, fieldType] of Object.entries(udt.fields ?? {})) {
            const graphqlField = fieldNames?.graphql(cqlField);
            if (!graphqlField) continue;
            try {
              fields[graphqlField] = { type: this.input(fieldType) };
            } catch (err) {
              this.names.warnings.push(
                `Could not create input type for field ${cqlField} in UDT ${cqlName}, skipping (${(err as Error).message})`,
              );
            }
          }
          return fields;
        },
      });
      this.named.set(name, result);
      return result;
    }
    return basicScalar(type.basic) as GraphQLInputType;
  }

  private buildFilter(type: TypeSpec__Output | undefined): GraphQLInputType {
    const inputType = this.input(type);
    const fields: GraphQLInputFieldConfigMap = {
      eq: { type: inputType },
      notEq: { type: inputType },
      gt: { type: inputType },
      gte: { type: inputType },
      lt: { type: inputType },
      lte: { type: inputType },
      in: { type: new GraphQLList(inputType) },
    };
    if (type?.map) {
      const entry = (inputType as GraphQLList<GraphQLInputObjectType>).ofType;
      const entryFields = entry.getFields();
      fields.containsKey = { type: (entryFields.key!.type as GraphQLNonNull<GraphQLInputType>).ofType };
      fields.contains = { type: entryFields.value!.type };
      fields.containsEntry = { type: entry };
    } else if (type?.list || type?.set || type?.vector) {
      fields.contains = { type: (inputType as GraphQLList<GraphQLInputType>).ofType };
    }
    return this.unique(
      new GraphQLInputObjectType({ name: `${filterBaseName(inputType)}FilterInput`, fields }),
    );
  }

  private udtGraphqlName(cqlName: string): string {
    const name = this.names.udtName(cqlName);
    if (!name) {
      throw new UnsupportedTypeError(
        `Could not find a GraphQL name mapping for UDT ${cqlName}, this is probably because it clashes with another UDT`,
      );
    }
    return name;
  }
}

function filterBaseName(type: GraphQLInputType): string {
  if (isListType(type)) return `List${filterBaseName(type.ofType)}`;
  if (isInputObjectType(type)) return type.name.endsWith('Input') ? type.name.slice(0, -5) : type.name;
  if (isNamedType(type)) return type.name;
  throw new UnsupportedTypeError(`Unexpected input type ${String(type)}`);
}
