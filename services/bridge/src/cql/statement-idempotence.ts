// Whether a statement may safely run twice. The driver retries an idempotent statement on another
// replica when a node dies mid-request (and speculative execution may run it twice); a statement
// that is not idempotent fails instead, since it may already have been applied. The rules follow
// cassandra-driver's guidance: reads are idempotent; writes are, except lightweight transactions
// (IF ...), counter updates and list appends/prepends (`c = c + ?`, `l = ? + l`), deletions of list
// elements by index, and values computed by the coordinator at each run (now(), uuid(), ...).
// When in doubt the answer is "not idempotent": a missed retry costs one error, a wrong one a
// duplicated effect.
import type { ClassifiedStatement } from './classify-statement.js';
import type { CqlToken } from './tokenize-cql.js';

const NON_DETERMINISTIC_FUNCTIONS = new Set([
  'now',
  'uuid',
  'currenttimeuuid',
  'currenttimestamp',
  'currentdate',
  'currenttime',
]);

export function isIdempotent(statement: ClassifiedStatement): boolean {
  switch (statement.kind) {
    case 'select':
      return true;
    case 'insert':
    case 'update':
    case 'delete':
    case 'batch':
      return writeIsIdempotent(statement.tokens);
    default:
      return false;
  }
}

/** A batch is idempotent when it is not a counter batch and every statement in it is. */
export function batchIsIdempotent(statements: ClassifiedStatement[], counter: boolean): boolean {
  return !counter && statements.every(isIdempotent);
}

function writeIsIdempotent(tokens: CqlToken[]): boolean {
  let verb = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word') {
      if (token.text === 'insert' || token.text === 'update' || token.text === 'delete') verb = token.text;
      // IF NOT EXISTS, IF EXISTS, IF <condition>: a lightweight transaction.
      if (token.text === 'if' || token.text === 'counter') return false;
      if (NON_DETERMINISTIC_FUNCTIONS.has(token.text) && isPunct(tokens[i + 1], '(')) return false;
    } else if (token.kind === 'punct') {
      // Counter increments and list appends or prepends: `c = c + ?`, `l = ? + l`, `c = c - 1`.
      if ((token.text === '+' || token.text === '-') && (isName(tokens[i - 1]) || isName(tokens[i + 1]))) {
        return false;
      }
      // DELETE l[0] FROM ...: removes whichever element is at that index when it runs.
      if (token.text === '[' && verb === 'delete' && isName(tokens[i - 1])) return false;
    }
  }
  return true;
}

function isName(token: CqlToken | undefined): boolean {
  return token !== undefined && (token.kind === 'word' || token.kind === 'quoted');
}

function isPunct(token: CqlToken | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}
