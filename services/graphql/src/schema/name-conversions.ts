// CQL names → GraphQL names as Stargate writes them (its NameConversions): characters GraphQL does
// not allow, a leading digit or "__" are hex-escaped as x<hex>_; table names that clash with our
// own type names, or end/start like the types we derive from them, are escaped too. toCql undoes it.

export type IdentifierKind = 'table' | 'udt' | 'column';

const RESERVED_TABLE_NAMES: Record<string, string> = {
  Mutation: 'Mutatiox6e_',
  MutationConsistency: 'MutationConsistencx79_',
  MutationOptions: 'MutationOptionx73_',
  Query: 'Querx79_',
  QueryConsistency: 'QueryConsistencx79_',
  QueryOptions: 'QueryOptionx73_',
  SerialConsistency: 'SerialConsistencx79_',
  // Ours (vector search), escaped the same way.
  SimilarityFunction: 'SimilarityFunctiox6e_',
  Boolean: 'Booleax6e_',
  Float: 'Floax74_',
  Int: 'Inx74_',
  String: 'Strinx67_',
  Uuid: 'Uuix64_',
  TimeUuid: 'TimeUuix64_',
  Inet: 'Inex74_',
  Date: 'Datx65_',
  Duration: 'Duratiox6e_',
  BigInt: 'BigInx74_',
  Counter: 'Countex72_',
  Ascii: 'Ascix69_',
  Decimal: 'Decimax6c_',
  Varint: 'Varinx74_',
  // Stargate maps Float32 to itself (its table of reserved names has this quirk); so do we.
  Float32: 'Float32',
  Blob: 'Blox62_',
  SmallInt: 'SmallInx74_',
  TinyInt: 'TinyInx74_',
  Timestamp: 'Timestamx70_',
  Time: 'Timx65_',
  conversionWarnings: 'conversionWarningx73_',
};

const RESERVED_PREFIXES: ReadonlyArray<[string, string]> = [
  ['Entry', 'Entrx79_'],
  ['Tuple', 'Tuplx65_'],
];

const RESERVED_SUFFIXES: ReadonlyArray<[string, string]> = [
  ['Input', 'Inpux74_'],
  ['Result', 'Resulx74_'],
  ['Order', 'Ordex72_'],
  ['Udt', 'Udx74_'],
];

export function toGraphqlName(cqlName: string, kind: IdentifierKind): string {
  if (cqlName === '') throw new Error('CQL name must not be empty');
  if (kind === 'table') {
    const reserved = RESERVED_TABLE_NAMES[cqlName];
    if (reserved !== undefined) return reserved;
  }
  let name = needsHexEscape(cqlName) ? hexEscape(cqlName) : cqlName;
  if (kind === 'table') {
    name = escapePrefix(name);
    name = escapeSuffix(name);
  } else if (kind === 'udt') {
    name = `${escapePrefix(name)}Udt`;
  }
  return name;
}

export function toCqlName(graphqlName: string, kind: IdentifierKind): string {
  const name = kind === 'udt' && graphqlName.endsWith('Udt') ? graphqlName.slice(0, -3) : graphqlName;
  return hexUnescape(name);
}

function isValidGraphqlChar(c: string): boolean {
  return /^[A-Za-z0-9_]$/.test(c);
}

function needsHexEscape(source: string): boolean {
  if (source.startsWith('__') || /^[0-9]/.test(source)) return true;
  for (let i = 0; i < source.length; ) {
    const cp = source.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff || !isValidGraphqlChar(ch) || (ch === 'x' && hexEscapeLength(source, i) > 0)) return true;
    i += ch.length;
  }
  return false;
}

function hexEscape(source: string): string {
  let out = '';
  let i = 0;
  if (source.startsWith('__')) {
    out = 'x5f__';
    i = 2;
  } else if (/^[0-9]/.test(source)) {
    out = `x${source.charCodeAt(0).toString(16)}_`;
    i = 1;
  }
  while (i < source.length) {
    const cp = source.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff || !isValidGraphqlChar(ch) || (ch === 'x' && hexEscapeLength(source, i) > 0)) {
      out += `x${cp.toString(16)}_`;
    } else {
      out += ch;
    }
    i += ch.length;
  }
  return out;
}

function hexUnescape(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; ) {
    const length = source[i] === 'x' ? hexEscapeLength(source, i) : -1;
    if (length > 0) {
      out += String.fromCodePoint(Number.parseInt(source.slice(i + 1, i + length - 1), 16));
      i += length;
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out;
}

/** Length of the escape x<hex digits>_ starting at i (including 'x' and '_'), or -1. */
function hexEscapeLength(name: string, i: number): number {
  for (let j = i + 1; j < name.length; j++) {
    const c = name[j]!;
    if (c === '_') return j === i + 1 ? -1 : j - i + 1;
    if (!/[0-9a-f]/.test(c)) return -1;
  }
  return -1;
}

function escapePrefix(name: string): string {
  for (const [prefix, replacement] of RESERVED_PREFIXES) {
    if (name.startsWith(prefix)) return replacement + name.slice(prefix.length);
  }
  return name;
}

function escapeSuffix(name: string): string {
  for (const [suffix, replacement] of RESERVED_SUFFIXES) {
    if (name.endsWith(suffix)) return name.slice(0, -suffix.length) + replacement;
  }
  return name;
}
