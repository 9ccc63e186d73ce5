// Per-role rate limits (BRIDGE_ROLE_RATE_LIMITS, "reader=100:200,batch=10:20": requests per second
// and burst). Only the bridge knows a token's role, so the limit is checked here, right after the
// token is resolved, on every request of that role (unary or multiplexed, from any API). Over it:
// RESOURCE_EXHAUSTED with the RATE_LIMITED detail and a RetryInfo (errors/load-rejection.ts), which
// the HTTP APIs answer as 429 + Retry-After. The role is the one the token was issued to (roles
// granted to it are not looked at); each bridge process counts on its own.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { loadRejectionDetails } from '../../../common/src/errors/load-rejection.js';
import { type RateLimitSettings, TokenBuckets } from '../../../common/src/load/token-bucket.js';
import { BridgeError } from '../errors/bridge-error.js';
import type { Authenticator, Principal } from './authenticator.js';

/** "reader=100:200,batch=10:20" → role → rate and burst (the config schema checked the syntax). */
export function parseRoleRateLimits(spec: string): Map<string, RateLimitSettings> {
  const limits = new Map<string, RateLimitSettings>();
  for (const entry of spec.split(',')) {
    if (!entry.trim()) continue;
    const [role, value] = entry.split('=') as [string, string];
    const [rate, burst] = value.split(':');
    limits.set(role.trim(), { ratePerSecond: Number(rate), burst: Number(burst) });
  }
  return limits;
}

export class RoleRateLimitedAuthenticator implements Authenticator {
  private readonly buckets = new Map<string, { buckets: TokenBuckets; describe: string }>();

  constructor(
    private readonly inner: Authenticator,
    limits: Map<string, RateLimitSettings>,
    private readonly onLimited: (role: string) => void = () => undefined,
  ) {
    for (const [role, { ratePerSecond, burst }] of limits) {
      this.buckets.set(role, {
        buckets: new TokenBuckets({ ratePerSecond, burst, maxKeys: 1 }),
        describe: `${ratePerSecond} requests per second, bursts of ${burst}`,
      });
    }
  }

  async authenticate(
    token: string | undefined,
    purpose: 'request' | 'check' = 'request',
  ): Promise<Principal> {
    const principal = await this.inner.authenticate(token, purpose);
    const limit = this.buckets.get(principal.role);
    // A token check by an API is not a request of the role: only what runs counts.
    if (!limit || purpose === 'check') return principal;
    const taken = limit.buckets.take(principal.role);
    if (taken.allowed) return principal;
    this.onLimited(principal.role);
    throw new BridgeError(
      GrpcStatus.RESOURCE_EXHAUSTED,
      `Rate limit of role '${principal.role}' exceeded (${limit.describe}); retry in ${Math.max(1, Math.ceil(taken.waitMs / 1000))} s`,
      loadRejectionDetails({ reason: 'RATE_LIMITED', retryAfterMs: taken.waitMs }, 'bridge'),
    );
  }
}
