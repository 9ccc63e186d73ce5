// A page of rows with a bound on its size, not only on its row count. The driver's `execute` buffers a
// whole page and decodes all of it: `SELECT * FROM t` with a page size of 100,000 over 700 rows of
// 400 KB (280 MB) killed the bridge, and with it every API ("JavaScript heap out of memory"), and a
// page of 100 rows of 16 MB (Cassandra's largest mutation) would do the same at the default page
// size. Here the driver streams the page row by row (`eachRow`, one page: it decodes a row as its
// bytes arrive and keeps nothing), rows are kept while they fit in `maxBytes`, and a page that does
// not fit is asked for again with as many rows as did fit: the caller gets that shorter page and a
// paging state for the rest, as Cassandra itself may answer fewer rows than asked.
import type cassandra from 'cassandra-driver';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { LONG_STATEMENT_CHARS } from '../cassandra/long-statement-budget.js';

type ResultSet = cassandra.types.ResultSet;

export class BoundedPages {
  /**
   * Rows that fitted when a statement's page was last too large. The next pages of that statement
   * (a client paging on with the same large page size) ask for that many rows at once instead of
   * having Cassandra read and send the whole oversized page again for each of them.
   */
  private readonly fitted = new BoundedCache<string, number>({ maxEntries: 1000 });

  constructor(private readonly maxBytes: number) {}

  async execute(
    client: cassandra.Client,
    cql: string,
    params: unknown[],
    options: cassandra.QueryOptions,
  ): Promise<ResultSet> {
    const key = cql.length <= LONG_STATEMENT_CHARS ? cql : undefined;
    const fitted = key === undefined ? undefined : this.fitted.get(key);
    const fetchSize =
      fitted === undefined ? options.fetchSize : Math.min(options.fetchSize ?? fitted, fitted);
    const rows: cassandra.types.Row[] = [];
    let bytes = 0;
    let overflow = false;
    const result = await new Promise<ResultSet>((resolve, reject) =>
      client.eachRow(
        cql,
        params,
        { ...options, fetchSize, autoPage: false },
        (_n, row) => {
          if (overflow) return;
          bytes += approximateBytes(row);
          if (bytes > this.maxBytes) {
            overflow = true;
            return;
          }
          rows.push(row);
        },
        (err, rs) => (err ? reject(err) : resolve(rs)),
      ),
    );
    if (!overflow) {
      result.rows = rows;
      return result;
    }
    // A row larger than the whole bound comes alone (Cassandra cannot send less than a row).
    const fit = Math.max(1, rows.length);
    if (key !== undefined) this.fitted.set(key, fit);
    return client.execute(cql, params, { ...options, fetchSize: fit });
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
