// Decodes protobuf bytes straight into the plain objects our code reads, in one pass over the wire.
// protobufjs first builds message instances (decode) and toObject then copies each into a plain
// object: for a 100-row page that is every row and value allocated twice and about half of the
// decoding CPU (issue 19). The objects are exactly those of protobufjs 7.6's decode followed by
// toObject({ longs: String, defaults: false, oneofs: true }): a field is present iff it was on the
// wire (an empty repeated field is absent), 64-bit integers as decimal strings, enums as numbers,
// bytes as the Reader's own slices, a oneof's name set to its present member with the highest field
// number, the last occurrence of a singular field wins (messages are replaced, not merged). Reads go
// through protobufjs's Reader with the same bounds and nesting checks, so truncated or garbage bytes
// throw as they did. Each message type is compiled once into closures over its fields.
import protobuf from 'protobufjs';
import { decimalOfBits } from './decimal-long.js';

type Plain = Record<string, unknown>;
type Reader = protobuf.Reader & { skipType(wireType: number, depth?: number): Reader };
/** Reads one value of a field's type; `depth` is that of the message holding the field. */
type ReadValue = (r: Reader, depth: number) => unknown;
/** Reads one occurrence of a field (its tag already read) into `d`; `end` is the message's end. */
type ReadField = (r: Reader, d: Plain, tag: number, end: number, depth: number) => void;

// protobufjs's tables by wire type name: packable types, 64-bit types, map entries' defaults.
const packable = protobuf.types.packed as Record<string, number | undefined>;
const long64 = protobuf.types.long as Record<string, number | undefined>;
const defaults = protobuf.types.defaults as Record<string, unknown>;

interface CompiledType {
  decode(r: Reader, length: number | undefined, depth: number): Plain;
}

const compiled = new Map<protobuf.Type, CompiledType>();

export function plainDecoder(type: protobuf.Type): (bytes: Uint8Array) => object {
  const message = compiledType(type);
  return (bytes) => {
    missingMapMessage = false;
    const decoded = message.decode(protobuf.Reader.create(bytes) as Reader, undefined, 0);
    if (missingMapMessage) settleMissingMapMessages(type, decoded);
    return decoded;
  };
}

function compiledType(type: protobuf.Type): CompiledType {
  const known = compiled.get(type);
  if (known) return known;
  const message: CompiledType = { decode: () => ({}) };
  // Registered before its fields are compiled: message types may contain themselves (Value).
  compiled.set(type, message);
  const fields = type.fieldsArray.map((field) => field.resolve());
  const byId: (ReadField | undefined)[] = new Array(Math.max(0, ...fields.map((f) => f.id)) + 1).fill(
    undefined,
  );
  for (const field of fields) byId[field.id] = fieldReader(type, field);
  const required = fields.filter((f) => f.required).map((f) => f.name);
  const oneofCount = type.oneofsArray.length;
  message.decode = (r, length, depth) => {
    if (depth > protobuf.Reader.recursionLimit) throw Error('maximum nesting depth exceeded');
    let end: number;
    let outerLen = 0;
    if (length === undefined) end = r.len;
    else {
      end = r.pos + length;
      if (end > r.len) throw RangeError('index out of range');
      outerLen = r.len;
      r.len = end;
    }
    const d: Plain = {};
    for (let i = 0, at = depth * MAX_ONEOFS; i < oneofCount; i++) oneofMembers[at + i] = 0;
    while (r.pos < end) {
      const tag = r.uint32();
      const id = tag >>> 3;
      const read = id < byId.length ? byId[id] : undefined;
      if (read === undefined) r.skipType(tag & 7, depth);
      else read(r, d, tag, end, depth);
    }
    if (length !== undefined) {
      if (r.pos !== end) throw RangeError('index out of range');
      r.len = outerLen;
    }
    for (let i = 0; i < required.length; i++) {
      if (!Object.hasOwn(d, required[i]!)) {
        throw new protobuf.util.ProtocolError(`missing required '${required[i]}'`);
      }
    }
    return d;
  };
  return message;
}

function fieldReader(owner: protobuf.Type, field: protobuf.FieldBase): ReadField {
  if ((field as protobuf.Field).delimited)
    throw new TypeError(`${owner.name}.${field.name}: groups are not supported`);
  const name = field.name;
  if (field.map) return mapReader(field as protobuf.MapField);
  const read = valueReader(field);
  if (field.repeated) {
    const packed = packable[wireTypeName(field)] !== undefined;
    return (r, d, tag, end, depth) => {
      let items = d[name] as unknown[] | undefined;
      if (packed && (tag & 7) === 2) {
        const packedEnd = r.uint32() + r.pos;
        if (packedEnd > r.len) throw RangeError('index out of range');
        r.len = packedEnd;
        if (items === undefined && r.pos < packedEnd) d[name] = items = [];
        while (r.pos < packedEnd) items!.push(read(r, depth));
        if (r.pos !== packedEnd) throw RangeError('index out of range');
        r.len = end;
      } else {
        if (items === undefined) d[name] = items = [];
        items.push(read(r, depth));
      }
    };
  }
  const oneof = field.partOf;
  if (!oneof) {
    return (r, d, _tag, _end, depth) => {
      d[name] = read(r, depth);
    };
  }
  // toObject names the present member that comes last in field-number order. Which member that is
  // so far is kept per nesting depth outside the object, sparing a lookup of the oneof's key.
  const slot = oneofSlot(owner, oneof);
  const id = field.id;
  const oneofName = oneof.name;
  return (r, d, _tag, _end, depth) => {
    d[name] = read(r, depth);
    const at = depth * MAX_ONEOFS + slot;
    if (oneofMembers[at]! < id) {
      oneofMembers[at] = id;
      d[oneofName] = name;
    }
  };
}

const MAX_ONEOFS = 16;
/** Field number of the present member of each oneof of the message being decoded at each depth. */
const oneofMembers = new Int32Array((protobuf.Reader.recursionLimit + 2) * MAX_ONEOFS);

function oneofSlot(owner: protobuf.Type, oneof: protobuf.OneOf): number {
  const slot = owner.oneofsArray.indexOf(oneof);
  if (slot < 0 || slot >= MAX_ONEOFS) throw new TypeError(`${owner.name}.${oneof.name}: too many oneofs`);
  return slot;
}

/** A message-valued map entry without its value: toObject fails on it, unless the type has no fields. */
const MISSING = null;
let missingMapMessage = false;

function mapReader(field: protobuf.MapField): ReadField {
  const name = field.name;
  const keyType = field.keyType;
  const readKey = long64[keyType] !== undefined ? longKeyReader(keyType) : scalarReader(keyType);
  const keyDefault = defaults[keyType] as string | number | boolean;
  const readValue = valueReader(field);
  const valueDefault = mapValueDefault(field);
  const stringKeys = keyType === 'string';
  return (r, d, _tag, end, depth) => {
    const entryEnd = r.uint32() + r.pos;
    if (entryEnd > r.len) throw RangeError('index out of range');
    r.len = entryEnd;
    let key = keyDefault;
    let value = valueDefault;
    while (r.pos < entryEnd) {
      const tag = r.uint32();
      switch (tag >>> 3) {
        case 1:
          key = readKey(r, depth) as string | number | boolean;
          break;
        case 2:
          value = readValue(r, depth);
          break;
        default:
          r.skipType(tag & 7, depth);
      }
    }
    if (r.pos !== entryEnd) throw RangeError('index out of range');
    r.len = end;
    let entries = d[name] as Plain | undefined;
    if (entries === undefined) d[name] = entries = {};
    const k = String(key);
    // An own "__proto__" entry, as protobufjs keeps it, rather than a new prototype.
    if (stringKeys && k === '__proto__')
      Object.defineProperty(entries, k, { enumerable: true, configurable: true, writable: true });
    if (value === MISSING) missingMapMessage = true;
    entries[k] = value;
  };
}

function mapValueDefault(field: protobuf.FieldBase): unknown {
  if (field.resolvedType instanceof protobuf.Type) return MISSING;
  const type = wireTypeName(field);
  const value = defaults[type];
  return long64[type] !== undefined ? String(value) : value;
}

/**
 * toObject fails on a message-valued map entry that lacks its value (or gives {} when the value's
 * type has no fields), but only if the entry is still there at the end: a later entry with the same
 * key, or a later occurrence of the message holding the map, replaces it.
 */
function settleMissingMapMessages(type: protobuf.Type, d: Plain): void {
  for (const field of type.fieldsArray) {
    const target = field.resolvedType;
    const value = d[field.name];
    if (!(target instanceof protobuf.Type) || value === undefined) continue;
    if (field.map) {
      const entries = value as Plain;
      for (const key of Object.keys(entries)) {
        if (entries[key] !== MISSING) settleMissingMapMessages(target, entries[key] as Plain);
        else if (target.fieldsArray.length === 0) entries[key] = {};
        else throw new TypeError(`${type.name}.${field.name}["${key}"]: map entry without a value`);
      }
    } else if (field.repeated) {
      for (const item of value as Plain[]) settleMissingMapMessages(target, item);
    } else settleMissingMapMessages(target, value as Plain);
  }
}

/** The Reader method protobufjs uses for the field's values ("int32" for enums). */
function wireTypeName(field: protobuf.FieldBase): string {
  return field.resolvedType instanceof protobuf.Enum ? 'int32' : field.type;
}

function valueReader(field: protobuf.FieldBase): ReadValue {
  const target = field.resolvedType;
  if (target instanceof protobuf.Type) {
    const message = compiledType(target);
    return (r, depth) => message.decode(r, r.uint32(), depth + 1);
  }
  return scalarReader(wireTypeName(field));
}

function scalarReader(type: string): ReadValue {
  const read = scalarReaders[type];
  if (!read) throw new TypeError(`no reader for protobuf type ${type}`);
  return read;
}

// The 64-bit value last read, as unsigned 32-bit halves (no LongBits or Long per value).
let low = 0;
let high = 0;

const scalarReaders: Record<string, ReadValue> = {
  double: (r) => r.double(),
  float: (r) => r.float(),
  int32: (r) => r.int32(),
  uint32: (r) => r.uint32(),
  sint32: (r) => r.sint32(),
  fixed32: (r) => r.fixed32(),
  sfixed32: (r) => r.sfixed32(),
  bool: (r) => r.bool(),
  string: (r) => r.string(),
  bytes: (r) => r.bytes(),
  int64: (r) => {
    readVarint64(r);
    return decimalOfBits(low, high, false);
  },
  uint64: (r) => {
    readVarint64(r);
    return decimalOfBits(low, high, true);
  },
  sint64: (r) => {
    readVarint64(r);
    zigZagDecode();
    return decimalOfBits(low, high, false);
  },
  fixed64: (r) => {
    readFixed64(r);
    return decimalOfBits(low, high, true);
  },
  sfixed64: (r) => {
    readFixed64(r);
    return decimalOfBits(low, high, false);
  },
};

/** 64-bit map keys: protobufjs keys its map objects by the 8-character hash of the value. */
function longKeyReader(type: string): ReadValue {
  const read = type === 'fixed64' || type === 'sfixed64' ? readFixed64 : readVarint64;
  const zigZag = type === 'sint64';
  return (r) => {
    read(r);
    if (zigZag) zigZagDecode();
    return new protobuf.util.LongBits(low, high).toHash();
  };
}

function indexOutOfRange(r: Reader, length?: number): RangeError {
  return RangeError(`index out of range: ${r.pos} + ${length || 1} > ${r.len}`);
}

/** protobufjs's readLongVarint (reader.js), quirks near the end of the buffer included. */
function readVarint64(r: Reader): void {
  const buf = r.buf;
  let lo = 0;
  let hi = 0;
  let i = 0;
  low = 0;
  high = 0;
  if (r.len - r.pos > 4) {
    for (; i < 4; ++i) {
      lo = (lo | ((buf[r.pos]! & 127) << (i * 7))) >>> 0;
      if (buf[r.pos++]! < 128) {
        low = lo;
        return;
      }
    }
    lo = (lo | ((buf[r.pos]! & 127) << 28)) >>> 0;
    hi = (hi | ((buf[r.pos]! & 127) >> 4)) >>> 0;
    low = lo;
    high = hi;
    if (buf[r.pos++]! < 128) return;
    i = 0;
  } else {
    for (; i < 3; ++i) {
      if (r.pos >= r.len) throw indexOutOfRange(r);
      lo = (lo | ((buf[r.pos]! & 127) << (i * 7))) >>> 0;
      if (buf[r.pos++]! < 128) {
        low = lo;
        return;
      }
    }
    low = (lo | ((buf[r.pos++]! & 127) << (i * 7))) >>> 0;
    return;
  }
  const nearEnd = r.len - r.pos <= 4;
  for (; i < 5; ++i) {
    if (nearEnd && r.pos >= r.len) throw indexOutOfRange(r);
    hi = (hi | ((buf[r.pos]! & 127) << (i * 7 + 3))) >>> 0;
    if (buf[r.pos++]! < 128) {
      high = hi;
      return;
    }
  }
  throw Error('invalid varint encoding');
}

function readFixed64(r: Reader): void {
  if (r.pos + 8 > r.len) throw indexOutOfRange(r, 8);
  low = r.fixed32();
  high = r.fixed32();
}

function zigZagDecode(): void {
  const mask = -(low & 1);
  low = (((low >>> 1) | (high << 31)) ^ mask) >>> 0;
  high = ((high >>> 1) ^ mask) >>> 0;
}
