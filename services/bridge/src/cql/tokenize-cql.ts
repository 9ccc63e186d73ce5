// A small CQL lexer: enough to classify a statement and find the names it touches, robust to
// comments, mixed case, quoted identifiers and string literals (which must never be read as
// keywords). Unquoted identifiers are case-insensitive in CQL and come out lower-cased.
export type CqlToken = (
  | { kind: 'word'; text: string } // keyword or unquoted identifier, lower-cased
  | { kind: 'quoted'; text: string } // "Quoted Identifier", exact
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'punct'; text: string }
) & {
  /** Where the token starts and ends in the CQL text (a rewrite replaces that span). */
  start?: number;
  end?: number;
};

export class CqlLexError extends Error {}

export function tokenizeCql(cql: string): CqlToken[] {
  const tokens: CqlToken[] = [];
  let i = 0;
  const n = cql.length;
  while (i < n) {
    const c = cql[i]!;
    const start = i;
    const count = tokens.length;
    if (/\s/.test(c)) {
      i++;
    } else if ((c === '-' && cql[i + 1] === '-') || (c === '/' && cql[i + 1] === '/')) {
      // Cassandra ends a line comment at '\r' as well as '\n': reading on to '\n' would hide from
      // this lexer what Cassandra runs (e.g. "FROM --\rsystem_auth.roles /*\n ks.t */").
      while (i < n && cql[i] !== '\n' && cql[i] !== '\r') i++;
    } else if (c === '/' && cql[i + 1] === '*') {
      const end = cql.indexOf('*/', i + 2);
      if (end < 0) throw new CqlLexError('unterminated comment');
      i = end + 2;
    } else if (c === "'") {
      const quoted = readQuoted(cql, i, "'", 'unterminated string literal');
      tokens.push({ kind: 'string', text: quoted.text });
      i = quoted.end;
    } else if (c === '$' && cql[i + 1] === '$') {
      const end = cql.indexOf('$$', i + 2);
      if (end < 0) throw new CqlLexError('unterminated $$ string');
      tokens.push({ kind: 'string', text: cql.slice(i + 2, end) });
      i = end + 2;
    } else if (c === '"') {
      const quoted = readQuoted(cql, i, '"', 'unterminated quoted identifier');
      tokens.push({ kind: 'quoted', text: quoted.text });
      i = quoted.end;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_]/.test(cql[i]!)) i++;
      tokens.push({ kind: 'word', text: cql.slice(start, i).toLowerCase() });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < n && /[0-9A-Za-z_.+-]/.test(cql[i]!)) {
        if ((cql[i] === '+' || cql[i] === '-') && !/[eE]/.test(cql[i - 1]!)) break;
        i++;
      }
      tokens.push({ kind: 'number', text: cql.slice(start, i) });
    } else {
      tokens.push({ kind: 'punct', text: c });
      i++;
    }
    if (tokens.length > count) Object.assign(tokens[count]!, { start, end: i });
  }
  return tokens;
}

// A quoted text is found with indexOf and taken as slices: built a character at a time, a 4 MB
// literal was a chain of four million string pieces (~100 MB) for as long as its statement ran, and
// four such statements at once killed the bridge (test/integration/grpc/long-literals.test.ts).
// A slice keeps its whole statement in memory, though, and names end up as cache keys (keyspaces
// of the authorization caches): texts up to LONGEST_COPIED characters are copied out instead.
const LONGEST_COPIED = 4096;

/**
 * The text between the quote at `open` and its closing quote (a doubled quote stands for one), and
 * where the token ends.
 */
function readQuoted(
  cql: string,
  open: number,
  quote: string,
  unterminated: string,
): { text: string; end: number } {
  let at = open + 1;
  for (;;) {
    const close = cql.indexOf(quote, at);
    if (close < 0) throw new CqlLexError(unterminated);
    if (cql[close + 1] === quote) {
      at = close + 2;
      continue;
    }
    const raw = cql.slice(open + 1, close);
    if (at !== open + 1) return { text: raw.replaceAll(quote + quote, quote), end: close + 1 };
    return { text: raw.length <= LONGEST_COPIED ? copied(raw) : raw, end: close + 1 };
  }
}

/** A string of its own: join builds a new one, where a slice would point into the statement. */
function copied(text: string): string {
  return [...text].join('');
}

/** The identifier a token names, or undefined when it is not an identifier. */
export function identifierOf(token: CqlToken | undefined): string | undefined {
  return token && (token.kind === 'word' || token.kind === 'quoted') ? token.text : undefined;
}
