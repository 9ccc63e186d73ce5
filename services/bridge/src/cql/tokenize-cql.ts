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
      let text = '';
      i++;
      for (;;) {
        if (i >= n) throw new CqlLexError('unterminated string literal');
        if (cql[i] === "'") {
          if (cql[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += cql[i++];
      }
      tokens.push({ kind: 'string', text });
    } else if (c === '$' && cql[i + 1] === '$') {
      const end = cql.indexOf('$$', i + 2);
      if (end < 0) throw new CqlLexError('unterminated $$ string');
      tokens.push({ kind: 'string', text: cql.slice(i + 2, end) });
      i = end + 2;
    } else if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= n) throw new CqlLexError('unterminated quoted identifier');
        if (cql[i] === '"') {
          if (cql[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += cql[i++];
      }
      tokens.push({ kind: 'quoted', text });
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

/** The identifier a token names, or undefined when it is not an identifier. */
export function identifierOf(token: CqlToken | undefined): string | undefined {
  return token && (token.kind === 'word' || token.kind === 'quoted') ? token.text : undefined;
}
