// Per-key token buckets: each key may send `burst` requests at once and `ratePerSecond` on average
// after that; a refused request learns how long until its next token. One definition of
// "rate:burst" for every layer (HTTP APIs through @fastify/rate-limit's store, the gRPC API, the
// bridge's per-role limits). Keys are kept in a BoundedCache (least recently used dropped past
// `maxKeys`): a dropped key starts again with a full bucket, so memory is bounded and the error is
// on the lenient side.
import { BoundedCache } from '../cache/bounded-cache.js';

/** A rate limit as configured: RATE_LIMIT_REQUESTS_PER_SECOND, RATE_LIMIT_BURST_REQUESTS. */
export interface RateLimitSettings {
  /** Requests per second per key; 0: no limit. */
  ratePerSecond: number;
  /** Requests a key may send at once; 0: one second's worth of the rate. */
  burst: number;
}

/** The burst a setting means (0 stands for one second's worth of the rate, at least 1). */
export function effectiveBurst(settings: RateLimitSettings): number {
  return settings.burst > 0 ? settings.burst : Math.max(1, Math.ceil(settings.ratePerSecond));
}

export interface TokenBucketOptions {
  ratePerSecond: number;
  burst: number;
  /** Most keys remembered at once. */
  maxKeys?: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: time until one token is back; when allowed: time until the bucket is full. */
  waitMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets: BoundedCache<string, Bucket>;
  private readonly perMs: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) {
      throw new RangeError('a token bucket needs a rate above 0 and a burst of at least 1');
    }
    this.perMs = options.ratePerSecond / 1000;
    this.buckets = new BoundedCache({ maxEntries: options.maxKeys ?? 100_000 });
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string, now = Date.now()): TakeResult {
    const { burst } = this.options;
    const bucket = this.buckets.get(key);
    let tokens = burst;
    if (bucket) tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    this.buckets.set(key, { tokens, at: now });
    return {
      allowed,
      remaining: Math.floor(tokens),
      waitMs: allowed ? Math.ceil((burst - tokens) / this.perMs) : Math.ceil((1 - tokens) / this.perMs),
    };
  }
}
