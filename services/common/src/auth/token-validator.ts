// Is this X-Cassandra-Token valid? Asked of the bridge once (single-flight per token), then answered
// from memory for exactly as long as the bridge itself trusts the token (its reply says so), so a
// revoked or expired token is refused everywhere within the bridge's token-cache window and a
// valid, cached token costs no bridge round trip. Refusals are remembered only briefly; failures
// other than UNAUTHENTICATED (bridge down, overload) are never remembered.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeCallError } from '../bridge/bridge-call-error.js';

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

export class TokenValidator {
  private readonly trusted = new Map<string, number>();
  private readonly refused = new Map<string, { until: number; error: BridgeCallError }>();
  private readonly asking = new Map<string, Promise<void>>();
  private readonly maxEntries: number;

  constructor(
    private readonly bridge: TokenAuthenticationCalls,
    private readonly options: TokenValidatorOptions,
  ) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  /** True when the token is known valid right now (the hot path: no promise, no round trip). */
  isTrusted(token: string): boolean {
    const until = this.trusted.get(token);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.trusted.delete(token);
    return false;
  }

  /** Resolves when the token is valid; rejects with the bridge's error (UNAUTHENTICATED) when not. */
  validate(token: string): Promise<void> {
    if (this.isTrusted(token)) return Promise.resolve();
    const refusal = this.refused.get(token);
    if (refusal) {
      if (refusal.until > Date.now()) return Promise.reject(refusal.error);
      this.refused.delete(token);
    }
    let pending = this.asking.get(token);
    if (!pending) {
      pending = this.ask(token).finally(() => this.asking.delete(token));
      this.asking.set(token, pending);
    }
    return pending;
  }

  private async ask(token: string): Promise<void> {
    // Counted from before the question: the bridge's window started no earlier than this.
    const askedAt = Date.now();
    try {
      const trustedForMs = await this.bridge.authenticate({ token });
      if (trustedForMs > 0) remember(this.trusted, token, askedAt + trustedForMs, this.maxEntries);
    } catch (err) {
      if (
        err instanceof BridgeCallError &&
        err.code === GrpcStatus.UNAUTHENTICATED &&
        this.options.rejectedCacheMs > 0
      ) {
        const entry = { until: Date.now() + this.options.rejectedCacheMs, error: err };
        remember(this.refused, token, entry, this.maxEntries);
      }
      throw err;
    }
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V, maxEntries: number): void {
  // Oldest first out (a Map iterates in insertion order): cheap, and enough for a bound.
  if (map.size >= maxEntries) map.delete(map.keys().next().value as string);
  map.delete(key);
  map.set(key, value);
}
