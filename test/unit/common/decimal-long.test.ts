// 64-bit values decoded from our messages read as the same decimal strings as Long's own
// conversion: small, negative, at ±2^53, beyond it, unsigned with the top bit set, other radixes.
import Long from 'long';
import { describe, expect, it } from 'vitest';
import { DecimalLong } from '../../../services/common/src/proto/decimal-long.js';
import { decodeOptions } from '../../../services/common/src/proto/grpc-service-definition.js';
import { protoRoot } from '../../../services/common/src/proto/proto-root.js';

const decimal = (l: Long) => new DecimalLong(l.low, l.high, l.unsigned).toString();

describe('DecimalLong', () => {
  it('writes every value as Long does', () => {
    const values = [
      '0',
      '1',
      '-1',
      '42',
      '-42',
      '4294967295',
      '4294967296',
      '-4294967296',
      '9007199254740991',
      '-9007199254740991',
      '9007199254740992',
      '-9007199254740992',
      '9007199254740993',
      '-9007199254740993',
      '9223372036854775807',
      '-9223372036854775808',
      '1700000000000',
      '-62135596800000',
    ];
    for (const v of values) expect(decimal(Long.fromString(v)), v).toBe(v);
    for (const v of ['18446744073709551615', '9223372036854775808', '4294967296', '7']) {
      expect(decimal(Long.fromString(v, true)), `unsigned ${v}`).toBe(v);
    }
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) | 0;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      const l = new Long(next(), i % 2 ? next() : next() >> 11, false);
      expect(decimal(l)).toBe(l.toString());
    }
    expect(new DecimalLong(255, 0).toString(16)).toBe('ff');
  });

  it('is what a decoded Response carries: int Values as exact decimal strings', () => {
    const Response = protoRoot().lookupType('stargate.Response');
    const ints = ['7', '-7', '9007199254740993', '-9223372036854775808'];
    const bytes = Response.encode(
      Response.fromObject({ resultSet: { rows: [{ values: ints.map((int) => ({ int })) }] } }),
    ).finish();
    const decoded = Response.toObject(Response.decode(bytes), decodeOptions) as {
      resultSet: { rows: Array<{ values: Array<{ int: string }> }> };
    };
    expect(decoded.resultSet.rows[0]!.values.map((v) => v.int)).toEqual(ints);
  });
});
