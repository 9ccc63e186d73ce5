// proto Values (positional or named) → the driver's positional parameter array, converted for
// each bind marker's CQL type.
import type { Values__Output } from '../../../common/src/proto/generated/stargate/Values.js';
import type { PreparedParameter } from '../cassandra/prepared-metadata.js';
import { toDriverValue } from '../codecs/to-driver-value.js';
import { BridgeError } from '../errors/bridge-error.js';

export function bindValues(values: Values__Output, parameters: PreparedParameter[]): unknown[] {
  const given = values.values ?? [];
  const names = values.valueNames ?? [];
  if (given.length !== parameters.length) {
    throw BridgeError.invalid(
      `Invalid number of values: the statement has ${parameters.length} bind markers, got ${given.length} values`,
    );
  }
  if (names.length === 0) {
    return parameters.map((p, i) => toDriverValue(given[i]!, p.type, `bind marker ${i + 1} (${p.name})`));
  }
  if (names.length !== given.length) {
    throw BridgeError.invalid(`Invalid values: ${given.length} values but ${names.length} value names`);
  }
  return parameters.map((p) => {
    let index = names.indexOf(p.name);
    if (index < 0) index = names.findIndex((n) => n.toLowerCase() === p.name.toLowerCase());
    if (index < 0) throw BridgeError.invalid(`Missing value for bind marker :${p.name}`);
    return toDriverValue(given[index]!, p.type, `bind marker :${p.name}`);
  });
}
