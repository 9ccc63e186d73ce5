// Stargate's claims in a verified JWT payload: the role to act as and the row claims.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { stargateClaimsOf } from '../../../../services/bridge/src/auth/jwt-claims.js';
import { BridgeError } from '../../../../services/bridge/src/errors/bridge-error.js';

describe('stargateClaimsOf', () => {
  it('reads the role and every other x-stargate- claim as a column restriction', () => {
    const claims = stargateClaimsOf({
      sub: 'u1',
      stargate_claims: {
        'x-stargate-role': 'web_user',
        'x-stargate-userid': 'u1',
        'x-stargate-tier': 3,
        other: 'x',
      },
    });
    expect(claims.role).toBe('web_user');
    expect([...claims.rowClaims]).toEqual([
      ['userid', 'u1'],
      ['tier', '3'],
    ]);
  });

  it.each([
    [{}, 'JWT has no stargate_claims claim'],
    [{ stargate_claims: 'web_user' }, 'JWT claim stargate_claims must be a JSON object'],
    [{ stargate_claims: {} }, 'JWT claim stargate_claims has no x-stargate-role'],
    [{ stargate_claims: { 'x-stargate-role': '' } }, 'has no x-stargate-role'],
    [
      { stargate_claims: { 'x-stargate-role': 'r', 'x-stargate-userid': ['a'] } },
      'x-stargate-userid must be a string',
    ],
  ])('%j is refused: %s', (payload, message) => {
    let error: unknown;
    try {
      stargateClaimsOf(payload);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect((error as BridgeError).message).toContain(message);
  });
});
