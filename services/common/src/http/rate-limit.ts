// Per-token rate limits for the HTTP APIs, through @fastify/rate-limit (keying, headers, 429,
// per-route exemption) with our token bucket as its store. The plugin's own store counts in fixed
// windows, which lets a client send twice its limit across a window boundary and then makes it
// wait a whole window; a token bucket behind the same plugin gives "rate per second, burst" its
// usual meaning, the same one the gRPC API and the bridge's per-role limits use. The plugin passes
// the store (max, timeWindow) = (burst, time to refill a whole burst), so the bucket is exactly
// max tokens refilled over timeWindow. Requests without a token are keyed by client address.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tokenKey } from '../auth/token-key.js';
import { ApiError } from '../errors/api-error.js';
import { effectiveBurst, type RateLimitSettings, TokenBuckets } from '../load/token-bucket.js';
import type { LoadMetrics } from '../metrics/load-metrics.js';
import { tokenHeader } from './auth-token.js';

export interface RateLimitOptions extends RateLimitSettings {
  metrics: LoadMetrics;
}

type StoreCallback = (err: Error | null, result: { current: number; ttl: number }) => void;

function rateLimitKey(req: FastifyRequest): string {
  const token = tokenHeader(req);
  return token ? `token:${tokenKey(token)}` : `address:${req.ip}`;
}

export async function installRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  if (!(options.ratePerSecond > 0)) return;
  const burst = effectiveBurst(options);
  const buckets = new TokenBuckets({ ratePerSecond: options.ratePerSecond, burst });
  const describe = `${options.ratePerSecond} requests per second, bursts of ${burst}`;

  // @fastify/rate-limit's store contract: incr(key, cb(err, {current, ttl})); current above max
  // refuses the request and ttl (ms) becomes Retry-After. Routes share one set of buckets.
  class TokenBucketStore {
    incr(key: string, callback: StoreCallback, _timeWindow: number, max: number): void {
      const taken = buckets.take(key);
      callback(null, { current: taken.allowed ? max - taken.remaining : max + 1, ttl: taken.waitMs });
    }
    child(): TokenBucketStore {
      return this;
    }
  }

  // Loaded only when a limit is set: most deployments never pay for it at start.
  const { default: rateLimit } = await import('@fastify/rate-limit');
  await app.register(rateLimit, {
    max: burst,
    timeWindow: Math.ceil((burst / options.ratePerSecond) * 1000),
    store: TokenBucketStore,
    keyGenerator: rateLimitKey,
    onExceeded: (_req, key) => options.metrics.rateLimited(key.startsWith('token:') ? 'token' : 'address'),
    errorResponseBuilder: (_req, context) =>
      ApiError.loadRejected(
        { reason: 'RATE_LIMITED', retryAfterMs: context.ttl },
        `${describe} per token or client address`,
      ),
  });
}
