// A page of rows with a bound on its size, not only on its row count. The driver's `execute` buffers a
// whole page and decodes all of it: `SELECT * FROM t` with a page size of 100,000 over 700 rows of
// 400 KB (280 MB) killed the bridge, and with it every API ("JavaScript heap out of memory"), and a
// page of 100 rows of 16 MB (Cassandra's largest mutation) would do the same at the default page
// size. A bounded read streams the page row by row (`eachRow`, one page: the driver decodes a row as
// its bytes arrive and keeps nothing), keeps rows while they fit in `maxBytes`, and asks again for a
// page that does not fit with as many rows as did: the caller gets that shorter page and a paging
// state for the rest, as Cassandra itself may answer fewer rows than asked.
//
// Streaming costs the driver more per row (a 100-row page: 379 vs 218 µs of bridge CPU in
// bench/compare-builds.ts), so a statement whose largest row seen so far leaves a page far below the
// bound (8 ×) is read with `execute`, and one read in 64 is bounded again to see whether its rows
// grew (then: 262 vs 252 µs). Between two such reads a statement whose rows grew a thousandfold can
// still get a page of up to fetchSize × its new row size.
import type cassandra from 'cassandra-driver';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { isKeptStatement } from '../cassandra/long-statement-budget.js';
import { streamRows } from '../cassandra/stream-rows.js';

type ResultSet = cassandra.types.ResultSet;

const SAFETY = 8;
const RECHECK_EVERY = 64;

interface StatementRows {
  /** Largest row seen by a bounded read of the statement (approximateBytes). */
  largestRow: number;
  /** Rows that fitted when a page was too large: the statement's next pages ask for that many. */
  fitted?: number;
  reads: number;
}

export class BoundedPages {
  /** Per statement text (statements up to 4 KB, as the other statement caches). */
  private readonly statements = new BoundedCache<string, StatementRows>({ maxEntries: 5000 });

  constructor(private readonly maxBytes: number) {}

  async execute(
    client: cassandra.Client,
    cql: string,
    params: unknown[],
    options: cassandra.QueryOptions,
  ): Promise<ResultSet> {
    const key = isKeptStatement(cql) ? cql : undefined;
    const known = key === undefined ? undefined : this.statements.get(key);
    const fetchSize = Math.min(options.fetchSize ?? 5000, known?.fitted ?? Number.POSITIVE_INFINITY);
    if (
      known &&
      ++known.reads % RECHECK_EVERY !== 0 &&
      fetchSize * known.largestRow * SAFETY <= this.maxBytes
    ) {
      return client.execute(cql, params, { ...options, fetchSize });
    }
    const rows: cassandra.types.Row[] = [];
    let bytes = 0;
    let largestRow = 0;
    let overflow = false;
    const result = await streamRows(
      client,
      cql,
      params,
      { ...options, fetchSize, autoPage: false },
      (row) => {
        if (overflow) return;
        const size = approximateBytes(row);
        if (size > largestRow) largestRow = size;
        bytes += size;
        if (bytes > this.maxBytes) {
          overflow = true;
          return;
        }
        rows.push(row);
      },
    );
    const record: StatementRows = known ?? { largestRow: 0, reads: 0 };
    record.largestRow = Math.max(record.largestRow, largestRow);
    if (!overflow) {
      if (key !== undefined) this.statements.set(key, record);
      result.rows = rows;
      return result;
    }
    // A row larger than the whole bound comes alone (Cassandra cannot send less than a row).
    record.fitted = Math.max(1, rows.length);
    if (key !== undefined) this.statements.set(key, record);
    return client.execute(cql, params, { ...options, fetchSize: record.fitted });
  }
}

/** What a decoded value takes, roughly: its text or bytes, 8 bytes for a number or a date. */
export function approximateBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let sum = 8;
  if (value instanceof Map) {
    for (const [k, v] of value) sum += approximateBytes(k) + approximateBytes(v);
  } else if (Array.isArray(value) || value instanceof Set) {
    for (const v of value) sum += approximateBytes(v);
  } else {
    // A row, a UDT, a tuple, or a driver type (Long, Uuid, BigDecimal, Duration…): its own fields.
    for (const v of Object.values(value)) sum += approximateBytes(v);
  }
  return sum;
}
