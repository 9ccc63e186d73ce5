// protobufjs decodes every 64-bit field into a Long, and our decoded shapes carry them as decimal
// strings (longs: String), so every int/bigint/counter/timestamp Value of a response goes through
// Long#toString, which divides in a loop even for small numbers: ~40 % of toObject for a 100-row
// page (bench/README.md, issue 19). Values within ±2^53 (nearly all) are exact as a double, whose
// decimal string is the same; larger ones keep Long's own conversion.
import protobuf from 'protobufjs';

type LongClass = typeof import('long').default;
const Long = protobuf.util.Long as unknown as LongClass;

const TWO_TO_32 = 4294967296;
/** High word bound of |value| < 2^53. */
const SAFE_HIGH = 0x200000;

export class DecimalLong extends Long {
  override toString(radix?: number): string {
    if (radix === undefined || radix === 10) return decimalOfBits(this.low, this.high, this.unsigned);
    return super.toString(radix);
  }
}

/** The decimal string of the 64-bit integer with these 32-bit halves (as Long#toString writes it). */
export function decimalOfBits(low: number, high: number, unsigned: boolean): string {
  const signedHigh = unsigned ? high >>> 0 : high | 0;
  if (signedHigh >= -SAFE_HIGH && signedHigh < SAFE_HIGH) {
    return String(signedHigh * TWO_TO_32 + (low >>> 0));
  }
  return Long.prototype.toString.call(Long.fromBits(low | 0, high | 0, unsigned), 10);
}

/** Makes protobufjs build DecimalLongs (its decoders read util.Long when they run). */
export function useDecimalLongs(): void {
  if (protobuf.util.Long !== (DecimalLong as unknown)) {
    protobuf.util.Long = DecimalLong as unknown as typeof protobuf.util.Long;
  }
}
