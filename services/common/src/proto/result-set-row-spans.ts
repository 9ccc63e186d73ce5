// The result set of the bridge's encoded Response with its rows left as bytes: everything else
// (column specs, page state) decoded as the plain decoder decodes it, the rows as spans to be read
// cell by cell (the GraphQL API builds its row objects from them; issue 19).
import type { ResultSet__Output } from './generated/stargate/ResultSet.js';
import { plainDecoder } from './plain-decoder.js';
import { protoRoot } from './proto-root.js';
import { LENGTH_DELIMITED, lastDelimitedField, WireReader } from './wire-reader.js';

// Field numbers of query.proto: Response.result_set, ResultSet.rows.
const RESULT_SET = 1;
const ROWS = 2;

export interface ResultSetRowSpans {
  /** The ResultSet as decoded, without its rows. */
  resultSet: ResultSet__Output;
  /** The ResultSet's bytes, which `rowSpans` point into. */
  bytes: Buffer;
  /** Where each Row message's content starts and ends in `bytes`: start0, end0, start1, end1, … */
  rowSpans: number[];
}

let decodeResultSet: ((bytes: Uint8Array) => object) | undefined;

/** The Response's result set (the last one, as decoding keeps it) with its rows as spans; undefined without one. */
export function resultSetRowSpans(encodedResponse: Buffer): ResultSetRowSpans | undefined {
  const bytes = lastDelimitedField(encodedResponse, RESULT_SET);
  if (!bytes) return undefined;
  const r = new WireReader(bytes);
  const rowSpans: number[] = [];
  // The fields other than rows, in order, to be decoded together (a few hundred bytes at most).
  const others: Buffer[] = [];
  let othersStart = 0;
  while (r.pos < r.end) {
    const fieldStart = r.pos;
    const tag = r.uint32();
    if (tag >>> 3 !== ROWS) {
      r.skip(tag & 7);
      continue;
    }
    if ((tag & 7) !== LENGTH_DELIMITED) throw new Error(`ResultSet.rows: wire type ${tag & 7}`);
    const length = r.length();
    if (fieldStart > othersStart) others.push(bytes.subarray(othersStart, fieldStart));
    rowSpans.push(r.pos, r.pos + length);
    r.pos += length;
    othersStart = r.pos;
  }
  if (r.end > othersStart) others.push(bytes.subarray(othersStart, r.end));
  decodeResultSet ??= plainDecoder(protoRoot().lookupType('stargate.ResultSet'));
  const resultSet = decodeResultSet(
    others.length === 1 ? others[0]! : Buffer.concat(others),
  ) as ResultSet__Output;
  return { resultSet, bytes, rowSpans };
}
