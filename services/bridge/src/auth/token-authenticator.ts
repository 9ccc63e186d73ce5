// Resolves X-Cassandra-Token through the token table, trusting a resolved token from memory for a
// short while (so the hot path costs no extra query) but never past its own expiry.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { BridgeError } from '../errors/bridge-error.js';
import { fromDriverError } from '../errors/from-driver-error.js';
import { type Authenticator, missingToken, type Principal } from './authenticator.js';
import type { TokenStore } from './token-store.js';

const MAX_CACHED_TOKENS = 100_000;

export class TokenAuthenticator implements Authenticator {
  private readonly cache = new BoundedCache<string, { principal: Principal; until: number }>({
    maxEntries: MAX_CACHED_TOKENS,
  });

  constructor(
    private readonly store: TokenStore,
    private readonly cacheMs: number,
    private readonly ttlSeconds: number,
  ) {}

  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token) throw missingToken();
    const now = Date.now();
    const hit = this.cache.get(token);
    if (hit && hit.until > now) return hit.principal;
    let record: Awaited<ReturnType<TokenStore['resolve']>>;
    try {
      record = await this.store.resolve(token);
    } catch (err) {
      throw fromDriverError(err);
    }
    if (!record) {
      this.cache.delete(token);
      throw new BridgeError(GrpcStatus.UNAUTHENTICATED, 'Invalid token');
    }
    const until = now + Math.min(this.cacheMs, this.ttlSeconds * 1000);
    const principal: Principal = { role: record.username, trustedUntil: until };
    this.cache.set(token, { principal, until });
    return principal;
  }
}
