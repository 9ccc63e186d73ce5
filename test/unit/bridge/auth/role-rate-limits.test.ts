import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type { Authenticator } from '../../../../services/bridge/src/auth/authenticator.js';
import {
  parseRoleRateLimits,
  RoleRateLimitedAuthenticator,
} from '../../../../services/bridge/src/auth/role-rate-limits.js';
import { BridgeError } from '../../../../services/bridge/src/errors/bridge-error.js';
import { readLoadRejection } from '../../../../services/common/src/errors/load-rejection.js';

// Tokens are their role's name here: the limit only looks at the resolved principal.
const byName: Authenticator = {
  authenticate: async (token) => ({ role: token ?? '' }),
};

describe('BRIDGE_ROLE_RATE_LIMITS', () => {
  it('parses role=rate:burst pairs', () => {
    expect(parseRoleRateLimits('reader=100:200,batch=0.5:20')).toEqual(
      new Map([
        ['reader', { ratePerSecond: 100, burst: 200 }],
        ['batch', { ratePerSecond: 0.5, burst: 20 }],
      ]),
    );
    expect(parseRoleRateLimits('').size).toBe(0);
  });

  it('refuses a limited role past its burst with RESOURCE_EXHAUSTED RATE_LIMITED; other roles pass', async () => {
    const limited: string[] = [];
    const auth = new RoleRateLimitedAuthenticator(byName, parseRoleRateLimits('batch=1:2'), (role) =>
      limited.push(role),
    );
    await expect(auth.authenticate('batch')).resolves.toMatchObject({ role: 'batch' });
    await expect(auth.authenticate('batch')).resolves.toMatchObject({ role: 'batch' });
    const err = await auth.authenticate('batch').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    const refusal = err as BridgeError;
    expect(refusal.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(refusal.message).toMatch(
      /^Rate limit of role 'batch' exceeded \(1 requests per second, bursts of 2\)/,
    );
    const rejection = readLoadRejection(
      new Map(refusal.details.map((d) => [d.typeName.toLowerCase(), d.bytes])),
    );
    expect(rejection?.reason).toBe('RATE_LIMITED');
    expect(rejection?.retryAfterMs).toBeGreaterThan(0);
    expect(rejection?.retryAfterMs).toBeLessThanOrEqual(1000);
    expect(limited).toEqual(['batch']);
    for (let i = 0; i < 10; i++)
      await expect(auth.authenticate('reader')).resolves.toMatchObject({ role: 'reader' });
  });

  it('an unknown token is refused by the token check, not counted', async () => {
    const refusing: Authenticator = {
      authenticate: async () => {
        throw new BridgeError(GrpcStatus.UNAUTHENTICATED, 'Invalid token');
      },
    };
    const auth = new RoleRateLimitedAuthenticator(refusing, parseRoleRateLimits('x=1:1'));
    await expect(auth.authenticate('x')).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
  });
});
