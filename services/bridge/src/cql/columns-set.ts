// Which columns a write gives a value: the names of an INSERT's column list, the assigned columns of
// an UPDATE's SET clause; none for a DELETE. The vector-write limiter counts only the writes that set
// a vector-indexed column (services/bridge/src/query/vector-write-limiter.ts).
import type { ClassifiedStatement } from './classify-statement.js';
import { type CqlToken, identifierOf } from './tokenize-cql.js';

/**
 * The columns the write sets, as Cassandra names them (unquoted names lower-cased); 'unknown' when
 * the statement's form is not read here (INSERT … JSON, anything unparsed), which callers must
 * treat as possibly setting every column. Only for one insert, update or delete.
 */
export function columnsSet(statement: ClassifiedStatement): readonly string[] | 'unknown' {
  const { kind, tokens } = statement;
  switch (kind) {
    case 'delete':
      return [];
    case 'insert':
      return insertColumns(tokens);
    case 'update':
      return updateColumns(tokens);
    default:
      return 'unknown';
  }
}

/** INSERT INTO [ks.]t (a, b, …) VALUES …: the names in parentheses. */
function insertColumns(tokens: CqlToken[]): readonly string[] | 'unknown' {
  if (wordAt(tokens, 1) !== 'into' || identifierOf(tokens[2]) === undefined) return 'unknown';
  let at = 3;
  if (isPunct(tokens[at], '.')) {
    if (identifierOf(tokens[at + 1]) === undefined) return 'unknown';
    at += 2;
  }
  if (!isPunct(tokens[at], '(')) return 'unknown'; // INSERT … JSON, or not CQL we know
  const columns: string[] = [];
  for (at++; ; at += 2) {
    const name = identifierOf(tokens[at]);
    if (name === undefined) return 'unknown';
    columns.push(name);
    if (isPunct(tokens[at + 1], ')')) return columns;
    if (!isPunct(tokens[at + 1], ',')) return 'unknown';
  }
}

/**
 * UPDATE [ks.]t [USING …] SET a = …, b[k] = …, c.f = …, d = d + … WHERE …: the first name of each
 * assignment.
 */
function updateColumns(tokens: CqlToken[]): readonly string[] | 'unknown' {
  const set = tokens.findIndex((t, i) => i > 1 && t.kind === 'word' && t.text === 'set');
  if (set < 0) return 'unknown';
  const columns: string[] = [];
  let depth = 0;
  let expectName = true;
  for (let i = set + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (depth === 0 && t.kind === 'word' && t.text === 'where') return columns.length ? columns : 'unknown';
    if (expectName) {
      const name = identifierOf(t);
      if (name === undefined) return 'unknown';
      columns.push(name);
      expectName = false;
      continue;
    }
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    else if (t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    else if (depth === 0 && isPunct(t, ',')) expectName = true;
  }
  return 'unknown'; // no WHERE: Cassandra refuses it, but count it in case
}

function isPunct(token: CqlToken | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}

function wordAt(tokens: CqlToken[], i: number): string | undefined {
  const t = tokens[i];
  return t?.kind === 'word' ? t.text : undefined;
}
