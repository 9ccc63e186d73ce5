// Cells a read hands over as the bytes Cassandra sent, for the bridge to copy into its reply without
// making a JavaScript value of each (driver-internals.ts: parseRowsAtOnce with rawCells). Only the
// common scalars whose protobuf form follows from their bytes alone, and only cells of exactly
// their type's width: anything else (an empty cell, which the driver reads as null, a timestamp a
// JavaScript Date cannot hold, every other type) is decoded by the driver as before.
import { DataType } from '../codecs/driver-types.js';

/** The largest time a JavaScript Date holds, in ms either side of the epoch. */
const MAX_DATE_MS = 8.64e15;
const TWO_POW_32 = 2 ** 32;

/** Whether the cell of a column of this type code is handed over as its bytes. */
export function isKeptRaw(code: number, cell: Buffer): boolean {
  switch (code) {
    case DataType.tinyint:
    case DataType.boolean:
      return cell.length === 1;
    case DataType.smallint:
      return cell.length === 2;
    case DataType.int:
    case DataType.float:
      return cell.length === 4;
    case DataType.bigint:
    case DataType.counter:
    case DataType.double:
      return cell.length === 8;
    case DataType.timestamp:
      return (
        cell.length === 8 && Math.abs(cell.readInt32BE(0) * TWO_POW_32 + cell.readUInt32BE(4)) <= MAX_DATE_MS
      );
    case DataType.uuid:
    case DataType.timeuuid:
      return cell.length === 16;
    case DataType.ascii:
    case DataType.text:
    case DataType.varchar:
    case DataType.blob:
      return true;
    default:
      return false;
  }
}
