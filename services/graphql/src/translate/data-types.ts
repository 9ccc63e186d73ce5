// The DDL schema's DataType / DataTypeInput ({basic, info: {name, subTypes, frozen}}) ⇄ CQL types:
// TypeSpecs from keyspace descriptions are shown in this form, and inputs become CQL type text
// (checked again by cql-type.ts before they enter a statement).
import { cqlName, cqlTypeText } from '../../../common/src/cql/cql-type.js';
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import { ValueError } from './graphql-values.js';

export interface DataType {
  basic: string;
  info?: { name?: string; subTypes?: DataType[]; frozen?: boolean };
}

export interface DataTypeInput {
  basic: string;
  info?: {
    name?: string | null;
    subTypes?: Array<DataTypeInput | null> | null;
    frozen?: boolean | null;
  } | null;
}

const BASIC_NAMES: Record<number, string> = {
  0: 'CUSTOM',
  1: 'ASCII',
  2: 'BIGINT',
  3: 'BLOB',
  4: 'BOOLEAN',
  5: 'COUNTER',
  6: 'DECIMAL',
  7: 'DOUBLE',
  8: 'FLOAT',
  9: 'INT',
  10: 'TEXT',
  11: 'TIMESTAMP',
  12: 'UUID',
  13: 'TEXT',
  14: 'VARINT',
  15: 'TIMEUUID',
  16: 'INET',
  17: 'DATE',
  18: 'TIME',
  19: 'SMALLINT',
  20: 'TINYINT',
  21: 'DURATION',
};

export function toDataType(type: TypeSpec__Output | undefined): DataType {
  if (!type) return { basic: 'CUSTOM' };
  if (type.udt) return { basic: 'UDT', info: { name: type.udt.name, frozen: type.udt.frozen === true } };
  if (type.list) return parameterized('LIST', type.list.frozen, [type.list.element]);
  if (type.set) return parameterized('SET', type.set.frozen, [type.set.element]);
  if (type.map) return parameterized('MAP', type.map.frozen, [type.map.key, type.map.value]);
  if (type.tuple) return parameterized('TUPLE', true, type.tuple.elements ?? []);
  // No BasicType for vectors: shown as a custom type named by its CQL text.
  if (type.vector) return { basic: 'CUSTOM', info: { name: cqlTypeText(type) } };
  return { basic: BASIC_NAMES[type.basic ?? 0] ?? 'CUSTOM' };
}

function parameterized(
  basic: string,
  frozen: boolean | undefined,
  subTypes: ReadonlyArray<TypeSpec__Output | undefined>,
): DataType {
  return { basic, info: { subTypes: subTypes.map(toDataType), frozen: frozen === true } };
}

const SCALARS = new Set([
  'INT',
  'INET',
  'TIMEUUID',
  'TIMESTAMP',
  'BIGINT',
  'TIME',
  'DURATION',
  'VARINT',
  'UUID',
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'ASCII',
  'DECIMAL',
  'BLOB',
  'VARCHAR',
  'TEXT',
  'DOUBLE',
  'COUNTER',
  'DATE',
  'FLOAT',
]);

/** DataTypeInput → CQL type text, with Stargate's messages for incomplete definitions. */
export function cqlTypeOf(input: DataTypeInput): string {
  const { basic, info } = input;
  if (SCALARS.has(basic)) return basic.toLowerCase();
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
    case 'UDT': {
      if (!info?.name)
        throw new ValueError("UDT type should contain an 'info' field specifying the UDT name");
      return wrap(cqlName(info.name));
    }
    default:
      throw new ValueError(`Data type ${basic} is not supported`);
  }
}
