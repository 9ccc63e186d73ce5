// The one cache type of the code base: an LRU (lru-cache) with stated bounds, so nothing a client
// can name (keyspaces, tokens, statements) grows memory without limit. Every cache states its
// maximum entry count; a TTL is stated where entries go stale with time.
import { LRUCache } from 'lru-cache';

export interface CacheBounds {
  /** Most entries kept; the least recently used one goes first. */
  maxEntries: number;
  /** Entries older than this (ms since set) are not returned; omitted: no age limit. */
  ttlMs?: number;
  /** A read restarts the entry's age (the TTL then counts time unused). */
  touchOnGet?: boolean;
}

export interface BoundedCacheOptions<K, V> extends CacheBounds {
  /** Called for each value that leaves (evicted, expired, replaced, deleted or cleared). */
  onDrop?: (value: V, key: K) => void;
}

export class BoundedCache<K extends {}, V extends {}> {
  private readonly lru: LRUCache<K, V>;

  constructor(readonly bounds: BoundedCacheOptions<K, V>) {
    const onDrop = bounds.onDrop;
    this.lru = new LRUCache<K, V>({
      max: bounds.maxEntries,
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

  set(key: K, value: V): void {
    this.lru.set(key, value);
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
