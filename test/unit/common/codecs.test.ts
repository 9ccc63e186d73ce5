import { describe, expect, it } from 'vitest';
import {
  bigintFromBytes,
  bigintToBytes,
  formatDecimal,
  parseDecimal,
} from '../../../services/common/src/codecs/big-integer.js';
import { formatDuration, parseDuration } from '../../../services/common/src/codecs/duration.js';
import { inetFromBytes, inetToBytes } from '../../../services/common/src/codecs/inet.js';
import {
  dateFromProto,
  dateToProto,
  timeFromProto,
  timestampFromMillis,
  timestampToMillis,
  timeToProto,
} from '../../../services/common/src/codecs/temporal.js';
import { uuidFromBytes, uuidToBytes } from '../../../services/common/src/codecs/uuid.js';

describe('big integers', () => {
  it('round-trips varints of any size through two’s-complement bytes', () => {
    for (const v of [0n, 1n, -1n, 127n, 128n, -128n, -129n, 2n ** 64n, -(2n ** 200n) + 7n]) {
      expect(bigintFromBytes(bigintToBytes(v))).toBe(v);
    }
    expect(bigintToBytes(128n)).toEqual(Buffer.from([0x00, 0x80]));
    expect(bigintToBytes(-1n)).toEqual(Buffer.from([0xff]));
  });

  it('parses and formats decimals exactly', () => {
    expect(parseDecimal('12.345')).toEqual({ unscaled: 12345n, scale: 3 });
    expect(parseDecimal('-1.5e-3')).toEqual({ unscaled: -15n, scale: 4 });
    expect(parseDecimal('1e3')).toEqual({ unscaled: 1000n, scale: 0 });
    expect(parseDecimal('abc')).toBeUndefined();
    expect(formatDecimal(12345n, 3)).toBe('12.345');
    expect(formatDecimal(-5n, 3)).toBe('-0.005');
    const big = '123456789012345678901234567890.123456789012345678901234567890';
    const parsed = parseDecimal(big)!;
    expect(formatDecimal(parsed.unscaled, parsed.scale)).toBe(big);
  });
});

describe('temporal', () => {
  it('handles dates before 1970 and far in the future', () => {
    for (const d of ['1970-01-01', '1969-12-31', '0001-01-01', '2262-04-11', '9999-12-31', '1582-10-15']) {
      expect(dateFromProto(dateToProto(d)!)).toBe(d);
    }
    expect(dateToProto('1970-01-01')).toBe(2 ** 31);
    expect(dateToProto('2021-02-30')).toBeUndefined();
    expect(dateToProto('not a date')).toBeUndefined();
  });

  it('converts times with nanosecond precision', () => {
    expect(timeToProto('00:00:00')).toBe('0');
    expect(timeToProto('23:59:59.999999999')).toBe('86399999999999');
    expect(timeFromProto('86399999999999')).toBe('23:59:59.999999999');
    expect(timeFromProto(timeToProto('10:15:30.5')!)).toBe('10:15:30.5');
    expect(timeToProto('24:00:00')).toBeUndefined();
  });

  it('reads ISO-8601 instants with offsets', () => {
    expect(timestampToMillis('2021-01-01T00:00:00Z')).toBe(Date.UTC(2021, 0, 1));
    expect(timestampToMillis('2021-01-01T01:00:00+01:00')).toBe(Date.UTC(2021, 0, 1));
    expect(timestampToMillis('2021-01-01T00:00:00.123')).toBe(Date.UTC(2021, 0, 1) + 123);
    expect(timestampToMillis('yesterday')).toBeUndefined();
    expect(timestampFromMillis(-1000)).toBe('1969-12-31T23:59:59.000Z');
  });
});

describe('duration, inet, uuid', () => {
  it('parses CQL and ISO durations', () => {
    expect(parseDuration('1y2mo3w4d5h6m7s8ms9us10ns')).toEqual({
      months: 14,
      days: 25,
      nanos: 5n * 3600n * 10n ** 9n + 6n * 60n * 10n ** 9n + 7n * 10n ** 9n + 8_009_010n,
    });
    expect(parseDuration('P1Y2M3DT4H')).toEqual({ months: 14, days: 3, nanos: 4n * 3600n * 10n ** 9n });
    expect(parseDuration('-2d')).toEqual({ months: -0, days: -2, nanos: -0n });
    expect(parseDuration('5 days')).toBeUndefined();
    // Parts beyond CQL's duration (32-bit months and days, 64-bit nanoseconds) are refused, not truncated.
    expect(parseDuration('178956970y7mo')).toEqual({ months: 2 ** 31 - 1, days: 0, nanos: 0n });
    expect(parseDuration('178956970y8mo')).toBeUndefined();
    expect(parseDuration('-2147483648d')).toEqual({ months: -0, days: -(2 ** 31), nanos: -0n });
    expect(parseDuration('-2147483649d')).toBeUndefined();
    expect(parseDuration('P3000000000D')).toBeUndefined();
    expect(parseDuration('9223372036854775807ns')).toEqual({ months: 0, days: 0, nanos: 2n ** 63n - 1n });
    expect(parseDuration('9223372036854775808ns')).toBeUndefined();
    expect(parseDuration('2562048h')).toBeUndefined();
    expect(formatDuration({ months: 14, days: 3, nanos: 3_600_000_000_001n })).toBe('1y2mo3d1h1ns');
  });

  it('converts IPv4 and IPv6 addresses', () => {
    expect(inetFromBytes(inetToBytes('192.168.0.1')!)).toBe('192.168.0.1');
    expect(inetFromBytes(inetToBytes('2001:db8::1')!)).toBe('2001:db8::1');
    expect(inetToBytes('::1')!.length).toBe(16);
    expect(inetToBytes('300.1.1.1')).toBeUndefined();
  });

  it('converts UUID text and bytes', () => {
    const id = '00112233-4455-6677-8899-aabbccddeeff';
    expect(uuidFromBytes(uuidToBytes(id)!)).toBe(id);
    expect(uuidToBytes('nope')).toBeUndefined();
  });
});
