// Rows → Stargate's rows response, written straight to JSON text so that every value keeps its
// exact digits: {"count":N,"pageState":"<base64>","data":[{...}]} (pageState only when there is
// a next page), or with raw=true just the data array.
import type { JsonCodec } from '../../../common/src/codecs/json-codec.js';
import { jsonCodecFor } from '../../../common/src/codecs/json-value.js';
import type { ResultSet__Output } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import type { Row__Output } from '../../../common/src/proto/generated/stargate/Row.js';

/** How to write the columns of each row: quoted names and codecs, in result order. */
export interface RowLayout {
  keys: string[];
  codecs: JsonCodec[];
}

/** A returned column (or ttl/writetime field): its name and its codec per map mode. */
export interface NamedCodec {
  readonly name: string;
  codec(compactMapData: boolean): JsonCodec;
}

/** Layouts of column lists that are reused (a table's full column list), per map mode. */
const layouts = new WeakMap<readonly NamedCodec[], [RowLayout | undefined, RowLayout | undefined]>();

export function layoutOfColumns(columns: readonly NamedCodec[], compactMapData: boolean): RowLayout {
  let cached = layouts.get(columns);
  if (!cached) {
    cached = [undefined, undefined];
    layouts.set(columns, cached);
  }
  const slot = compactMapData ? 0 : 1;
  cached[slot] ??= {
    keys: columns.map((c) => `${JSON.stringify(c.name)}:`),
    codecs: columns.map((c) => c.codec(compactMapData)),
  };
  return cached[slot];
}

/** For results whose columns are not a table's (POST /v2/cql, system tables). */
export function layoutOfResultSet(
  resultSet: ResultSet__Output | undefined,
  compactMapData: boolean,
): RowLayout {
  const columns = resultSet?.columns ?? [];
  return {
    keys: columns.map((c) => `${JSON.stringify(c.name ?? '')}:`),
    codecs: columns.map((c) => jsonCodecFor(c.type, { compactMapData })),
  };
}

export function rowsJson(rows: readonly Row__Output[] | undefined, layout: RowLayout): string {
  if (!rows || rows.length === 0) return '[]';
  const { keys, codecs } = layout;
  const out: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r]!.values ?? [];
    let row = '{';
    for (let c = 0; c < keys.length; c++) {
      if (c > 0) row += ',';
      row += keys[c]! + codecs[c]!.toJson(values[c]);
    }
    out[r] = `${row}}`;
  }
  return `[${out.join(',')}]`;
}

export function rowsResponse(
  resultSet: ResultSet__Output | undefined,
  layout: RowLayout,
  raw: boolean,
): string {
  const data = rowsJson(resultSet?.rows, layout);
  if (raw) return data;
  const state = resultSet?.pagingState?.value;
  const pageState =
    state && state.length > 0 ? `,"pageState":"${Buffer.from(state).toString('base64')}"` : '';
  return `{"count":${resultSet?.rows?.length ?? 0}${pageState},"data":${data}}`;
}
