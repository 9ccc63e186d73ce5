// Text-like CQL types ⇄ JSON: text/ascii, boolean, uuid/timeuuid, inet, blob (base64).

import { inetFromBytes, inetToBytes } from './inet.js';
import { defineCodec, type JsonCodec, mismatch } from './json-codec.js';
import { isTimeUuid, uuidFromBytes, uuidToBytes } from './uuid.js';

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function textCodec(cqlType: 'text' | 'ascii'): JsonCodec {
  const expected = cqlType === 'ascii' ? 'ascii (a string of US-ASCII characters)' : 'text (a string)';
  const check = (text: string) => {
    if (cqlType === 'ascii' && !isAscii(text)) throw mismatch(expected, text);
    return { string: text };
  };
  return defineCodec({
    cqlType,
    fromJson: (json) => {
      if (typeof json !== 'string') throw mismatch(expected, json);
      return check(json);
    },
    fromText: check,
    toJson: (value) => (value.string === undefined ? 'null' : JSON.stringify(value.string)),
  });
}

export const textJsonCodec = textCodec('text');
export const asciiJsonCodec = textCodec('ascii');

export const booleanJsonCodec: JsonCodec = (() => {
  const expected = 'boolean (true or false)';
  return defineCodec({
    cqlType: 'boolean',
    fromJson: (json) => {
      if (typeof json !== 'boolean') throw mismatch(expected, json);
      return { boolean: json };
    },
    fromText: (text) => {
      const lower = text.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw mismatch(expected, text);
      return { boolean: lower === 'true' };
    },
    toJson: (value) => (value.boolean === undefined ? 'null' : String(value.boolean)),
  });
})();

function uuidCodec(cqlType: 'uuid' | 'timeuuid'): JsonCodec {
  const expected =
    cqlType === 'uuid'
      ? 'uuid (a string such as "123e4567-e89b-12d3-a456-426614174000")'
      : 'timeuuid (a version 1 UUID string)';
  const fromText = (text: string) => {
    const bytes = uuidToBytes(text);
    if (!bytes || (cqlType === 'timeuuid' && !isTimeUuid(text))) throw mismatch(expected, text);
    return { uuid: { value: bytes } };
  };
  return defineCodec({
    cqlType,
    fromJson: (json) => {
      if (typeof json !== 'string') throw mismatch(expected, json);
      return fromText(json);
    },
    fromText,
    toJson: (value) => (value.uuid?.value ? `"${uuidFromBytes(value.uuid.value)}"` : 'null'),
  });
}

export const uuidJsonCodec = uuidCodec('uuid');
export const timeuuidJsonCodec = uuidCodec('timeuuid');

export const inetJsonCodec: JsonCodec = (() => {
  const expected = 'inet (an IPv4 or IPv6 address string)';
  const fromText = (text: string) => {
    const bytes = inetToBytes(text.trim());
    if (!bytes) throw mismatch(expected, text);
    return { inet: { value: bytes } };
  };
  return defineCodec({
    cqlType: 'inet',
    fromJson: (json) => {
      if (typeof json !== 'string') throw mismatch(expected, json);
      return fromText(json);
    },
    fromText,
    toJson: (value) => (value.inet?.value ? `"${inetFromBytes(value.inet.value)}"` : 'null'),
  });
})();

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const blobJsonCodec: JsonCodec = (() => {
  const expected = 'blob (a base64 string)';
  const fromText = (text: string) => {
    if (!BASE64.test(text) || text.length % 4 === 1) throw mismatch(expected, text);
    return { bytes: Buffer.from(text, 'base64') };
  };
  return defineCodec({
    cqlType: 'blob',
    fromJson: (json) => {
      if (typeof json !== 'string') throw mismatch(expected, json);
      return fromText(json);
    },
    fromText,
    toJson: (value) => (value.bytes ? `"${Buffer.from(value.bytes).toString('base64')}"` : 'null'),
  });
})();
