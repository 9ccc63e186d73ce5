// A vector<float, n> bind value goes to the driver as its wire bytes (to-driver-value.ts): the
// same bytes the driver's own encoding of a types.Vector gives, and the same refusals.
import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import type { DriverType } from '../../../../services/bridge/src/codecs/driver-types.js';
import { toDriverValue } from '../../../../services/bridge/src/codecs/to-driver-value.js';
import { BridgeError } from '../../../../services/bridge/src/errors/bridge-error.js';
import type { Value__Output } from '../../../../services/common/src/proto/generated/stargate/Value.js';

// The driver's encoder, which its typings leave out.
const { Encoder: DriverEncoder } = cassandra as unknown as {
  Encoder: new (version: number, options: object) => { encode(value: unknown, type: object): Buffer };
};
// As a prepared statement's metadata describes the parameter (Cassandra 5.0, protocol v5).
const VECTOR3: DriverType = {
  code: cassandra.types.dataTypes.custom,
  info: 'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 3)',
};

const floats = (...ns: number[]): Value__Output =>
  ({
    inner: 'collection',
    collection: { elements: ns.map((n) => ({ inner: 'float', float: n })) },
  }) as Value__Output;

function driverBytes(ns: number[]): Buffer {
  const encoder = new DriverEncoder(cassandra.types.protocolVersion.v5, {});
  return encoder.encode(new cassandra.types.Vector(new Float32Array(ns)), VECTOR3) as Buffer;
}

function refusal(value: Value__Output): string {
  try {
    toDriverValue(value, VECTOR3, 'bind marker 1 (v)');
  } catch (err) {
    expect(err).toBeInstanceOf(BridgeError);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

describe('a vector<float, n> bind value', () => {
  it('is the bytes the driver would encode, NaN and infinities included', () => {
    for (const ns of [
      [0.1, -2.5, 3e38],
      [Number.NaN, Infinity, -Infinity],
      [0, -0, 1],
    ]) {
      expect(toDriverValue(floats(...ns), VECTOR3, 'v')).toEqual(driverBytes(ns));
    }
    // The type is read from the same metadata object again (its parse is cached per object).
    expect(toDriverValue(floats(1, 2, 3), VECTOR3, 'v')).toEqual(driverBytes([1, 2, 3]));
  });

  it('refuses a wrong dimension, a null element and an element of another type, naming it', () => {
    expect(refusal(floats(1, 2))).toBe('Invalid value for bind marker 1 (v): expected 3 elements, got 2');
    const withNull = floats(1, 2, 3);
    withNull.collection!.elements![1] = { inner: 'null', null: {} } as Value__Output;
    expect(refusal(withNull)).toBe('Invalid value for bind marker 1 (v)[1]: a vector element cannot be null');
    const withText = floats(1, 2, 3);
    withText.collection!.elements![2] = { inner: 'string', string: 'x' } as Value__Output;
    expect(refusal(withText)).toBe(
      'Invalid value for bind marker 1 (v)[2]: expected float, got a string value',
    );
  });
});
