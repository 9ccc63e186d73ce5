// TokenValidator: one bridge question per token at a time, trusted exactly as long as the bridge
// said, refusals remembered briefly, failures of the bridge never remembered.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenValidator } from '../../../../services/common/src/auth/token-validator.js';
import { BridgeCallError } from '../../../../services/common/src/bridge/bridge-call-error.js';

/** Answers each authenticate() as the test scripts it, and counts the questions. */
class ScriptedAuthentication {
  asked: string[] = [];
  answer: (token: string) => Promise<number> = async () => 1000;
  authenticate({ token }: { token: string }): Promise<number> {
    this.asked.push(token);
    return this.answer(token);
  }
}

const unauthenticated = () => new BridgeCallError(GrpcStatus.UNAUTHENTICATED, 'Invalid token', new Map());

let bridge: ScriptedAuthentication;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  bridge = new ScriptedAuthentication();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a valid token', () => {
  it('is asked once while many requests wait for the answer', async () => {
    let release!: (ms: number) => void;
    bridge.answer = () => new Promise((resolve) => (release = resolve));
    const validator = new TokenValidator(bridge, { rejectedCacheMs: 1000 });
    const waiting = Array.from({ length: 5 }, () => validator.validate('t'));
    release(5000);
    await Promise.all(waiting);
    expect(bridge.asked).toEqual(['t']);
  });

  it('is trusted from memory as long as the bridge trusts it, then asked again', async () => {
    const validator = new TokenValidator(bridge, { rejectedCacheMs: 1000 });
    bridge.answer = async () => 2000;
    await validator.validate('t');
    vi.advanceTimersByTime(1999);
    expect(validator.isTrusted('t')).toBe(true);
    await validator.validate('t');
    expect(bridge.asked).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(validator.isTrusted('t')).toBe(false);
    await validator.validate('t');
    expect(bridge.asked).toHaveLength(2);
  });

  it('is not cached when the bridge does not cache it either', async () => {
    const validator = new TokenValidator(bridge, { rejectedCacheMs: 1000 });
    bridge.answer = async () => 0;
    await validator.validate('t');
    await validator.validate('t');
    expect(bridge.asked).toHaveLength(2);
    expect(validator.isTrusted('t')).toBe(false);
  });
});

describe('a refused token', () => {
  it('is refused from memory for rejectedCacheMs only', async () => {
    const validator = new TokenValidator(bridge, { rejectedCacheMs: 1000 });
    bridge.answer = async () => {
      throw unauthenticated();
    };
    await expect(validator.validate('bad')).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    await expect(validator.validate('bad')).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    expect(bridge.asked).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    await expect(validator.validate('bad')).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    expect(bridge.asked).toHaveLength(2);
  });

  it('is asked again at once when the bridge failed otherwise (unavailable)', async () => {
    const validator = new TokenValidator(bridge, { rejectedCacheMs: 1000 });
    bridge.answer = async () => {
      throw new BridgeCallError(GrpcStatus.UNAVAILABLE, 'no bridge', new Map());
    };
    await expect(validator.validate('t')).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });
    bridge.answer = async () => 1000;
    await validator.validate('t');
    expect(bridge.asked).toHaveLength(2);
  });
});

it('remembers at most maxEntries tokens', async () => {
  const validator = new TokenValidator(bridge, { rejectedCacheMs: 1000, maxEntries: 2 });
  for (const token of ['a', 'b', 'c']) await validator.validate(token);
  expect(['a', 'b', 'c'].map((t) => validator.isTrusted(t))).toEqual([false, true, true]);
});
