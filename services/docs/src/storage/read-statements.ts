// The CQL of a read by id, built once per collection: it is the same text on every read, and
// building it (quoting, joining) on each request showed in CPU profiles of the hot path.
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { buildSelect } from '../../../common/src/cql/select.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { COLUMNS } from './collection-table.js';

export interface CollectionName {
  keyspace: string;
  table: string;
}

/** Enough for every collection a process serves; past it the least recently read goes first. */
const MAX_CACHED = 2000;
const cache = new BoundedCache<string, string>({ maxEntries: MAX_CACHED });

/** `SELECT DISTINCT "key", "doc"[, TTL("doc")] FROM ks.t WHERE "key" = ?` with its one value. */
export function readByIdStatement(
  c: CollectionName,
  id: string,
  withTtl: boolean,
): { cql: string; values: Value[] } {
  const cacheKey = `${withTtl ? 't' : 'd'}.${c.keyspace}.${c.table}`;
  let cql = cache.get(cacheKey);
  if (cql === undefined) {
    // DISTINCT on the partition key and static columns reads only the static row.
    cql = buildSelect({
      keyspace: c.keyspace,
      table: c.table,
      selectors: withTtl ? ['DISTINCT "key"', '"doc"', 'TTL("doc")'] : ['DISTINCT "key"', '"doc"'],
      where: [{ column: COLUMNS.key, operator: '=', value: { string: '' } }],
    }).cql;
    cache.set(cacheKey, cql);
  }
  return { cql, values: [{ string: id }] };
}
