import { describe, expect, it } from 'vitest';
import { CqlLexError, type CqlToken, tokenizeCql } from '../../../../services/bridge/src/cql/tokenize-cql.js';

// Tokens written back as text: words lower-cased as the lexer gives them, "quoted" identifiers and
// 'strings' with their kind visible, everything else as is.
function render(tokens: CqlToken[]): string {
  return tokens
    .map((t) => (t.kind === 'quoted' ? `"${t.text}"` : t.kind === 'string' ? `'${t.text}'` : t.text))
    .join(' ');
}

describe('tokenizeCql: what the gateway reads is what Cassandra runs', () => {
  it.each([
    // comments of all three kinds hide their text, and only their text
    ['-- comment\nSELECT a FROM ks.t', 'select a from ks . t'],
    ['// comment\nSELECT a FROM ks.t', 'select a from ks . t'],
    ['/* comment */ SELECT a FROM ks.t', 'select a from ks . t'],
    ['SELECT a FROM /* system_auth.roles */ ks.t', 'select a from ks . t'],
    ['SELECT a FROM ks/**/.t', 'select a from ks . t'],
    ['SELECT a FROM ks -- x\n.t', 'select a from ks . t'],
    // Cassandra ends a line comment at \r too: the text after it is CQL, not comment
    ['SELECT a FROM --\rsystem_auth.roles /*\n ks.t */', 'select a from system_auth . roles'],
    ['SELECT a FROM //\rsystem_auth.roles /*\n ks.t */', 'select a from system_auth . roles'],
    ['SELECT a FROM ks.t -- x\r\nWHERE k = 1', 'select a from ks . t where k = 1'],
    // block comments do not nest (neither in Cassandra)
    ['SELECT a FROM /* /* */ ks.t', 'select a from ks . t'],
    ['/* -- */ SELECT 1', 'select 1'],
    ['-- /* \nSELECT 1', 'select 1'],
    // strings of both kinds are one token, never keywords or names
    ["SELECT * FROM ks.t WHERE a = 'DROP TABLE x'", "select * from ks . t where a = 'DROP TABLE x'"],
    ["WHERE a = 'it''s -- not a comment'", "where a = 'it's -- not a comment'"],
    ["WHERE a = '/* not */ a comment'", "where a = '/* not */ a comment'"],
    ['AS $$ return a; -- FROM system_auth.roles $$', "as ' return a; -- FROM system_auth.roles '"],
    ['$$it$s$$', "'it$s'"],
    ['$$ \'quote\' "name" $$', "' 'quote' \"name\" '"],
    // quoted names keep their case and may hold anything; unquoted ones are lower-cased
    ['SELECT * FROM "MyKs"."My Table"', 'select * from "MyKs" . "My Table"'],
    ['SELECT * FROM SYSTEM_AUTH.Roles', 'select * from system_auth . roles'],
    ['SELECT * FROM "system_auth"."roles"', 'select * from "system_auth" . "roles"'],
    ['SELECT "a""b" FROM t', 'select "a"b" from t'],
    ["WHERE a = '''' AND b = ''", "where a = ''' and b = ''"],
    ['SELECT """a""" FROM t', 'select ""a"" from t'],
    ['SELECT "--", "/*" FROM t', 'select "--" , "/*" from t'],
    // numbers, including exponents, are one token
    ['WHERE a = 1.5e-3 AND b = -2', 'where a = 1.5e-3 and b = - 2'],
  ])('%j → %s', (cql, tokens) => {
    expect(render(tokenizeCql(cql))).toBe(tokens);
  });

  it.each([
    ['/* never closed', 'unterminated comment'],
    ["SELECT 'never closed", 'unterminated string literal'],
    ["SELECT 'closed only by a doubled quote''", 'unterminated string literal'],
    ['SELECT $$ never closed', 'unterminated $$ string'],
    ['SELECT "never closed', 'unterminated quoted identifier'],
  ])('%j is refused: %s', (cql, message) => {
    expect(() => tokenizeCql(cql)).toThrow(new CqlLexError(message));
  });

  it('reads literals longer than a few KB whole, doubled quotes included', () => {
    const long = 'x'.repeat(100_000);
    const [literal, , escaped] = tokenizeCql(`'${long}' + '${long}''${long}'`);
    expect(literal).toMatchObject({ kind: 'string', text: long, start: 0, end: 100_002 });
    expect(escaped).toMatchObject({ kind: 'string', text: `${long}'${long}` });
  });
});
