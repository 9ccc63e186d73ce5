// Protobuf wire encoding written by hand into one growing buffer, for the messages whose encoding is
// a hot path (a result set's rows: every Value of every Row). protobufjs's Writer queues one
// operation object per field and forks a writer state per embedded message; for a 100-row page that
// is thousands of small allocations per response. Here an embedded message reserves one byte for
// its length and moves its bytes only when the length needs more (a message of 128 bytes or more).
// The encoding is the one protobufjs writes (fields in the order written, shortest varints), so the
// bytes are the same as protobufjs's for the same fields in the same order.

export const WIRE_VARINT = 0;
const WIRE_I64 = 1;
export const WIRE_LEN = 2;
const WIRE_I32 = 5;

/** Scratch kept between messages up to this size; larger ones get a buffer of their own. */
const KEPT_SCRATCH_BYTES = 1 << 20;

/** How many bytes the varint of a safe integer (0 ≤ value < 2^53) takes. */
export function varintLength(value: number): number {
  let length = 1;
  for (let v = value; v >= 128; v = Math.floor(v / 128)) length++;
  return length;
}

/** Free between messages; a writer opened while another is open gets a buffer of its own. */
let scratch: Buffer | undefined = Buffer.allocUnsafe(16 * 1024);

export class ProtoWriter {
  private buf: Buffer;
  private pos = 0;

  constructor() {
    this.buf = scratch ?? Buffer.allocUnsafe(4096);
    scratch = undefined;
  }

  /** The bytes written, copied out of the scratch buffer (given back for the next message). */
  finish(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    if (this.buf.length <= KEPT_SCRATCH_BYTES && (!scratch || scratch.length < this.buf.length)) {
      scratch = this.buf;
    }
    this.pos = 0;
    return out;
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** An unsigned varint of at most 32 bits. */
  uint32(value: number): void {
    this.ensure(5);
    let v = value >>> 0;
    while (v > 127) {
      this.buf[this.pos++] = (v & 127) | 128;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }

  /** A varint of the 64-bit value with these unsigned 32-bit halves. */
  varint64(lo: number, hi: number): void {
    if (hi === 0) {
      this.uint32(lo);
      return;
    }
    this.ensure(10);
    let low = lo >>> 0;
    let high = hi >>> 0;
    while (high > 0) {
      this.buf[this.pos++] = (low & 127) | 128;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    while (low > 127) {
      this.buf[this.pos++] = (low & 127) | 128;
      low >>>= 7;
    }
    this.buf[this.pos++] = low;
  }

  /** An unsigned varint of a safe integer (0 ≤ value < 2^53). */
  uint64(value: number): void {
    const lo = value >>> 0;
    this.varint64(lo, (value - lo) / 4294967296);
  }

  tag(field: number, wireType: number): void {
    this.uint32((field << 3) | wireType);
  }

  /** A sint64 field from a JavaScript number (an integer; converted as protobufjs's LongBits.fromNumber). */
  sint64FromNumber(field: number, value: number): void {
    this.tag(field, WIRE_VARINT);
    const negative = value < 0;
    const magnitude = negative ? -value : value;
    let lo = magnitude >>> 0;
    let hi = ((magnitude - lo) / 4294967296) >>> 0;
    if (negative) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
      if (++lo > 4294967295) {
        lo = 0;
        if (++hi > 4294967295) hi = 0;
      }
    }
    this.zigzag64(lo, hi);
  }

  /** A sint64 field from the two's-complement halves of a 64-bit integer (a Long's low and high). */
  sint64FromBits(field: number, low: number, high: number): void {
    this.tag(field, WIRE_VARINT);
    this.zigzag64(low >>> 0, high >>> 0);
  }

  private zigzag64(lo: number, hi: number): void {
    const mask = hi >> 31;
    const zzHi = (((hi << 1) | (lo >>> 31)) ^ mask) >>> 0;
    const zzLo = ((lo << 1) ^ mask) >>> 0;
    this.varint64(zzLo, zzHi);
  }

  bool(field: number, value: boolean): void {
    this.tag(field, WIRE_VARINT);
    this.ensure(1);
    this.buf[this.pos++] = value ? 1 : 0;
  }

  float(field: number, value: number): void {
    this.tag(field, WIRE_I32);
    this.ensure(4);
    this.pos = this.buf.writeFloatLE(value, this.pos);
  }

  double(field: number, value: number): void {
    this.tag(field, WIRE_I64);
    this.ensure(8);
    this.pos = this.buf.writeDoubleLE(value, this.pos);
  }

  /** A string field, UTF-8 (a string from a decoder holds no lone surrogates, so no choice to make). */
  string(field: number, value: string): void {
    this.tag(field, WIRE_LEN);
    // Up to 3 bytes per UTF-16 unit: a short string's length fits in the one byte reserved.
    if (value.length * 3 < 128) {
      this.ensure(1 + value.length * 3);
      const written = this.buf.write(value, this.pos + 1);
      this.buf[this.pos] = written;
      this.pos += 1 + written;
      return;
    }
    const length = Buffer.byteLength(value);
    this.uint32(length);
    this.ensure(length);
    this.pos += this.buf.write(value, this.pos, length);
  }

  /** A bytes field (or an embedded message already encoded). */
  bytes(field: number, value: Uint8Array): void {
    this.tag(field, WIRE_LEN);
    this.uint32(value.length);
    this.raw(value);
  }

  /** A bytes (or string) field of `source`'s bytes from `start` to `end`, copied without a view. */
  bytesOf(field: number, source: Buffer, start: number, end: number): void {
    this.tag(field, WIRE_LEN);
    this.uint32(end - start);
    this.ensure(end - start);
    this.pos += source.copy(this.buf, this.pos, start, end);
  }

  /** Bytes as they are: fields already encoded. */
  raw(value: Uint8Array): void {
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** Opens an embedded message in `field`; returns where it starts, for `endMessage`. */
  beginMessage(field: number): number {
    this.tag(field, WIRE_LEN);
    this.ensure(1);
    return this.pos++;
  }

  /** Writes the length of the message opened at `start`, moving its bytes if it needs more than one. */
  endMessage(start: number): void {
    const length = this.pos - start - 1;
    if (length < 128) {
      this.buf[start] = length;
      return;
    }
    let extra = 1;
    while (length >= 2 ** (7 * (extra + 1))) extra++;
    this.ensure(extra);
    this.buf.copyWithin(start + 1 + extra, start + 1, this.pos);
    const end = this.pos + extra;
    this.pos = start;
    this.uint32(length);
    this.pos = end;
  }
}
