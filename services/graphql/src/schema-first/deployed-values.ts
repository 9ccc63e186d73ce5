// Values of a deployed schema ⇄ the bridge's proto Values, guided by both the GraphQL type (the
// CQL scalars already parse input into proto Values and format them on output; the built-in
// scalars, enums and lists need converting) and the column's CQL type (an ID may be a uuid or a
// text column). UDT fields are renamed through the UDT entity's @cql_column names.
import { timestampToMillis } from '../../../common/src/codecs/temporal.js';
import { uuidFromBytes, uuidToBytes } from '../../../common/src/codecs/uuid.js';
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import type { Value, Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import {
  type GraphQLInputType,
  type GraphQLOutputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from '../graphql-js.js';
import { cqlScalars } from '../schema/cql-scalars.js';
import { ValueError } from '../translate/graphql-values.js';
import type { EntityModel } from './schema-mapping.js';

/** CQL UDT name → its entity (for field names). */
export type UdtEntities = ReadonlyMap<string, EntityModel>;

const NULL: Value = { null: {} };

export function toCqlValue(
  spec: TypeSpec__Output | undefined,
  type: GraphQLInputType,
  value: unknown,
  udts: UdtEntities,
): Value {
  if (value === null || value === undefined) return NULL;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (!spec) throw new ValueError('unknown column type');
  if (isListType(inner)) {
    const element = (spec.list ?? spec.set ?? spec.vector)?.element;
    if (!element) throw new ValueError(`a list cannot be written to a column of this type`);
    return {
      collection: { elements: (value as unknown[]).map((v) => toCqlValue(element, inner.ofType, v, udts)) },
    };
  }
  if (isInputObjectType(inner)) {
    const entity = spec.udt ? udts.get(spec.udt.name ?? '') : undefined;
    if (!entity) throw new ValueError(`${inner.name} can only be written to a UDT column`);
    const fields: Record<string, Value> = {};
    const inputFields = inner.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const column = entity.columns.find((c) => c.graphqlName === name);
      if (!column || !inputFields[name]) continue;
      fields[column.cqlName] = toCqlValue(
        spec.udt!.fields?.[column.cqlName],
        inputFields[name]!.type,
        fieldValue,
        udts,
      );
    }
    return { udt: { fields } };
  }
  if (isEnumType(inner)) return { string: String(value) };
  if (isScalarType(inner) && cqlScalars.has(inner.name)) return value as Value;
  return basicValue(spec, value);
}

function basicValue(spec: TypeSpec__Output, value: unknown): Value {
  switch (spec.basic) {
    case 12:
    case 15: {
      const bytes = typeof value === 'string' ? uuidToBytes(value) : undefined;
      if (!bytes) throw new ValueError(`Invalid UUID ${JSON.stringify(value)}`);
      return { uuid: { value: bytes } };
    }
    case 1:
    case 10:
    case 13:
      return { string: String(value) };
    case 2:
    case 5:
    case 9:
    case 19:
    case 20:
      return { int: value as number };
    case 7:
      return { double: value as number };
    case 8:
      return { float: value as number };
    case 4:
      return { boolean: value as boolean };
    case 11: {
      const ms = typeof value === 'string' ? timestampToMillis(value) : (value as number);
      if (ms === undefined) throw new ValueError(`Invalid timestamp ${JSON.stringify(value)}`);
      return { int: ms };
    }
    default:
      throw new ValueError(
        `${JSON.stringify(value)} cannot be written to this column: use a CQL scalar type`,
      );
  }
}

export function fromCqlValue(
  spec: TypeSpec__Output | undefined,
  type: GraphQLOutputType,
  value: Value__Output | undefined,
  udts: UdtEntities,
): unknown {
  if (!value || value.inner === undefined || value.inner === 'null' || value.inner === 'unset') return null;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const element = (spec?.list ?? spec?.set ?? spec?.vector)?.element;
    return (value.collection?.elements ?? []).map((v) => fromCqlValue(element, inner.ofType, v, udts));
  }
  if (isObjectType(inner)) {
    const entity = spec?.udt ? udts.get(spec.udt.name ?? '') : undefined;
    if (!entity) return null;
    const out: Record<string, unknown> = {};
    const fields = inner.getFields();
    for (const column of entity.columns) {
      const field = fields[column.graphqlName];
      if (field)
        out[column.graphqlName] = fromCqlValue(
          spec!.udt!.fields?.[column.cqlName],
          field.type,
          value.udt?.fields?.[column.cqlName],
          udts,
        );
    }
    return out;
  }
  if (isScalarType(inner) && cqlScalars.has(inner.name)) return value;
  switch (value.inner) {
    case 'uuid':
      return uuidFromBytes(value.uuid!.value!);
    case 'string':
      return value.string;
    case 'int':
      return Number(value.int);
    case 'double':
      return value.double;
    case 'float':
      return value.float;
    case 'boolean':
      return value.boolean;
    default:
      return null;
  }
}
