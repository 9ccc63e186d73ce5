// The shapes cassandra-driver uses for CQL types and values, typed once for the codecs.
import cassandra from 'cassandra-driver';

export const { types } = cassandra;
export const DataType = cassandra.types.dataTypes;
export type Long = cassandra.types.Long;
export const Long = cassandra.types.Long;

/** A column or parameter type as the driver describes it (result or prepared metadata). */
export interface DriverType {
  code: number;
  info?: DriverType | DriverType[] | UdtInfo | string | [DriverType, number] | null;
  customTypeName?: string;
}

export interface UdtInfo {
  keyspace: string;
  name: string;
  fields: Array<{ name: string; type: DriverType }>;
}

/** The parts of the driver's value classes the codecs use (some are missing from its typings). */
export type DriverBigDecimal = cassandra.types.BigDecimal;
export interface DriverInteger {
  toString(): string;
}
export interface DriverIntegerStatic {
  fromBuffer(buf: Buffer): DriverInteger;
  toBuffer(value: DriverInteger): Buffer;
  fromString(value: string): DriverInteger;
}
export interface DriverBigDecimalConstructor {
  new (unscaled: DriverInteger, scale: number): DriverBigDecimal;
  toBuffer(value: DriverBigDecimal): Buffer;
}

/** LocalDate from days since the epoch (the driver's typings only show year, month, day). */
export const LocalDateFromDays = cassandra.types.LocalDate as unknown as new (
  daysSinceEpoch: number,
) => cassandra.types.LocalDate;

export const Integer = cassandra.types.Integer as unknown as DriverIntegerStatic;
export const BigDecimal = cassandra.types.BigDecimal as unknown as DriverBigDecimalConstructor;

// The driver's dataTypes object maps names to codes (plus helpers); this is the reverse.
const typeNames = new Map<number, string>(
  Object.entries(DataType as unknown as Record<string, unknown>)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([name, code]) => [code, name]),
);

const VECTOR_CLASS = 'org.apache.cassandra.db.marshal.VectorType';
const DURATION_CLASS = 'org.apache.cassandra.db.marshal.DurationType';

export function isVector(type: DriverType): boolean {
  return (
    type.code === DataType.custom &&
    (type.customTypeName === 'vector' ||
      (typeof type.info === 'string' && type.info.startsWith(VECTOR_CLASS)))
  );
}

export function isDuration(type: DriverType): boolean {
  return type.code === DataType.duration || (type.code === DataType.custom && type.info === DURATION_CLASS);
}

/** Element type and dimension of a vector type. */
export function vectorInfo(type: DriverType): { element: DriverType; size: number } {
  if (Array.isArray(type.info) && type.info.length === 2 && typeof type.info[1] === 'number') {
    return { element: type.info[0] as DriverType, size: type.info[1] };
  }
  // Only the class name: parsed once per type object (a prepared statement's parameter types are
  // kept with it, so an ANN read's query vector does not parse it on every request).
  let info = parsedVectorTypes.get(type);
  if (!info) {
    // org.apache.cassandra.db.marshal.VectorType(org...FloatType, 3)
    const match = /\((.+),\s*(\d+)\)$/.exec(String(type.info));
    const elementClass = match?.[1] ?? '';
    info = {
      element: { code: marshalCodes[elementClass.split('.').pop() ?? ''] ?? DataType.float },
      size: Number(match?.[2]),
    };
    parsedVectorTypes.set(type, info);
  }
  return info;
}

const parsedVectorTypes = new WeakMap<DriverType, { element: DriverType; size: number }>();

const marshalCodes: Record<string, number> = {
  FloatType: DataType.float,
  DoubleType: DataType.double,
  Int32Type: DataType.int,
  LongType: DataType.bigint,
  UTF8Type: DataType.varchar,
  BooleanType: DataType.boolean,
};

export function describeType(type: DriverType): string {
  if (isVector(type)) {
    const { element, size } = vectorInfo(type);
    return `vector<${describeType(element)}, ${size}>`;
  }
  if (isDuration(type)) return 'duration';
  const name = typeNames.get(type.code) ?? 'custom';
  switch (type.code) {
    case DataType.list:
    case DataType.set:
      return `${name}<${describeType(type.info as DriverType)}>`;
    case DataType.map: {
      const [k, v] = type.info as DriverType[];
      return `map<${describeType(k!)}, ${describeType(v!)}>`;
    }
    case DataType.tuple:
      return `tuple<${(type.info as DriverType[]).map(describeType).join(', ')}>`;
    case DataType.udt:
      return (type.info as UdtInfo).name;
    default:
      return name;
  }
}
