// Counts failed logins per client address in a one-minute sliding window. @fastify/rate-limit
// counts every request; what must be limited here is only failures, so a user who types the
// right password is never slowed down by earlier successes.
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';

const WINDOW_MS = 60_000;
/** Addresses tracked; past it the one that failed least recently is forgotten. */
const MAX_ADDRESSES = 10_000;

export class LoginRateLimiter {
  private readonly failures = new BoundedCache<string, number[]>({ maxEntries: MAX_ADDRESSES });

  constructor(private readonly maxFailuresPerMinute: number) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  retryAfterSeconds(address: string, now = Date.now()): number {
    const recent = this.recent(address, now);
    if (recent.length < this.maxFailuresPerMinute) return 0;
    return Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
  }

  recordFailure(address: string, now = Date.now()): void {
    const recent = this.recent(address, now);
    recent.push(now);
    this.failures.set(address, recent);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((t) => now - t < WINDOW_MS);
  }
}
