// Stargate's rows response written straight from the bridge's encoded Response: the same text as
// rowsResponse (rows-response.ts) gives for the decoded Response, without a Value object per cell
// (issue 19: on a 100-row page, decoding every cell into objects and each into a string was most
// of the REST API's CPU, a quarter of it garbage collection). Cells of the common scalar types are
// written from their wire bytes when the Value holds exactly the field their codec reads; any other
// cell is decoded alone and written by its codec's toJson. The JSON is assembled in one reused
// scratch buffer, so a text cell's UTF-8 is copied as bytes and never becomes a JS string of its
// own; the whole is handed over as one string, which Node's HTTP server writes together with the
// headers (a Buffer body is a second chunk: 77 vs 63 µs of API CPU per point read, 165 vs 158 µs
// per 100-row page, bench/compare-builds.ts).
import type { JsonCodec } from '../../../common/src/codecs/json-codec.js';
import {
  bigintCodec,
  counterCodec,
  doubleCodec,
  floatCodec,
  formatFloat32,
  intCodec,
  nonFiniteJson,
  smallintCodec,
  tinyintCodec,
} from '../../../common/src/codecs/json-numbers.js';
import {
  asciiJsonCodec,
  blobJsonCodec,
  booleanJsonCodec,
  textJsonCodec,
  timeuuidJsonCodec,
  uuidJsonCodec,
} from '../../../common/src/codecs/json-text.js';
import { decimalOfBits } from '../../../common/src/proto/decimal-long.js';
import type { Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { plainDecoder } from '../../../common/src/proto/plain-decoder.js';
import { protoRoot } from '../../../common/src/proto/proto-root.js';
import { resultSetRowSpans } from '../../../common/src/proto/result-set-row-spans.js';
import {
  delimitedStart,
  sint64Exactly,
  sint64Read,
  WireReader,
} from '../../../common/src/proto/wire-reader.js';
import type { RowLayout } from './rows-response.js';

/** Row.values' field number (query.proto). */
const ROW_VALUES = 1;

/** How a column's cells may be written from their bytes (by its codec); OTHER: decoded first. */
const OTHER = 0;
const INTEGER = 1;
const COUNTER = 2;
const TEXT = 3;
const BOOLEAN = 4;
const DOUBLE = 5;
const FLOAT = 6;
const BLOB = 7;
const UUID = 8;

const kindOfCodec = new Map<JsonCodec, number>([
  [tinyintCodec, INTEGER],
  [smallintCodec, INTEGER],
  [intCodec, INTEGER],
  [bigintCodec, INTEGER],
  [counterCodec, COUNTER],
  [textJsonCodec, TEXT],
  [asciiJsonCodec, TEXT],
  [booleanJsonCodec, BOOLEAN],
  [doubleCodec, DOUBLE],
  [floatCodec, FLOAT],
  [blobJsonCodec, BLOB],
  [uuidJsonCodec, UUID],
  [timeuuidJsonCodec, UUID],
]);

/**
 * The one-byte tag of the Value field each kind's codec reads (field << 3 | wire type): int = 3
 * (varint), string = 7, boolean = 6 (varint), double = 5 (fixed64), float = 4 (fixed32), bytes = 8,
 * uuid = 10.
 */
const TAG_OF_KIND = [-1, 0x18, 0x18, 0x3a, 0x30, 0x29, 0x25, 0x42, 0x52];
/** Value.null and Value.unset, empty: JSON null whatever the codec. */
const NULL_TAG = 0x0a;
const UNSET_TAG = 0x12;

/** A layout's keys as UTF-8, and each codec's kind. */
interface RowPlan {
  keys: Buffer[];
  kinds: Uint8Array;
  codecs: JsonCodec[];
}

const plans = new WeakMap<RowLayout, RowPlan>();

function planOf(layout: RowLayout): RowPlan {
  let plan = plans.get(layout);
  if (!plan) {
    plan = {
      keys: layout.keys.map((key) => Buffer.from(key)),
      kinds: Uint8Array.from(layout.codecs, (codec) => kindOfCodec.get(codec) ?? OTHER),
      codecs: layout.codecs,
    };
    plans.set(layout, plan);
  }
  return plan;
}

let decodeValue: ((bytes: Uint8Array) => object) | undefined;

// The scratch area the JSON is written into (one response at a time: writing is synchronous), and
// the end of what is written so far. A scratch area grown past MAX_KEPT is let go after the response.
const INITIAL_SCRATCH = 64 * 1024;
const MAX_KEPT = 1024 * 1024;
let out = Buffer.allocUnsafeSlow(INITIAL_SCRATCH);
let at = 0;

/** rowsResponse's text for the bridge's encoded Response. */
export function rowsResponseFromBytes(encodedResponse: Buffer, layout: RowLayout, raw: boolean): string {
  at = 0;
  try {
    writeRowsResponse(encodedResponse, planOf(layout), raw);
    return out.toString('utf8', 0, at);
  } finally {
    if (out.length > MAX_KEPT) out = Buffer.allocUnsafeSlow(INITIAL_SCRATCH);
  }
}

function writeRowsResponse(response: Buffer, plan: RowPlan, raw: boolean): void {
  const spans = resultSetRowSpans(response);
  const rowSpans = spans?.rowSpans ?? [];
  if (!raw) {
    writeAscii('{"count":');
    writeInteger(rowSpans.length / 2);
    const state = spans?.resultSet.pagingState?.value;
    if (state && state.length > 0) {
      writeAscii(',"pageState":"');
      writeAscii(Buffer.from(state).toString('base64'));
      writeAscii('"');
    }
    writeAscii(',"data":');
  }
  reserve(1);
  out[at++] = 0x5b; // [
  if (spans) {
    const row = new WireReader(spans.bytes);
    for (let k = 0; k < rowSpans.length; k += 2) {
      if (k > 0) {
        reserve(1);
        out[at++] = 0x2c; // ,
      }
      row.pos = rowSpans[k]!;
      row.end = rowSpans[k + 1]!;
      writeRow(spans.bytes, row, plan);
    }
  }
  reserve(2);
  out[at++] = 0x5d; // ]
  if (!raw) out[at++] = 0x7d; // }
}

/** One Row message (between row.pos and row.end) as a JSON object. */
function writeRow(buf: Buffer, row: WireReader, plan: RowPlan): void {
  const { keys, kinds, codecs } = plan;
  reserve(1);
  out[at++] = 0x7b; // {
  let column = 0;
  for (let length = row.nextDelimited(ROW_VALUES); length >= 0; length = row.nextDelimited(ROW_VALUES)) {
    if (column < keys.length) {
      writeKey(keys[column]!, column);
      writeCell(buf, row.pos, row.pos + length, kinds[column]!, codecs[column]!);
    }
    column++;
    row.pos += length;
  }
  // Values missing at the end of a row: its codec's toJson(undefined), which is null.
  for (; column < keys.length; column++) {
    writeKey(keys[column]!, column);
    writeAscii('null');
  }
  reserve(1);
  out[at++] = 0x7d; // }
}

function writeKey(key: Buffer, column: number): void {
  reserve(key.length + 1);
  if (column > 0) out[at++] = 0x2c; // ,
  for (let i = 0; i < key.length; i++) out[at++] = key[i]!;
}

/** One Value message (buf[start, end)) as its codec writes it. */
function writeCell(buf: Buffer, start: number, end: number, kind: number, codec: JsonCodec): void {
  if (end > start) {
    const tag = buf[start]!;
    if ((tag === NULL_TAG || tag === UNSET_TAG) && end === start + 2 && buf[start + 1] === 0) {
      writeAscii('null');
      return;
    }
    if (tag === TAG_OF_KIND[kind] && writeScalar(buf, start + 1, end, kind)) return;
  }
  decodeValue ??= plainDecoder(protoRoot().lookupType('stargate.Value'));
  writeText(codec.toJson(decodeValue(buf.subarray(start, end)) as Value__Output));
}

/**
 * A Value holding only the field its kind's codec reads (its tag at p - 1), written as the codec
 * would; false (nothing written) when the bytes are anything else.
 */
function writeScalar(buf: Buffer, p: number, end: number, kind: number): boolean {
  switch (kind) {
    case INTEGER:
    case COUNTER:
      return writeSint64(buf, p, end, kind === COUNTER);
    case TEXT: {
      const start = delimitedStart(buf, p, end);
      if (start < 0) return false;
      writeJsonString(buf, start, end);
      return true;
    }
    case BOOLEAN:
      if (end !== p + 1 || buf[p]! > 1) return false;
      writeAscii(buf[p] === 1 ? 'true' : 'false');
      return true;
    case DOUBLE: {
      if (end !== p + 8) return false;
      const n = buf.readDoubleLE(p);
      writeAscii(Number.isFinite(n) ? String(n) : nonFiniteJson(n));
      return true;
    }
    case FLOAT:
      if (end !== p + 4) return false;
      writeAscii(formatFloat32(buf.readFloatLE(p)));
      return true;
    case BLOB: {
      const start = delimitedStart(buf, p, end);
      if (start < 0) return false;
      writeAscii(`"${buf.toString('base64', start, end)}"`);
      return true;
    }
    case UUID:
      // Uuid { bytes value = 1 } holding 16 bytes, and nothing else.
      if (end !== p + 19 || buf[p] !== 18 || buf[p + 1] !== 0x0a || buf[p + 2] !== 16) return false;
      writeUuid(buf, p + 3);
      return true;
    default:
      return false;
  }
}

/** A zigzag sint64 varint from p to exactly end, written with all its digits (quoted for counters). */
function writeSint64(buf: Buffer, p: number, end: number, quoted: boolean): boolean {
  if (!sint64Exactly(buf, p, end)) return false;
  const { low, high } = sint64Read;
  reserve(22);
  if (quoted) out[at++] = 0x22;
  if (high >= -SAFE_HIGH && high < SAFE_HIGH) writeInteger(high * 2 ** 32 + low);
  else writeAscii(decimalOfBits(low, high >>> 0, false));
  if (quoted) out[at++] = 0x22;
  return true;
}

/** Below 2^21 × 2^32 in magnitude a 64-bit integer is exact as a JS number. */
const SAFE_HIGH = 0x200000;

/** A safe integer's decimal digits: by int32 arithmetic when it fits (% on doubles is slow), else V8's. */
function writeInteger(n: number): void {
  if (n > 2147483647 || n < -2147483647) {
    writeAscii(String(n));
    return;
  }
  reserve(11);
  let v = n | 0;
  if (v < 0) {
    out[at++] = 0x2d; // -
    v = -v;
  }
  let digits = 1;
  for (let rest = v; rest >= 10; rest = (rest / 10) | 0) digits++;
  const end = at + digits;
  let i = end;
  do {
    const quotient = (v / 10) | 0;
    out[--i] = 0x30 + v - quotient * 10;
    v = quotient;
  } while (v > 0);
  at = end;
}

const HEX = Buffer.from('0123456789abcdef');

/** 16 bytes as "8-4-4-4-12" hex, quoted. */
function writeUuid(buf: Buffer, p: number): void {
  reserve(38);
  out[at++] = 0x22;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out[at++] = 0x2d;
    const b = buf[p + i]!;
    out[at++] = HEX[b >> 4]!;
    out[at++] = HEX[b & 15]!;
  }
  out[at++] = 0x22;
}

/** What JSON.stringify writes for each ASCII control character, '"' and '\': 0 = the byte itself. */
const ESCAPES: (string | 0)[] = Array.from({ length: 128 }, (_, b) =>
  b < 0x20 || b === 0x22 || b === 0x5c ? JSON.stringify(String.fromCharCode(b)).slice(1, -1) : 0,
);

/**
 * UTF-8 text (buf[start, end)) as JSON.stringify writes the string protobufjs decodes from it: the
 * bytes, with ASCII escapes. Invalid UTF-8 is copied too: the final decoding of the whole JSON
 * replaces it exactly as protobufjs's decoding of the field alone did (U+FFFD per maximal invalid
 * sequence; the ASCII around it cannot be part of one).
 */
function writeJsonString(buf: Buffer, start: number, end: number): void {
  reserve((end - start) * 6 + 2);
  out[at++] = 0x22;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    const escaped = b < 0x80 ? ESCAPES[b]! : 0;
    if (escaped === 0) out[at++] = b;
    else for (let k = 0; k < escaped.length; k++) out[at++] = escaped.charCodeAt(k);
  }
  out[at++] = 0x22;
}

function writeAscii(text: string): void {
  reserve(text.length);
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
}

/** Any JS string, as UTF-8. */
function writeText(text: string): void {
  reserve(text.length * 3);
  at += out.write(text, at, 'utf8');
}

function reserve(bytes: number): void {
  if (at + bytes <= out.length) return;
  let size = out.length * 2;
  while (size < at + bytes) size *= 2;
  const bigger = Buffer.allocUnsafeSlow(size);
  out.copy(bigger, 0, 0, at);
  out = bigger;
}
