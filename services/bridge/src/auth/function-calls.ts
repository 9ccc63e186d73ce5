// Which functions a DML statement calls, as Cassandra resolves them: a qualified name is the
// user-defined function of that keyspace (system: native); an unqualified native function name may
// also resolve to a UDF of that name in the table's keyspace; keywords and grammar selectors before
// '(' are no calls.
import { type CqlToken, identifierOf } from '../cql/tokenize-cql.js';

/**
 * EXECUTE on a user-defined function or aggregate (and, for an aggregate, on its state and final
 * functions): granted on the function, its keyspace's functions or all functions. ifDefined: an
 * unqualified call of a native function's name, which Cassandra may resolve to a user-defined
 * function of that name in the keyspace: EXECUTE is needed only if the keyspace defines one.
 */
export type ExecuteRequirement = { kind: 'execute'; keyspace: string; name: string; ifDefined?: true };

const NATIVE_FUNCTIONS = new Set(
  (
    'token ttl writetime maxwritetime count min max sum avg now uuid currenttimestamp currentdate currenttime ' +
    'currenttimeuuid current_timestamp current_date current_time current_timeuuid mintimeuuid maxtimeuuid ' +
    'min_timeuuid max_timeuuid todate totimestamp tounixtimestamp to_date to_timestamp to_unix_timestamp dateof ' +
    'unixtimestampof cast fromjson tojson from_json to_json similarity_cosine similarity_euclidean ' +
    'similarity_dot_product abs exp log log10 round collection_count collection_max collection_min collection_sum ' +
    'collection_avg map_keys map_values mask_null mask_default mask_replace mask_inner mask_outer mask_hash'
  ).split(' '),
);
// Selectors of the grammar, not function calls: never resolved to a user-defined function.
const GRAMMAR_SELECTORS = new Set(['writetime', 'maxwritetime', 'ttl', 'cast']);
// Reserved keywords that come before '(' in statements: never a function name.
const RESERVED_BEFORE_PARENS = new Set(
  (
    'in and or where if set select from into not on with using table by limit batch begin apply update insert ' +
    'delete order'
  ).split(' '),
);
// Unreserved keywords that come before '(' in statements, and may also name a user-defined function.
const UNRESERVED_BEFORE_PARENS = new Set(
  'values contains key json distinct as exists group frozen list map tuple vector'.split(' '),
);
// Tokens after which a name followed by '(' can be a call (a value is expected there).
const BEFORE_A_VALUE = new Set([
  'select',
  'distinct',
  'json',
  'where',
  'and',
  'set',
  'if',
  'in',
  ',',
  '(',
  '[',
  '{',
  ':',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
]);

/**
 * Function calls (name followed by '(') need EXECUTE on the user-defined function they name. An
 * unqualified native function name needs it only if the keyspace defines a function of that name
 * (Cassandra looks a call up among the native functions and the keyspace's: it may pick the UDF).
 */
export function functionCalls(
  tokens: CqlToken[],
  defaultKeyspace: string | undefined,
): Array<ExecuteRequirement | { kind: 'superuser'; reason: string }> {
  const out: ExecuteRequirement[] = [];
  const insertTarget = tokens.findIndex((t) => t.kind === 'word' && t.text === 'into');
  for (let i = 0; i + 1 < tokens.length; i++) {
    const next = tokens[i + 1]!;
    if (next.kind !== 'punct' || next.text !== '(') continue;
    const name = identifierOf(tokens[i]);
    if (name === undefined) continue;
    // INSERT INTO [ks.]table (columns): the table name is not a call.
    if (insertTarget >= 0 && (i === insertTarget + 1 || i === insertTarget + 3)) continue;
    const qualified = tokens[i - 1]?.kind === 'punct' && tokens[i - 1]!.text === '.';
    let ifDefined = false;
    if (!qualified && tokens[i]!.kind === 'word') {
      if (GRAMMAR_SELECTORS.has(name) || RESERVED_BEFORE_PARENS.has(name)) continue;
      // COUNT(*) is grammar too: it counts rows, whatever the keyspace defines.
      if (name === 'count' && tokens[i + 2]?.text === '*' && tokens[i + 3]?.text === ')') continue;
      if (UNRESERVED_BEFORE_PARENS.has(name) && !followsValuePosition(tokens[i - 1])) continue;
      ifDefined = NATIVE_FUNCTIONS.has(name) || UNRESERVED_BEFORE_PARENS.has(name) || isBlobConversion(name);
    }
    const keyspace = qualified ? identifierOf(tokens[i - 2]) : defaultKeyspace;
    if (keyspace === 'system') continue;
    if (!keyspace) {
      if (ifDefined) continue;
      return [{ kind: 'superuser', reason: `a call of function ${name} outside any keyspace` }];
    }
    out.push(
      ifDefined ? { kind: 'execute', keyspace, name, ifDefined } : { kind: 'execute', keyspace, name },
    );
  }
  return out;
}

function followsValuePosition(previous: CqlToken | undefined): boolean {
  return (previous?.kind === 'word' || previous?.kind === 'punct') && BEFORE_A_VALUE.has(previous.text);
}

function isBlobConversion(name: string): boolean {
  return /^blobas\w+$/.test(name) || /^\w+asblob$/.test(name) || /^(\w+_as_blob|blob_as_\w+)$/.test(name);
}
