// The DDL schema's DataType / DataTypeInput ({basic, info: {name, subTypes, frozen}}) ⇄ CQL types:
// TypeSpecs from keyspace descriptions are shown in this form, and inputs become CQL type text
// (checked again by cql-type.ts before they enter a statement). Beyond Stargate, Cassandra 5.0's
// vectors: {basic: VECTOR, info: {subTypes: [{basic: FLOAT}], size: 64}} is vector<float, 64>
// (the element type may be left out: float, the one SAI indexes).
import { basicTypeName, cqlName, isNativeTypeName } from '../../../common/src/cql/cql-type.js';
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import { ValueError } from './graphql-values.js';

export interface DataType {
  basic: string;
  info?: { name?: string; subTypes?: DataType[]; frozen?: boolean; size?: number };
}

export interface DataTypeInput {
  basic: string;
  info?: {
    name?: string | null;
    subTypes?: Array<DataTypeInput | null> | null;
    frozen?: boolean | null;
    /** The dimension of a VECTOR. */
    size?: number | null;
  } | null;
}

export function toDataType(type: TypeSpec__Output | undefined): DataType {
  if (!type) return { basic: 'CUSTOM' };
  if (type.udt) return { basic: 'UDT', info: { name: type.udt.name, frozen: type.udt.frozen === true } };
  if (type.list) return parameterized('LIST', type.list.frozen, [type.list.element]);
  if (type.set) return parameterized('SET', type.set.frozen, [type.set.element]);
  if (type.map) return parameterized('MAP', type.map.frozen, [type.map.key, type.map.value]);
  if (type.tuple) return parameterized('TUPLE', true, type.tuple.elements ?? []);
  if (type.vector) {
    return {
      basic: 'VECTOR',
      info: { subTypes: [toDataType(type.vector.element)], size: type.vector.size ?? 0 },
    };
  }
  return { basic: basicTypeName(type.basic).toUpperCase() };
}

function parameterized(
  basic: string,
  frozen: boolean | undefined,
  subTypes: ReadonlyArray<TypeSpec__Output | undefined>,
): DataType {
  return { basic, info: { subTypes: subTypes.map(toDataType), frozen: frozen === true } };
}

/** DataTypeInput → CQL type text, with Stargate's messages for incomplete definitions. */
export function cqlTypeOf(input: DataTypeInput): string {
  const { basic, info } = input;
  // BasicType names are upper case; the native ones are CQL's type names.
  if (basic === basic.toUpperCase() && isNativeTypeName(basic.toLowerCase())) return basic.toLowerCase();
  const frozen = info?.frozen === true;
  const wrap = (text: string) => (frozen ? `frozen<${text}>` : text);
  const subTypes = (count: number | 'many', label: string): string[] => {
    if (!info)
      throw new ValueError(
        `${label} type should contain an 'info' field specifying the sub type${count === 1 ? '' : 's'}`,
      );
    const subs = info.subTypes ?? [];
    if (count === 'many' ? subs.length === 0 : subs.length !== count) {
      throw new ValueError(
        count === 'many'
          ? `${label} type should have at least one sub type`
          : `${label} sub types should contain ${count} item${count > 1 ? 's' : ''}`,
      );
    }
    return subs.map((s) => {
      if (!s) throw new ValueError(`${label} sub types must not be null`);
      return cqlTypeOf(s);
    });
  };
  switch (basic) {
    case 'LIST':
      return wrap(`list<${subTypes(1, 'List')[0]}>`);
    case 'SET':
      return wrap(`set<${subTypes(1, 'Set')[0]}>`);
    case 'MAP': {
      const [key, value] = subTypes(2, 'Map');
      return wrap(`map<${key}, ${value}>`);
    }
    case 'TUPLE':
      return `frozen<tuple<${subTypes('many', 'TUPLE').join(', ')}>>`;
    case 'VECTOR':
      return vectorTypeOf(input);
    case 'UDT': {
      if (!info?.name)
        throw new ValueError("UDT type should contain an 'info' field specifying the UDT name");
      return wrap(cqlName(info.name));
    }
    default:
      throw new ValueError(`Data type ${basic} is not supported`);
  }
}

/** vector<element, size>: the element type defaults to float; the size is the dimension. */
function vectorTypeOf({ info }: DataTypeInput): string {
  const size = info?.size;
  if (size === null || size === undefined || !Number.isInteger(size) || size < 1) {
    throw new ValueError(
      `VECTOR type should contain an 'info' field with its dimension as 'size', a positive integer (got ${size ?? 'none'})`,
    );
  }
  const subs = info?.subTypes ?? [];
  if (subs.length > 1)
    throw new ValueError('VECTOR sub types should contain at most 1 item (the element type)');
  const element = subs[0];
  if (element === null) throw new ValueError('VECTOR sub types must not be null');
  return `vector<${element ? cqlTypeOf(element) : 'float'}, ${size}>`;
}
