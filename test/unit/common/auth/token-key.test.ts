import { describe, expect, it } from 'vitest';
import { tokenKey } from '../../../../services/common/src/auth/token-key.js';

describe('tokenKey', () => {
  it('keeps a UUID token readable, and a long token short: its SHA-256', () => {
    expect(tokenKey('f3c0e4a2-1b7d-4c55-9a3e-0c6a1f2b9d10')).toBe('=f3c0e4a2-1b7d-4c55-9a3e-0c6a1f2b9d10');
    const long = tokenKey(`eyJ${'a'.repeat(15_000)}`);
    expect(long).toMatch(/^#[A-Za-z0-9_-]{43}$/);
    expect(tokenKey(`eyJ${'a'.repeat(15_000)}`)).toBe(long);
    expect(tokenKey(`eyJ${'a'.repeat(14_999)}b`)).not.toBe(long);
  });

  it('a short token cannot pose as the key of a long one', () => {
    const long = tokenKey('x'.repeat(500));
    expect(tokenKey(long)).not.toBe(long);
    expect(tokenKey(long.slice(1))).not.toBe(long);
  });
});
