// Errors of a lifted operation (inline-values.ts) point into the lifted text; a client must see
// the line and column of its own text, as if nothing had been lifted.
import { type ExecutionResult, GraphQLError, Source } from '../graphql-js.js';
import type { TextEdit } from './inline-values.js';

/** The result with each error's locations moved from the lifted text back to the client's. */
export function withClientLocations(
  result: ExecutionResult,
  clientQuery: string,
  liftedQuery: string,
  edits: readonly TextEdit[],
): ExecutionResult {
  if (!result.errors?.some((error) => error.locations?.length)) return result;
  const lineStarts = lineStartsOf(liftedQuery);
  const source = new Source(clientQuery);
  const errors = result.errors.map((error) => {
    if (!error.locations?.length) return error;
    const positions = error.locations.map((location) =>
      clientOffset((lineStarts[location.line - 1] ?? 0) + location.column - 1, edits),
    );
    return new GraphQLError(error.message, {
      source,
      positions,
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    });
  });
  return { ...result, errors };
}

/** Offset in the client's text of an offset in the lifted text (an inserted text maps to its start). */
export function clientOffset(liftedOffset: number, edits: readonly TextEdit[]): number {
  let shift = 0; // lifted offset − client offset, over the edits passed so far
  for (const edit of edits) {
    const liftedStart = edit.start + shift;
    if (liftedOffset < liftedStart) break;
    if (liftedOffset < liftedStart + edit.text.length) return edit.start;
    shift += edit.text.length - (edit.end - edit.start);
  }
  return liftedOffset - shift;
}

function lineStartsOf(text: string): number[] {
  // graphql-js counts \r\n, \n and \r as line ends.
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}
