// Is this X-Cassandra-Token valid? Asked of the bridge once (single-flight per token), then answered
// from memory for exactly as long as the bridge itself trusts the token (its reply says so), so a
// revoked or expired token is refused everywhere within the bridge's token-cache window and a
// valid, cached token costs no bridge round trip. Refusals are remembered only briefly; failures
// other than UNAUTHENTICATED (bridge down, overload) are never remembered.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeCallError } from '../bridge/bridge-call-error.js';
import { BoundedCache } from '../cache/bounded-cache.js';
import { tokenKey } from './token-key.js';

export interface TokenAuthenticationCalls {
  /** The bridge's trust window of the token in ms; throws UNAUTHENTICATED when it is not valid. */
  authenticate(options: { token: string }): Promise<number>;
}

export interface TokenValidatorOptions {
  /** How long a refused token is refused from memory (0: ask again each time). */
  rejectedCacheMs: number;
  /** Bound on remembered tokens of each kind: a flood of random tokens cannot grow memory. */
  maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 100_000;
/** Refusals keep the bridge's error beside the key: fewer of them, a flood of bad tokens only evicts. */
const MAX_REFUSED = 10_000;

export class TokenValidator {
  private readonly trusted: BoundedCache<string, number>;
  private readonly refused: BoundedCache<string, { until: number; error: BridgeCallError }>;
  private readonly asking: BoundedCache<string, Promise<void>>;

  constructor(
    private readonly bridge: TokenAuthenticationCalls,
    private readonly options: TokenValidatorOptions,
  ) {
    const bounds = { maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES };
    this.trusted = new BoundedCache(bounds);
    this.refused = new BoundedCache({ maxEntries: Math.min(bounds.maxEntries, MAX_REFUSED) });
    this.asking = new BoundedCache(bounds);
  }

  /** True when the token is known valid right now (the hot path: no promise, no round trip). */
  isTrusted(token: string): boolean {
    return this.isTrustedKey(tokenKey(token));
  }

  /** Resolves when the token is valid; rejects with the bridge's error (UNAUTHENTICATED) when not. */
  validate(token: string): Promise<void> {
    const key = tokenKey(token);
    if (this.isTrustedKey(key)) return Promise.resolve();
    const refusal = this.refused.get(key);
    if (refusal) {
      if (refusal.until > Date.now()) return Promise.reject(refusal.error);
      this.refused.delete(key);
    }
    let pending = this.asking.get(key);
    if (!pending) {
      const started = this.ask(token, key).finally(() => {
        if (this.asking.get(key) === started) this.asking.delete(key);
      });
      pending = started;
      this.asking.set(key, started);
    }
    return pending;
  }

  private isTrustedKey(key: string): boolean {
    const until = this.trusted.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.trusted.delete(key);
    return false;
  }

  private async ask(token: string, key: string): Promise<void> {
    // Counted from before the question: the bridge's window started no earlier than this.
    const askedAt = Date.now();
    try {
      const trustedForMs = await this.bridge.authenticate({ token });
      if (trustedForMs > 0) this.trusted.set(key, askedAt + trustedForMs);
    } catch (err) {
      if (
        err instanceof BridgeCallError &&
        err.code === GrpcStatus.UNAUTHENTICATED &&
        this.options.rejectedCacheMs > 0
      ) {
        const entry = { until: Date.now() + this.options.rejectedCacheMs, error: err };
        this.refused.set(key, entry);
      }
      throw err;
    }
  }
}
