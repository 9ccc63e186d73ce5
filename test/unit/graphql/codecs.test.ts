// The value codecs added to services/common for the GraphQL API: float32, base64, timeuuid.
import { describe, expect, test } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../services/common/src/codecs/base64.js';
import { shortestFloat32, toFloat32 } from '../../../services/common/src/codecs/float32.js';
import { newTimeUuid } from '../../../services/common/src/codecs/time-uuid.js';
import { isTimeUuid, uuidToBytes } from '../../../services/common/src/codecs/uuid.js';

describe('float32', () => {
  test.each([
    [3.14, 3.14],
    [0.1, 0.1],
    [1e-7, 1e-7],
    [16777217, 16777216],
    [3.4e38, 3.4e38],
    [0, 0],
  ])('%d reads back as %d', (input, output) => {
    expect(shortestFloat32(toFloat32(input))).toBe(output);
  });
});

describe('base64', () => {
  test('strict decoding, padded or not', () => {
    expect(base64ToBytes('yv4=')).toEqual(Buffer.from([0xca, 0xfe]));
    expect(base64ToBytes('yv4')).toEqual(Buffer.from([0xca, 0xfe]));
    expect(base64ToBytes('')).toEqual(Buffer.alloc(0));
    expect(base64ToBytes('yv4==')).toBeUndefined();
    expect(base64ToBytes('y v4=')).toBeUndefined();
    expect(base64ToBytes('a')).toBeUndefined();
    expect(bytesToBase64(new Uint8Array([0xca, 0xfe]))).toBe('yv4=');
  });
});

describe('timeuuid', () => {
  test('version 1, increasing, with the time of creation', () => {
    const a = newTimeUuid(1_600_000_000_000);
    const b = newTimeUuid(1_600_000_000_000);
    expect(isTimeUuid(a)).toBe(true);
    expect(a).not.toBe(b);
    const ticks = (uuid: string) => {
      const bytes = uuidToBytes(uuid)!;
      return (
        (BigInt(bytes.readUInt16BE(6) & 0x0fff) << 48n) |
        (BigInt(bytes.readUInt16BE(4)) << 32n) |
        BigInt(bytes.readUInt32BE(0))
      );
    };
    expect(ticks(b) - ticks(a)).toBe(1n);
    expect((ticks(a) - 122_192_928_000_000_000n) / 10_000n).toBe(1_600_000_000_000n);
    expect(uuidToBytes(a)![8]! & 0xc0).toBe(0x80);
  });
});
