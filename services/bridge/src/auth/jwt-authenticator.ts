// JWT authentication (Stargate's AuthJwtService): a token shaped like a JWT is verified against the
// keys of a JWKS URL (jose: signature, kid, exp, nbf, iss, aud); other tokens go to the token
// table as before. Validation lives in the bridge, not in the APIs, because the bridge is where
// every statement of every API is authorized already (the APIs only forward X-Cassandra-Token):
// one place checks the signature and applies the row claims to what actually runs, so a new API
// or route cannot forget them.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { createRemoteJWKSet, decodeProtectedHeader, errors as JoseErrors, jwtVerify } from 'jose';
import { tokenKey } from '../../../common/src/auth/token-key.js';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { ConfigError } from '../../../common/src/config/load-config.js';
import type { BridgeConfig } from '../config.js';
import { BridgeError } from '../errors/bridge-error.js';
import { type Authenticator, missingToken, type Principal } from './authenticator.js';
import { stargateClaimsOf } from './jwt-claims.js';

export interface JwtSettings {
  jwksUrl: string;
  issuer: string;
  /** Empty: the audience is not checked. */
  audience: string;
  /** Least time between two reads of the JWKS for an unknown kid (rotation is picked up, floods are not). */
  jwksCooldownMs: number;
  /** Keys are read again after this long even when every kid is known. */
  jwksMaxAgeMs: number;
  clockToleranceSeconds: number;
  /** How long a verified JWT is trusted from memory (never past its exp). */
  trustMs: number;
}

/** The JWT settings of the bridge config, or undefined when JWT authentication is off. */
export function jwtSettingsOf(
  config: Pick<
    BridgeConfig,
    | 'jwtJwksUrl'
    | 'jwtIssuer'
    | 'jwtAudience'
    | 'jwtJwksCooldownMs'
    | 'jwtJwksMaxAgeMs'
    | 'jwtClockToleranceSeconds'
    | 'tokenCacheMs'
  >,
): JwtSettings | undefined {
  if (config.jwtJwksUrl === '') return undefined;
  if (config.jwtIssuer === '') {
    throw new ConfigError(
      'BRIDGE_JWT_ISSUER must be set when BRIDGE_JWT_JWKS_URL is: tokens of any issuer would be accepted',
    );
  }
  return {
    jwksUrl: config.jwtJwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    jwksCooldownMs: config.jwtJwksCooldownMs,
    jwksMaxAgeMs: config.jwtJwksMaxAgeMs,
    clockToleranceSeconds: config.jwtClockToleranceSeconds,
    trustMs: config.tokenCacheMs,
  };
}

// Public-key algorithms only: a JWKS publishes verification keys, never shared secrets.
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
// Verified JWTs trusted from memory. A JWT is 1–2 KB, more with big claims, so the cache is keyed by
// tokenKey (a 44-character hash) and keeps no token: keyed by the raw JWT and cleared only at
// 100,000 entries, 25,000 users' tokens with an 8 KB claim filled the bridge's 160 MiB heap and
// killed it (test/integration/bridge/jwt-cache-flood.test.ts). An entry (key, principal, empty
// claims map, LRU slots) measured ~470 B, so 20,000 cost ~9 MB. An entry is dropped when its trust
// ends (BRIDGE_TOKEN_CACHE_MS, 60 s at most), so the count only has to cover the distinct tokens of
// one trust period; a token beyond it is verified again (one signature check). Row claims are the
// issuer's choice of size: their characters are bounded too (4 Mi, ≤ 8 MiB).
const MAX_CACHED = 20_000;
const MAX_CACHED_CLAIM_CHARS = 4 * 1024 * 1024;

export function looksLikeJwt(token: string): boolean {
  return JWT_SHAPE.test(token);
}

export class JwtAuthenticator implements Authenticator {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly cache = new BoundedCache<string, Principal>({
    maxEntries: MAX_CACHED,
    maxChars: MAX_CACHED_CLAIM_CHARS,
    charsOf: (principal, key) => key.length + principal.role.length + claimChars(principal),
  });

  constructor(
    private readonly settings: JwtSettings,
    /** Table tokens (UUIDs from /v1/auth) keep working beside JWTs. */
    private readonly fallback: Authenticator,
  ) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), {
      cooldownDuration: settings.jwksCooldownMs,
      cacheMaxAge: settings.jwksMaxAgeMs,
      timeoutDuration: 5000,
    });
  }

  async authenticate(token: string | undefined, purpose?: 'request' | 'check'): Promise<Principal> {
    if (!token) throw missingToken();
    if (!looksLikeJwt(token)) return this.fallback.authenticate(token, purpose);
    const now = Date.now();
    const key = tokenKey(token);
    const hit = this.cache.get(key);
    if (hit && (hit.trustedUntil ?? 0) > now) return hit;
    const principal = await this.verify(token, now);
    const trustMs = (principal.trustedUntil ?? now) - now;
    if (trustMs > 0) this.cache.set(key, principal, trustMs);
    return principal;
  }

  private async verify(token: string, now: number): Promise<Principal> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw unauthenticated('Malformed JWT: its header is not base64url JSON');
    }
    if (!kid) throw unauthenticated('JWT has no kid header: the key that signed it cannot be chosen');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience || undefined,
        algorithms: ALGORITHMS,
        clockTolerance: this.settings.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      throw explain(err, kid, this.settings);
    }
    const { role, rowClaims } = stargateClaimsOf(payload);
    const exp = (payload.exp as number) * 1000;
    return { role, rowClaims, trustedUntil: Math.min(now + this.settings.trustMs, exp) };
  }
}

function claimChars(principal: Principal): number {
  let chars = 0;
  for (const [column, value] of principal.rowClaims ?? []) chars += column.length + value.length;
  return chars;
}

/** What was wrong with the token, in words a caller can act on (401), or the JWKS failure (503). */
function explain(err: unknown, kid: string, settings: JwtSettings): BridgeError {
  if (err instanceof JoseErrors.JWTExpired) {
    const exp = Number(err.payload.exp);
    return unauthenticated(
      `JWT expired at ${Number.isFinite(exp) ? new Date(exp * 1000).toISOString() : '?'}`,
    );
  }
  if (err instanceof JoseErrors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case 'nbf':
        return unauthenticated(
          `JWT is not valid yet: its nbf is ${new Date(Number(err.payload.nbf) * 1000).toISOString()}`,
        );
      case 'iss':
        return unauthenticated(
          `JWT issuer ${JSON.stringify(err.payload.iss ?? null)} is not the trusted issuer ${JSON.stringify(settings.issuer)}`,
        );
      case 'aud':
        return unauthenticated(
          `JWT audience ${JSON.stringify(err.payload.aud ?? null)} does not include ${JSON.stringify(settings.audience)}`,
        );
      default:
        return unauthenticated(`JWT claim ${err.claim} is invalid: ${err.reason}`);
    }
  }
  if (err instanceof JoseErrors.JWSSignatureVerificationFailed) {
    return unauthenticated(`JWT signature does not verify with key ${JSON.stringify(kid)} of the JWKS`);
  }
  if (err instanceof JoseErrors.JWKSNoMatchingKey) {
    return unauthenticated(`JWT key id ${JSON.stringify(kid)} is not among the keys of the JWKS`);
  }
  if (err instanceof JoseErrors.JOSEAlgNotAllowed) {
    return unauthenticated(`JWT algorithm is not allowed (allowed: ${ALGORITHMS.join(', ')})`);
  }
  if (err instanceof JoseErrors.JWSInvalid || err instanceof JoseErrors.JWTInvalid) {
    return unauthenticated(`Malformed JWT: ${err.message}`);
  }
  if (err instanceof JoseErrors.JOSENotSupported) {
    return unauthenticated(`JWT cannot be verified: ${err.message}`);
  }
  // The JWKS could not be read (timeout, refused, not a JWKS): the token may well be valid.
  const message = err instanceof Error ? err.message : String(err);
  return new BridgeError(GrpcStatus.UNAVAILABLE, `JWKS at ${settings.jwksUrl} could not be read: ${message}`);
}

function unauthenticated(message: string): BridgeError {
  return new BridgeError(GrpcStatus.UNAUTHENTICATED, message);
}
