// Cells a read hands over as where their bytes are in the frame Cassandra sent, for the bridge to
// copy into its reply without making a JavaScript value (or even a Buffer view) of each
// (driver-internals.ts: parseRowsAtOnce with raw cells). Only the common scalars whose protobuf
// form follows from their bytes alone, and only cells of exactly their type's width: anything else
// (an empty cell, which the driver reads as null, a timestamp a JavaScript Date cannot hold, every
// other type) is decoded by the driver as before.
//
// A row of raw cells is an array in column order: a kept cell is the offset of its bytes in the
// frame (a number; its length is the 4 bytes before it, as the protocol writes [bytes]), any other
// cell the driver's value (never a number: see parseRowsAtOnce). The frame is on the rows array.
import { DataType } from '../codecs/driver-types.js';

/** The largest time a JavaScript Date holds, in ms either side of the epoch. */
const MAX_DATE_MS = 8.64e15;
const TWO_POW_32 = 2 ** 32;

const FRAME = Symbol('raw cells frame');

/** Rows of raw cells: the frame their offsets point into. */
export function withFrame<T extends unknown[]>(rows: T, frame: Buffer): T {
  (rows as unknown as { [FRAME]: Buffer })[FRAME] = frame;
  return rows;
}

/** The frame of rows of raw cells; undefined for the driver's Rows. */
export function frameOf(rows: unknown): Buffer | undefined {
  return (rows as { [FRAME]?: Buffer } | null)?.[FRAME];
}

/** The length of the kept cell at `start` (the protocol's [bytes] length before it). */
export function cellLength(frame: Buffer, start: number): number {
  return frame.readInt32BE(start - 4);
}

/** Whether the cell of `length` bytes at `start` of a column of this type code is kept raw. */
export function isKeptRaw(code: number, frame: Buffer, start: number, length: number): boolean {
  switch (code) {
    case DataType.tinyint:
    case DataType.boolean:
      return length === 1;
    case DataType.smallint:
      return length === 2;
    case DataType.int:
    case DataType.float:
      return length === 4;
    case DataType.bigint:
    case DataType.counter:
    case DataType.double:
      return length === 8;
    case DataType.timestamp:
      return (
        length === 8 &&
        Math.abs(frame.readInt32BE(start) * TWO_POW_32 + frame.readUInt32BE(start + 4)) <= MAX_DATE_MS
      );
    case DataType.uuid:
    case DataType.timeuuid:
      return length === 16;
    case DataType.ascii:
    case DataType.text:
    case DataType.varchar:
    case DataType.blob:
      return true;
    default:
      return false;
  }
}
