// GraphQL values ⇄ the bridge's proto Values, guided by the CQL column type. Custom scalars have
// already parsed their input into proto Values (schema/cql-scalars.ts), so this only reshapes
// containers (lists and sets, maps as [{key, value}], tuples as {item0, …}, UDTs by GraphQL field
// name) and converts the four built-in scalars (Int, Float, String, Boolean).
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import type { Value, Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import type { NameMapping } from '../schema/name-mapping.js';
import { ValueError } from './value-error.js';
import { isVectorType, vectorFromProto, vectorToProto } from './vector-values.js';

export { ValueError };

const NULL: Value = { null: {} };

export function toProtoValue(type: TypeSpec__Output | undefined, value: unknown, names: NameMapping): Value {
  if (value === null || value === undefined) return NULL;
  if (!type) throw new ValueError('unknown column type');
  if (isVectorType(type)) {
    const element = type.vector.element;
    return vectorToProto(type, value, { convertElement: (item) => toProtoValue(element, item, names) });
  }
  if (type.list || type.set) {
    const element = (type.list ?? type.set)!.element;
    const items = value as unknown[];
    return { collection: { elements: items.map((item) => toProtoValue(element, item, names)) } };
  }
  if (type.map) {
    const elements: Value[] = [];
    for (const entry of value as Array<{ key: unknown; value: unknown } | null>) {
      // GraphQL lets a list of entry objects hold null; a map has no null entries.
      if (entry === null || entry === undefined)
        throw new ValueError('a map entry cannot be null: give {key, value}');
      elements.push(
        toProtoValue(type.map.key, entry.key, names),
        toProtoValue(type.map.value, entry.value, names),
      );
    }
    return { collection: { elements } };
  }
  if (type.tuple) {
    const record = value as Record<string, unknown>;
    return {
      collection: {
        elements: (type.tuple.elements ?? []).map((t, i) => toProtoValue(t, record[`item${i}`], names)),
      },
    };
  }
  if (type.udt) {
    const cqlUdt = type.udt.name ?? '';
    const fieldNames = names.udtFieldNames(cqlUdt);
    const fields: Record<string, Value> = {};
    for (const [graphqlField, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const cqlField = fieldNames?.cql(graphqlField);
      if (cqlField === undefined) throw new ValueError(`UDT ${cqlUdt} has no field ${graphqlField}`);
      fields[cqlField] = toProtoValue(type.udt.fields?.[cqlField], fieldValue, names);
    }
    return { udt: { fields } };
  }
  switch (type.basic) {
    case BasicType.BOOLEAN:
      return { boolean: value as boolean };
    case BasicType.DOUBLE:
      return { double: value as number };
    case BasicType.INT:
      return { int: value as number };
    case BasicType.TEXT:
    case BasicType.VARCHAR:
      return { string: value as string };
    default:
      // A custom scalar: already a proto Value.
      return value as Value;
  }
}

/** A value read from Cassandra as GraphQL returns it (scalar leaves stay proto Values). */
export function fromProtoValue(
  type: TypeSpec__Output | undefined,
  value: Value__Output | undefined,
  names: NameMapping,
): unknown {
  if (!value || value.inner === undefined || value.inner === 'null' || value.inner === 'unset') return null;
  if (!type) return null;
  if (isVectorType(type)) {
    const element = type.vector.element;
    return vectorFromProto(type, value, (v) => fromProtoValue(element, v, names));
  }
  if (type.list || type.set) {
    const element = (type.list ?? type.set)!.element;
    return (value.collection?.elements ?? []).map((v) => fromProtoValue(element, v, names));
  }
  if (type.map) {
    const elements = value.collection?.elements ?? [];
    const entries: Array<{ key: unknown; value: unknown }> = [];
    for (let i = 0; i + 1 < elements.length; i += 2) {
      entries.push({
        key: fromProtoValue(type.map.key, elements[i], names),
        value: fromProtoValue(type.map.value, elements[i + 1], names),
      });
    }
    return entries;
  }
  if (type.tuple) {
    const elements = value.collection?.elements ?? [];
    const out: Record<string, unknown> = {};
    (type.tuple.elements ?? []).forEach((t, i) => {
      out[`item${i}`] = fromProtoValue(t, elements[i], names);
    });
    return out;
  }
  if (type.udt) {
    const cqlUdt = type.udt.name ?? '';
    const fieldNames = names.udtFieldNames(cqlUdt);
    const out: Record<string, unknown> = {};
    for (const [cqlField, fieldValue] of Object.entries(value.udt?.fields ?? {})) {
      const graphqlField = fieldNames?.graphql(cqlField);
      if (graphqlField !== undefined)
        out[graphqlField] = fromProtoValue(type.udt.fields?.[cqlField], fieldValue, names);
    }
    return out;
  }
  switch (type.basic) {
    case BasicType.BOOLEAN:
      return value.boolean;
    case BasicType.DOUBLE:
      return value.double;
    case BasicType.INT:
      return Number(value.int);
    case BasicType.TEXT:
    case BasicType.VARCHAR:
      return value.string;
    default:
      return value;
  }
}
