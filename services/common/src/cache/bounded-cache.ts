// The one cache type of the code base: an LRU (lru-cache) with stated bounds, so nothing a client
// can name (keyspaces, tokens, statements) grows memory without limit. Every cache states its
// maximum entry count; a TTL is stated where entries go stale with time, and a budget in characters
// (or approximate bytes) where an entry's size is the client's choice (a count of entries of unknown
// size bounds nothing).
import { LRUCache } from 'lru-cache';

export interface CacheBounds<K = unknown, V = unknown> {
  /** Most entries kept; the least recently used one goes first. */
  maxEntries: number;
  /** Entries older than this (ms since set) are not returned; omitted: no age limit. */
  ttlMs?: number;
  /** A read restarts the entry's age (the TTL then counts time unused). */
  touchOnGet?: boolean;
  /**
   * Most characters kept, as `charsOf` counts them (a cache may count approximate bytes instead:
   * one measure per cache); the least recently used entries go first, and an entry larger than the
   * whole budget is not kept at all, unless `oversized` says otherwise. Omitted: the count alone bounds.
   */
  maxChars?: number;
  /** The characters an entry holds (its key's and its value's client-chosen text); needed with maxChars. */
  charsOf?: (value: V, key: K) => number;
  /**
   * 'alone': an entry larger than the whole budget is kept as the only one (counted as the whole
   * budget), for values the process builds to serve a request anyway (keeping it costs nothing
   * more, building it again on every request would). Default 'dropped': not kept.
   */
  oversized?: 'dropped' | 'alone';
  /** Called for each value that leaves (evicted, expired, replaced, deleted or cleared). */
  onDrop?: (value: V, key: K) => void;
}

export class BoundedCache<K extends {}, V extends {}> {
  private readonly lru: LRUCache<K, V>;

  constructor(readonly bounds: NoInfer<CacheBounds<K, V>>) {
    const { charsOf, onDrop, maxChars } = bounds;
    if ((bounds.maxChars === undefined) !== (charsOf === undefined)) {
      throw new TypeError('BoundedCache: maxChars and charsOf go together');
    }
    this.lru = new LRUCache<K, V>({
      max: bounds.maxEntries,
      ...(maxChars !== undefined && charsOf
        ? {
            maxSize: maxChars,
            sizeCalculation: (value, key) => {
              const chars = Math.max(1, Math.ceil(charsOf(value, key)));
              return bounds.oversized === 'alone' ? Math.min(chars, maxChars) : chars;
            },
          }
        : {}),
      ...(bounds.ttlMs !== undefined && bounds.ttlMs > 0
        ? { ttl: bounds.ttlMs, updateAgeOnGet: bounds.touchOnGet ?? false }
        : {}),
      ...(onDrop ? { disposeAfter: (value: V, key: K) => onDrop(value, key) } : {}),
    });
  }

  get(key: K): V | undefined {
    return this.lru.get(key);
  }

  has(key: K): boolean {
    return this.lru.has(key);
  }

  /** `ttlMs`: this entry's own age limit (e.g. a credential trusted until it expires). */
  set(key: K, value: V, ttlMs?: number): void {
    this.lru.set(key, value, ttlMs === undefined ? undefined : { ttl: Math.max(1, Math.ceil(ttlMs)) });
  }

  delete(key: K): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  values(): V[] {
    return [...this.lru.values()];
  }

  keys(): K[] {
    return [...this.lru.keys()];
  }
}
