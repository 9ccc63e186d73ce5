// `ttl` (seconds) and `timestamp` (microseconds since the epoch) of a row insert or update, read
// from their text so that a refusal names the parameter and its bounds (the request validator
// only sees strings: route-schemas.ts documents them as handler-parsed integers).
import { MAX_TIMESTAMP_MICROS, MAX_TTL_SECONDS } from '../../../common/src/cql/write-time-limits.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { TableView } from '../../../common/src/schema/table-view.js';

export interface WriteOptions {
  ttlSeconds?: number;
  /** Decimal digits: bound as a bigint value. */
  timestampMicros?: string;
}

export interface WriteOptionsQuery {
  ttl?: string | string[];
  timestamp?: string | string[];
}

export function parseWriteOptions(query: WriteOptionsQuery, table: TableView): WriteOptions {
  const options: WriteOptions = {};
  if (query.ttl !== undefined) {
    options.ttlSeconds = wholeNumber(
      'ttl',
      query.ttl,
      MAX_TTL_SECONDS,
      `a whole number of seconds the written cells live, 0 (they never expire) to ${MAX_TTL_SECONDS} (20 years, the most Cassandra allows)`,
    );
  }
  if (query.timestamp !== undefined) {
    options.timestampMicros = String(
      wholeNumber(
        'timestamp',
        query.timestamp,
        MAX_TIMESTAMP_MICROS,
        `the write time as a whole number of microseconds since 1970-01-01T00:00:00Z, 0 to ${MAX_TIMESTAMP_MICROS}`,
      ),
    );
  }
  const counters = table.regularColumns.some((c) => c.isCounter);
  if (counters) {
    for (const parameter of ['ttl', 'timestamp'] as const) {
      if (query[parameter] !== undefined) {
        throw new ApiError('REST_WRITE_OPTION_INVALID', {
          parameter,
          detail: `table '${table.name}' has counter columns, and Cassandra accepts no custom ${parameter === 'ttl' ? 'TTL' : 'timestamp'} for counter updates`,
        });
      }
    }
  }
  return options;
}

function wholeNumber(parameter: string, given: string | string[], max: number, meaning: string): number {
  if (Array.isArray(given)) {
    throw new ApiError('REST_WRITE_OPTION_INVALID', { parameter, detail: 'it is given more than once' });
  }
  // Digits only, as the documented integer: no sign, blanks or exponent.
  const value = /^\d{1,20}$/.test(given) ? Number(given) : Number.NaN;
  if (!(value <= max)) {
    throw new ApiError('REST_WRITE_OPTION_INVALID', {
      parameter,
      detail: `it must be ${meaning}, got '${given}'`,
    });
  }
  return value;
}
