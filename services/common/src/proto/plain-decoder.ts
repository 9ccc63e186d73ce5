// Decodes protobuf bytes straight into the plain objects our code reads, in one pass over the wire.
// protobufjs first builds message instances (decode) and toObject then copies each into a plain
// object: for a 100-row page that is every row and value allocated twice and about half of the
// decoding CPU (issue 19). The objects are exactly those of protobufjs 7.6's decode followed by
// toObject({ longs: String, defaults: false, oneofs: true }): a field is present iff it was on the
// wire (an empty repeated field is absent), 64-bit integers as decimal strings, enums as numbers,
// bytes as the Reader's own slices, a oneof's name set to its present member with the highest field
// number, the last occurrence of a singular field wins (messages are replaced, not merged). Reads go
// through protobufjs's Reader with the same bounds and nesting checks, so truncated or garbage bytes
// throw as they did. Each message type is planned once: a table of its fields by number, read by one
// function with a switch on the field's kind (closures per field made every call site megamorphic).
import protobuf from 'protobufjs';
import { decimalOfBits } from './decimal-long.js';

type Plain = Record<string, unknown>;
type Reader = protobuf.Reader & { skipType(wireType: number, depth?: number): Reader };
/** Reads one occurrence of a map field (its tag already read) into `d`; `end` is the message's end. */
type ReadMapEntry = (r: Reader, d: Plain, end: number, depth: number) => void;

// protobufjs's tables by wire type name: packable types, 64-bit types, map entries' defaults.
const packable = protobuf.types.packed as Record<string, number | undefined>;
const long64 = protobuf.types.long as Record<string, number | undefined>;
const defaults = protobuf.types.defaults as Record<string, unknown>;

/** How a field's values are read (readValue's switch); the names are protobufjs's Reader methods. */
const KINDS = [
  'double',
  'float',
  'int32',
  'uint32',
  'sint32',
  'fixed32',
  'sfixed32',
  'bool',
  'string',
  'bytes',
  'int64',
  'uint64',
  'sint64',
  'fixed64',
  'sfixed64',
  'message',
] as const;
const MESSAGE = KINDS.indexOf('message');

const SINGULAR = 0;
const REPEATED = 1;
const MAP = 2;

/** One field of a message type, as the decoder needs it (all of one shape). */
interface FieldPlan {
  name: string;
  id: number;
  mode: number;
  kind: number;
  packable: boolean;
  /** For kind MESSAGE. */
  message: TypePlan | undefined;
  /** Set for oneof members. */
  oneofName: string | undefined;
  oneofSlot: number;
  readMapEntry: ReadMapEntry | undefined;
}

interface TypePlan {
  byId: (FieldPlan | undefined)[];
  oneofCount: number;
  required: string[];
}

const plans = new Map<protobuf.Type, TypePlan>();

export function plainDecoder(type: protobuf.Type): (bytes: Uint8Array) => object {
  const plan = typePlan(type);
  return (bytes) => {
    missingMapMessage = false;
    const decoded = decodeMessage(plan, protobuf.Reader.create(bytes) as Reader, undefined, 0);
    if (missingMapMessage) settleMissingMapMessages(type, decoded);
    return decoded;
  };
}

function typePlan(type: protobuf.Type): TypePlan {
  const known = plans.get(type);
  if (known) return known;
  const fields = type.fieldsArray.map((field) => field.resolve());
  const plan: TypePlan = {
    byId: new Array(Math.max(0, ...fields.map((f) => f.id)) + 1).fill(undefined),
    oneofCount: type.oneofsArray.length,
    required: fields.filter((f) => f.required).map((f) => f.name),
  };
  // Registered before its fields are planned: message types may contain themselves (Value).
  plans.set(type, plan);
  for (const field of fields) plan.byId[field.id] = fieldPlan(type, field);
  return plan;
}

function fieldPlan(owner: protobuf.Type, field: protobuf.FieldBase): FieldPlan {
  if ((field as protobuf.Field).delimited) {
    throw new TypeError(`${owner.name}.${field.name}: groups are not supported`);
  }
  const target = field.resolvedType;
  const oneof = field.partOf ?? undefined;
  return {
    name: field.name,
    id: field.id,
    mode: field.map ? MAP : field.repeated ? REPEATED : SINGULAR,
    kind: kindOf(field),
    packable: packable[wireTypeName(field)] !== undefined,
    message: target instanceof protobuf.Type ? typePlan(target) : undefined,
    oneofName: oneof?.name,
    oneofSlot: oneof ? oneofSlot(owner, oneof) : 0,
    readMapEntry: field.map ? mapReader(field as protobuf.MapField) : undefined,
  };
}

function kindOf(field: protobuf.FieldBase): number {
  if (field.resolvedType instanceof protobuf.Type) return MESSAGE;
  return scalarKind(wireTypeName(field));
}

function scalarKind(type: string): number {
  const kind = KINDS.indexOf(type as (typeof KINDS)[number]);
  if (kind < 0 || kind === MESSAGE) throw new TypeError(`no reader for protobuf type ${type}`);
  return kind;
}

function decodeMessage(plan: TypePlan, r: Reader, length: number | undefined, depth: number): Plain {
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
  const byId = plan.byId;
  for (let i = 0, at = depth * MAX_ONEOFS; i < plan.oneofCount; i++) oneofMembers[at + i] = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    const id = tag >>> 3;
    const field = id < byId.length ? byId[id] : undefined;
    if (field === undefined) r.skipType(tag & 7, depth);
    else if (field.mode === SINGULAR) {
      d[field.name] = readValue(field.kind, field.message, r, depth);
      // toObject names the present member that comes last in field-number order. Which member
      // that is so far is kept per nesting depth outside the object, sparing a lookup of its key.
      if (field.oneofName !== undefined) {
        const at = depth * MAX_ONEOFS + field.oneofSlot;
        if (oneofMembers[at]! < id) {
          oneofMembers[at] = id;
          d[field.oneofName] = field.name;
        }
      }
    } else if (field.mode === REPEATED) readRepeated(field, r, d, tag, end, depth);
    else field.readMapEntry!(r, d, end, depth);
  }
  if (length !== undefined) {
    if (r.pos !== end) throw RangeError('index out of range');
    r.len = outerLen;
  }
  const required = plan.required;
  for (let i = 0; i < required.length; i++) {
    if (!Object.hasOwn(d, required[i]!)) {
      throw new protobuf.util.ProtocolError(`missing required '${required[i]}'`);
    }
  }
  return d;
}

function readRepeated(field: FieldPlan, r: Reader, d: Plain, tag: number, end: number, depth: number): void {
  let items = d[field.name] as unknown[] | undefined;
  if (field.packable && (tag & 7) === 2) {
    const packedEnd = r.uint32() + r.pos;
    if (packedEnd > r.len) throw RangeError('index out of range');
    r.len = packedEnd;
    if (items === undefined && r.pos < packedEnd) d[field.name] = items = [];
    while (r.pos < packedEnd) items!.push(readValue(field.kind, undefined, r, depth));
    if (r.pos !== packedEnd) throw RangeError('index out of range');
    r.len = end;
  } else {
    if (items === undefined) d[field.name] = items = [];
    items.push(readValue(field.kind, field.message, r, depth));
  }
}

/** One value of a field of this kind (the cases follow KINDS); `depth` is that of the message holding the field. */
function readValue(kind: number, message: TypePlan | undefined, r: Reader, depth: number): unknown {
  switch (kind) {
    case 0:
      return r.double();
    case 1:
      return r.float();
    case 2:
      return r.int32();
    case 3:
      return r.uint32();
    case 4:
      return r.sint32();
    case 5:
      return r.fixed32();
    case 6:
      return r.sfixed32();
    case 7:
      return r.bool();
    case 8:
      return readString(r);
    case 9:
      return r.bytes();
    case 10:
      readVarint64(r);
      return decimalOfBits(low, high, false);
    case 11:
      readVarint64(r);
      return decimalOfBits(low, high, true);
    case 12:
      readVarint64(r);
      zigZagDecode();
      return decimalOfBits(low, high, false);
    case 13:
      readFixed64(r);
      return decimalOfBits(low, high, true);
    case 14:
      readFixed64(r);
      return decimalOfBits(low, high, false);
    default:
      return decodeMessage(message!, r, r.uint32(), depth + 1);
  }
}

/**
 * A string field, refused when its length runs past the message: protobufjs 7's Buffer reader cuts
 * such a string short without a word (its `bytes` and the generic reader refuse; protobufjs 8 fixed
 * it, PR 2205), so a truncated Query would run the CQL that happened to fit.
 */
function readString(r: Reader): string {
  const start = r.pos;
  const length = r.uint32();
  if (r.pos + length > r.len) throw new RangeError(`index out of range: ${r.pos} + ${length} > ${r.len}`);
  r.pos = start;
  return r.string();
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

function mapReader(field: protobuf.MapField): ReadMapEntry {
  const name = field.name;
  const keyType = field.keyType;
  const keyKind = scalarKind(keyType);
  // protobufjs keys its map objects by the 8-character hash of a 64-bit key.
  const longKeys = long64[keyType] !== undefined;
  const keyDefault = defaults[keyType] as string | number | boolean;
  const valueKind = kindOf(field);
  const target = field.resolvedType;
  const valueMessage = target instanceof protobuf.Type ? typePlan(target) : undefined;
  const valueDefault = mapValueDefault(field);
  const stringKeys = keyType === 'string';
  return (r, d, end, depth) => {
    const entryEnd = r.uint32() + r.pos;
    if (entryEnd > r.len) throw RangeError('index out of range');
    r.len = entryEnd;
    let key = keyDefault;
    let value = valueDefault;
    while (r.pos < entryEnd) {
      const tag = r.uint32();
      switch (tag >>> 3) {
        case 1:
          key = longKeys ? readLongKey(keyType, r) : (readValue(keyKind, undefined, r, depth) as string);
          break;
        case 2:
          value = readValue(valueKind, valueMessage, r, depth);
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

// The 64-bit value last read, as unsigned 32-bit halves (no LongBits or Long per value).
let low = 0;
let high = 0;

function readLongKey(type: string, r: Reader): string {
  if (type === 'fixed64' || type === 'sfixed64') readFixed64(r);
  else readVarint64(r);
  if (type === 'sint64') zigZagDecode();
  return new protobuf.util.LongBits(low, high).toHash();
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
