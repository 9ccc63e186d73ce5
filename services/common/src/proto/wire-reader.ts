// Walks protobuf wire bytes in place — tags, lengths, fields skipped — for the few places that read
// a message's bytes without decoding it into objects (the REST API writes rows straight from the
// bridge's Response bytes; issue 19). Malformed bytes throw, as protobufjs's Reader does.

export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
export const FIXED32 = 5;

export class WireReader {
  pos: number;
  end: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  /** An unsigned varint of at most 32 bits (a tag or a length). */
  uint32(): number {
    const buf = this.buf;
    // Most tags and lengths are one byte.
    if (this.pos < this.end && buf[this.pos]! < 128) return buf[this.pos++]!;
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= this.end) throw new RangeError(`index out of range: ${this.pos} + 1 > ${this.end}`);
      const b = buf[this.pos++]!;
      value = (value | ((b & 127) << shift)) >>> 0;
      if (b < 128) return value;
    }
    throw new Error('invalid varint encoding');
  }

  /** The length of a length-delimited field (its tag read): the field's content ends at pos + it. */
  length(): number {
    const length = this.uint32();
    if (this.pos + length > this.end) {
      throw new RangeError(`index out of range: ${this.pos} + ${length} > ${this.end}`);
    }
    return length;
  }

  /**
   * Moves to the content of the next occurrence of the length-delimited field `field` (a Row's
   * values, a ResultSet's rows), skipping every other field, and returns its length; -1 at the end.
   */
  nextDelimited(field: number): number {
    while (this.pos < this.end) {
      const tag = this.uint32();
      if (tag >>> 3 !== field) {
        this.skip(tag & 7);
        continue;
      }
      if ((tag & 7) !== LENGTH_DELIMITED) throw new Error(`field ${field}: wire type ${tag & 7}`);
      return this.length();
    }
    return -1;
  }

  /** Skips the value of a field of this wire type (its tag read). Groups are not in our protos. */
  skip(wireType: number): void {
    switch (wireType) {
      case VARINT:
        while (this.pos < this.end && this.buf[this.pos]! >= 128) this.pos++;
        this.advance(1);
        return;
      case FIXED64:
        this.advance(8);
        return;
      case LENGTH_DELIMITED:
        this.advance(this.length());
        return;
      case FIXED32:
        this.advance(4);
        return;
      default:
        throw new Error(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }

  private advance(bytes: number): void {
    if (this.pos + bytes > this.end) {
      throw new RangeError(`index out of range: ${this.pos} + ${bytes} > ${this.end}`);
    }
    this.pos += bytes;
  }
}

/**
 * The content of the last occurrence of a length-delimited field (a message, bytes or string) of the
 * message in `bytes` (the one protobufjs keeps), as a view of those bytes; undefined when it is absent.
 */
export function lastDelimitedField(bytes: Buffer, fieldNumber: number): Buffer | undefined {
  const r = new WireReader(bytes);
  let found: Buffer | undefined;
  for (let length = r.nextDelimited(fieldNumber); length >= 0; length = r.nextDelimited(fieldNumber)) {
    found = bytes.subarray(r.pos, r.pos + length);
    r.pos += length;
  }
  return found;
}

/**
 * Where the content of a length-delimited field starts (its length varint at p) if that content
 * ends exactly at end; else -1. For reading a message known to hold that one field and nothing else.
 */
export function delimitedStart(buf: Uint8Array, p: number, end: number): number {
  if (p < end && buf[p]! < 128) return p + 1 + buf[p]! === end ? p + 1 : -1;
  let length = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (p >= end) return -1;
    const b = buf[p++]!;
    length += (b & 127) * 2 ** shift;
    if (b < 128) return p + length === end ? p : -1;
  }
  return -1;
}

/** The 64-bit integer sint64Exactly last read: its low 32 bits (unsigned) and high 32 bits (signed). */
export const sint64Read = { low: 0, high: 0 };

/**
 * Reads a zigzag sint64 varint from p that ends exactly at end into sint64Read; false (nothing
 * read) when the bytes are anything else. Where it reads a value, protobufjs reads the same one.
 */
export function sint64Exactly(buf: Uint8Array, p: number, end: number): boolean {
  let low = 0;
  let high = 0;
  let b = 128;
  for (let shift = 0; shift < 28 && b >= 128; shift += 7) {
    if (p >= end) return false;
    b = buf[p++]!;
    low |= (b & 127) << shift;
  }
  if (b >= 128) {
    if (p >= end) return false;
    b = buf[p++]!;
    low |= (b & 127) << 28;
    high = (b & 127) >> 4;
    for (let shift = 3; shift < 32 && b >= 128; shift += 7) {
      if (p >= end) return false;
      b = buf[p++]!;
      high |= (b & 127) << shift;
    }
  }
  if (b >= 128 || p !== end) return false;
  const mask = -(low & 1);
  sint64Read.low = (((low >>> 1) | (high << 31)) ^ mask) >>> 0;
  sint64Read.high = ((high >>> 1) ^ mask) | 0;
  return true;
}
