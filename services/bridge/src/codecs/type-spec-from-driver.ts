// The driver's description of a column type → Stargate's TypeSpec (as in ResultSet.columns).
import type { TypeSpec } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import { DataType, type DriverType, isDuration, isVector, type UdtInfo, vectorInfo } from './driver-types.js';

// TypeSpec.Basic numbers equal the CQL protocol's type codes for the native types (1..21);
// TEXT is reported as VARCHAR, as Stargate does.

export function typeSpecFromDriver(type: DriverType): TypeSpec {
  if (isVector(type)) {
    const { element, size } = vectorInfo(type);
    return { vector: { element: typeSpecFromDriver(element), size } };
  }
  if (isDuration(type)) return { basic: BasicType.DURATION };
  switch (type.code) {
    case DataType.text:
      return { basic: BasicType.VARCHAR };
    case DataType.custom:
      return { basic: BasicType.CUSTOM };
    case DataType.list:
      return { list: { element: typeSpecFromDriver(type.info as DriverType) } };
    case DataType.set:
      return { set: { element: typeSpecFromDriver(type.info as DriverType) } };
    case DataType.map: {
      const [k, v] = type.info as DriverType[];
      return { map: { key: typeSpecFromDriver(k!), value: typeSpecFromDriver(v!) } };
    }
    case DataType.tuple:
      return { tuple: { elements: (type.info as DriverType[]).map(typeSpecFromDriver) } };
    case DataType.udt: {
      const info = type.info as UdtInfo;
      const fields: Record<string, TypeSpec> = {};
      for (const f of info.fields) fields[f.name] = typeSpecFromDriver(f.type);
      return { udt: { name: info.name, fields } };
    }
    default:
      return { basic: type.code as TypeSpec['basic'] };
  }
}
