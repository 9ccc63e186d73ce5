// Version 1 (time-based) UUIDs, for timeuuid values a client asks the server to generate (CQL's
// now()): 60-bit count of 100 ns intervals since 1582-10-15, a random clock sequence and a random
// node id with the multicast bit set (RFC 4122 §4.5), strictly increasing within this process.
import { randomBytes } from 'node:crypto';
import { uuidFromBytes } from './uuid.js';

const GREGORIAN_OFFSET_100NS = 122_192_928_000_000_000n;

let lastTicks = 0n;
const clockSequence = randomBytes(2).readUInt16BE(0) & 0x3fff;
const node = randomBytes(6);
node[0]! |= 0x01;

export function newTimeUuid(nowMs: number = Date.now()): string {
  let ticks = BigInt(nowMs) * 10_000n + GREGORIAN_OFFSET_100NS;
  if (ticks <= lastTicks) ticks = lastTicks + 1n;
  lastTicks = ticks;
  const bytes = Buffer.alloc(16);
  const timeLow = Number(ticks & 0xffff_ffffn);
  const timeMid = Number((ticks >> 32n) & 0xffffn);
  const timeHigh = Number((ticks >> 48n) & 0x0fffn) | 0x1000;
  bytes.writeUInt32BE(timeLow, 0);
  bytes.writeUInt16BE(timeMid, 4);
  bytes.writeUInt16BE(timeHigh, 6);
  bytes.writeUInt16BE(clockSequence | 0x8000, 8);
  node.copy(bytes, 10);
  return uuidFromBytes(bytes);
}
